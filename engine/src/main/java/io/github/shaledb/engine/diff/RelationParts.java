package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.Table;

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
    private Set<String> changedColumns;

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
     * uses is (a function dropped and created), or a column it reads is dropped or changes type, which PostgreSQL
     * refuses under it ("cannot alter type of a column used in a trigger definition").
     */
    boolean mustRecreate(String id) {
        if (differ.replaced(id)) {
            return true;
        }
        Set<String> columns = changedColumns();
        return differ.sourceDependencies.dependenciesOf(id).stream().anyMatch(columns::contains);
    }

    /**
     * Whether the object {@code id} of the relation {@code name}, which the plan drops, goes with it without a
     * statement of its own: nothing it uses is dropped before the relation. A function that reads a table or
     * view is (with the views), and so is another table or view, or a column of one.
     */
    boolean goesWithRelation(String id, QualifiedName name) {
        Set<String> own = new HashSet<>();
        String relation = DependencyIndex.relation(differ.from, name);
        own.add(relation);
        differ.from.table(name).ifPresent(t -> t.columns().forEach(c -> own.add(ObjectId.column(name, c.name()))));
        differ.from.view(name).ifPresent(v -> v.columns().forEach(c -> own.add(ObjectId.column(name, c.name()))));
        for (String needed : differ.sourceDependencies.dependenciesOf(id)) {
            if (own.contains(needed)) {
                continue;
            }
            String kind = ObjectId.kindOf(needed);
            boolean droppedEarly = kind.equals("function") ? differ.replaced(needed)
                    && differ.sourceDependencies.needs(needed, RelationParts::relationOrColumn)
                    : relationOrColumn(needed);
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

    /** The source columns of tables that stay which are dropped, retyped or dropped and added back. */
    private Set<String> changedColumns() {
        if (changedColumns == null) {
            changedColumns = new HashSet<>();
            for (Table table : differ.from.tables()) {
                Table target = differ.to.table(table.name()).orElse(null);
                if (target == null || differ.replaced(ObjectId.table(table.name()))) {
                    continue;
                }
                for (Column column : table.columns()) {
                    String id = ObjectId.column(table.name(), column.name());
                    Column next = target.column(column.name()).orElse(null);
                    if (next == null || !next.type().equals(column.type())
                            || !Objects.equals(next.collation(), column.collation()) || differ.recreated.contains(id)) {
                        changedColumns.add(id);
                    }
                }
            }
        }
        return changedColumns;
    }
}
