package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.View;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What triggers and policies share: they are parts of a table (or, for an {@code INSTEAD OF} trigger, a view)
 * that PostgreSQL drops with it, and that block some of its changes. Asked by their diffs, which run after
 * the tables' and views'.
 */
final class RelationParts {
    private final SchemaDiffer differ;
    private Set<String> goneOrChanged;

    RelationParts(SchemaDiffer differ) {
        this.differ = differ;
    }

    /** Whether the plan drops the source table or view {@code name}: for good, or to create it again. */
    boolean relationGoes(QualifiedName name) {
        if (differ.from.view(name).isPresent()) {
            return differ.to.view(name).isEmpty() || differ.droppedViews.contains(name);
        }
        return differ.to.table(name).isEmpty() || differ.replaced(ObjectId.table(name));
    }

    /**
     * Whether the source object {@code id} must be dropped and created again although it stays: something it
     * uses is (a function dropped and created), or goes before it could be changed (a table or view its
     * subquery reads, a function that reads a view dropped), or a column it reads is dropped or changes type,
     * which PostgreSQL refuses under it ("cannot alter type of a column used in a policy definition").
     */
    boolean mustRecreate(String id) {
        return differ.replaced(id) || differ.sourceDependencies.needs(id, goneOrChanged()::contains);
    }

    /**
     * Whether the object {@code id} of the relation {@code name}, which the plan drops, goes with it without a
     * statement of its own: nothing it uses is dropped before the relation, as another table or view is, or a
     * function that reads one and is dropped (those go with the views, before the tables).
     */
    boolean goesWithRelation(String id, QualifiedName name) {
        Set<String> own = new HashSet<>();
        own.add(DependencyIndex.relation(differ.from, name));
        differ.from.table(name).ifPresent(t -> t.columns().forEach(c -> own.add(ObjectId.column(name, c.name()))));
        differ.from.view(name).ifPresent(v -> v.columns().forEach(c -> own.add(ObjectId.column(name, c.name()))));
        Set<String> gone = goneOrChanged();
        for (String needed : differ.sourceDependencies.dependenciesOf(id)) {
            if (own.contains(needed)) {
                continue;
            }
            boolean droppedEarly = ObjectId.kindOf(needed).equals("function")
                    ? (differ.replaced(needed) || differ.sourceDependencies.needs(needed, gone::contains))
                    && differ.sourceDependencies.needs(needed, RelationParts::relationOrColumn)
                    : gone.contains(needed);
            if (droppedEarly) {
                return false;
            }
        }
        return true;
    }

    private static boolean relationOrColumn(String id) {
        String kind = ObjectId.kindOf(id);
        return kind.equals("table") || kind.equals("view") || kind.equals("column");
    }

    /**
     * The source tables and views the plan drops (for good or to create again) with their columns, and the
     * columns of the tables that stay which are dropped, retyped, or dropped and added back.
     */
    private Set<String> goneOrChanged() {
        if (goneOrChanged == null) {
            goneOrChanged = new HashSet<>();
            for (Table table : differ.from.tables()) {
                Table target = differ.to.table(table.name()).orElse(null);
                boolean goes = relationGoes(table.name());
                if (goes) {
                    goneOrChanged.add(ObjectId.table(table.name()));
                }
                for (Column column : table.columns()) {
                    Column next = goes ? null : target.column(column.name()).orElse(null);
                    boolean changed = next == null || !next.type().equals(column.type())
                            || !Objects.equals(next.collation(), column.collation());
                    // The id only where it is needed: this runs for every column of the schema.
                    if (changed || !differ.recreated.isEmpty()
                            && differ.recreated.contains(ObjectId.column(table.name(), column.name()))) {
                        goneOrChanged.add(ObjectId.column(table.name(), column.name()));
                    }
                }
            }
            for (View view : differ.from.views()) {
                if (relationGoes(view.name())) {
                    goneOrChanged.add(ObjectId.view(view.name()));
                    view.columns().forEach(c -> goneOrChanged.add(ObjectId.column(view.name(), c.name())));
                }
            }
        }
        return goneOrChanged;
    }
}
