package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.ColumnRef;
import io.github.shaledb.engine.schema.Dependency;
import io.github.shaledb.engine.schema.Constraint;
import io.github.shaledb.engine.schema.ForeignKey;
import io.github.shaledb.engine.schema.Index;
import io.github.shaledb.engine.schema.IndexKey;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.Policy;
import io.github.shaledb.engine.schema.Privileges;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.RowSecurity;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Sequence;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.Trigger;
import io.github.shaledb.engine.schema.View;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * The renames the decider accepted, asked pair by pair in name order: a table that disappears and one
 * that appears in the same schema, a column that disappears and one of the same type that appears in
 * the same table. Accepted renames are statements; the rest of the diff then compares the source
 * model with those names already changed.
 */
final class Renames {
    /** Old table name to new. */
    final Map<QualifiedName, QualifiedName> tables = new TreeMap<>();
    /** Per table (by its new name): old column name to new. */
    final Map<QualifiedName, Map<String, String>> columns = new TreeMap<>();
    final List<RenameCandidate> undecided = new ArrayList<>();

    static Renames decide(SchemaModel from, SchemaModel to, RenameDecider decider, Plan plan) {
        Renames renames = new Renames();
        renames.decideTables(from, to, decider, plan);
        renames.decideColumns(from, to, decider, plan);
        return renames;
    }

    private void decideTables(SchemaModel from, SchemaModel to, RenameDecider decider, Plan plan) {
        Set<QualifiedName> taken = new HashSet<>();
        // Looked up once, not once per added table: most tables of a large schema are in both models.
        List<Table> removedTables = from.tables().stream().filter(t -> to.table(t.name()).isEmpty()).toList();
        for (Table added : to.tables()) {
            if (from.table(added.name()).isPresent()) {
                continue;
            }
            for (Table removed : removedTables) {
                QualifiedName old = removed.name();
                if (!old.schema().equals(added.name().schema()) || taken.contains(old)) {
                    continue;
                }
                RenameCandidate candidate = new RenameCandidate(RenameCandidate.Kind.TABLE, old, old.name(),
                        added.name().name());
                RenameDecider.Decision decision = decider.decide(candidate);
                if (decision == RenameDecider.Decision.RENAME) {
                    taken.add(old);
                    tables.put(old, added.name());
                    plan.add(Phase.RENAMES, "ALTER TABLE " + qualified(old) + " RENAME TO " + quote(added.name().name()));
                    break;
                }
                if (decision == RenameDecider.Decision.UNDECIDED) {
                    undecided.add(candidate);
                }
            }
        }
    }

    private void decideColumns(SchemaModel from, SchemaModel to, RenameDecider decider, Plan plan) {
        for (Table target : to.tables()) {
            Table source = sourceOf(from, target.name());
            if (source == null || target.partitionOf() != null) {
                continue; // a partition's columns are its parent's
            }
            Set<String> taken = new HashSet<>();
            for (Column added : target.columns()) {
                if (source.column(added.name()).isPresent()) {
                    continue;
                }
                for (Column removed : source.columns()) {
                    if (target.column(removed.name()).isPresent() || taken.contains(removed.name())
                            || !removed.type().equals(added.type())) {
                        continue;
                    }
                    RenameCandidate candidate = new RenameCandidate(RenameCandidate.Kind.COLUMN, target.name(),
                            removed.name(), added.name());
                    RenameDecider.Decision decision = decider.decide(candidate);
                    if (decision == RenameDecider.Decision.RENAME) {
                        taken.add(removed.name());
                        columns.computeIfAbsent(target.name(), t -> new TreeMap<>()).put(removed.name(), added.name());
                        plan.add(Phase.RENAMES, "ALTER TABLE " + qualified(target.name()) + " RENAME COLUMN "
                                + quote(removed.name()) + " TO " + quote(added.name()));
                        break;
                    }
                    if (decision == RenameDecider.Decision.UNDECIDED) {
                        undecided.add(candidate);
                    }
                }
            }
        }
    }

    private Table sourceOf(SchemaModel from, QualifiedName target) {
        if (tables.isEmpty()) {
            return from.table(target).orElse(null);
        }
        QualifiedName old = tables.entrySet().stream().filter(e -> e.getValue().equals(target)).map(Map.Entry::getKey)
                .findFirst().orElse(target);
        return from.table(old).orElse(null);
    }

    /** Whether {@code candidate}, asked by the reverse diff, undoes one of these renames. */
    boolean reverses(RenameCandidate candidate) {
        QualifiedName upNew = QualifiedName.of(candidate.table().schema(), candidate.from());
        if (candidate.kind() == RenameCandidate.Kind.TABLE) {
            return upNew.equals(tables.get(QualifiedName.of(candidate.table().schema(), candidate.to())));
        }
        // The reverse asks with the table's up-side old name; the up renames are keyed by its new name.
        QualifiedName upTable = table(candidate.table());
        return candidate.to().equals(columns.getOrDefault(upTable, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().equals(candidate.from())).map(Map.Entry::getKey).findFirst().orElse(null));
    }

    QualifiedName table(QualifiedName name) {
        return tables.getOrDefault(name, name);
    }

    /** The column's name after the renames, {@code table} being the table's new name. */
    String column(QualifiedName table, String column) {
        return columns.getOrDefault(table, Map.of()).getOrDefault(column, column);
    }

    /**
     * {@code from} as it reads once the renames ran: object names and references changed, and the catalog
     * texts that name them (constraint and index definitions, expressions, views reading a renamed table)
     * as PostgreSQL prints them after the rename. A view reading a renamed column is left as it was: its
     * query now names the column differently, so it is recreated.
     */
    SchemaModel apply(SchemaModel from) {
        if (tables.isEmpty() && columns.isEmpty()) {
            return from;
        }
        List<Table> renamedTables = from.tables().stream().map(this::renamed).toList();
        List<Sequence> sequences = from.sequences().stream().map(s -> s.ownedBy() == null ? s
                : new Sequence(s.name(), s.options(), columnRef(s.ownedBy()), s.identity(), s.comment())).toList();
        List<View> views = from.views().stream().map(v -> new View(v.name(), v.materialized(), viewDefinition(v),
                v.columns(), v.dependsOn().stream().map(this::table).toList(), v.options(), v.indexes(), v.comment()))
                .toList();
        List<Trigger> triggers = from.all(ObjectKind.TRIGGERS).stream().map(t -> new Trigger(table(t.table()), t.name(),
                RenamedText.trigger(t.definition(), t.table(), table(t.table()), columns.getOrDefault(table(t.table()), Map.of())),
                t.state(), t.constraint(), t.comment())).toList();
        List<Policy> policies = from.all(ObjectKind.POLICIES).stream().map(p -> new Policy(table(p.table()), p.name(),
                p.permissive(), p.command(), p.roles(), policyExpression(p.using(), p.table()),
                policyExpression(p.withCheck(), p.table()), p.comment())).toList();
        List<RowSecurity> rowSecurity = from.all(ObjectKind.ROW_SECURITY).stream()
                .map(r -> new RowSecurity(table(r.table()), r.enabled(), r.forced())).toList();
        return from.toBuilder()
                .put(ObjectKind.SEQUENCES, sequences)
                .put(ObjectKind.TABLES, renamedTables)
                .put(ObjectKind.VIEWS, views)
                .put(ObjectKind.TRIGGERS, triggers)
                .put(ObjectKind.POLICIES, policies)
                .put(ObjectKind.ROW_SECURITY, rowSecurity)
                .put(ObjectKind.PRIVILEGES, from.all(ObjectKind.PRIVILEGES).stream().map(p -> privileges(from, p)).toList())
                .put(ObjectKind.DEPENDENCIES, from.dependencies().stream()
                        .map(d -> new Dependency(renamedId(from, d.object()), renamedId(from, d.dependsOn()))).toList())
                .build();
    }

    /** Privileges on a renamed table or column go with it. */
    private Privileges privileges(SchemaModel from, Privileges p) {
        if (!p.type().equals("TABLE") || from.table(QualifiedName.of(p.schema(), p.name())).isEmpty()) {
            return p;
        }
        QualifiedName name = table(QualifiedName.of(p.schema(), p.name()));
        String object = renamedId(from, p.object());
        return object.equals(p.object()) ? p
                : p.on(object, name.schema(), name.name(), p.column() == null ? null : column(name, p.column()));
    }

    /** The ObjectId of a renamed table, or of a part of one, as it reads after the renames. */
    String renamedId(SchemaModel from, String id) {
        return idRenames(from).getOrDefault(id, id);
    }

    private Map<String, String> idRenames;

    private Map<String, String> idRenames(SchemaModel from) {
        if (idRenames == null) {
            idRenames = new HashMap<>();
            for (Table t : from.tables()) {
                QualifiedName name = table(t.name());
                Map<String, String> local = columns.getOrDefault(name, Map.of());
                if (name.equals(t.name()) && local.isEmpty()) {
                    continue;
                }
                idRenames.put(ObjectId.table(t.name()), ObjectId.table(name));
                t.columns().forEach(c -> idRenames.put(ObjectId.column(t.name(), c.name()),
                        ObjectId.column(name, local.getOrDefault(c.name(), c.name()))));
                t.constraints().forEach(c -> idRenames.put(ObjectId.constraint(t.name(), c.name()),
                        ObjectId.constraint(name, c.name())));
            }
            for (Trigger t : from.all(ObjectKind.TRIGGERS)) {
                if (!table(t.table()).equals(t.table())) {
                    idRenames.put(ObjectId.trigger(t.table(), t.name()), ObjectId.trigger(table(t.table()), t.name()));
                }
            }
            for (Policy p : from.all(ObjectKind.POLICIES)) {
                if (!table(p.table()).equals(p.table())) {
                    idRenames.put(ObjectId.policy(p.table(), p.name()), ObjectId.policy(table(p.table()), p.name()));
                }
            }
        }
        return idRenames;
    }

    /**
     * A policy's {@code USING} or {@code WITH CHECK} after the renames: its table's columns, and the tables its
     * subqueries read with the prefix PostgreSQL derives from their names.
     */
    private String policyExpression(String expression, QualifiedName policyTable) {
        if (expression == null) {
            return null;
        }
        String text = RenamedText.columns(expression, columns.getOrDefault(table(policyTable), Map.of()));
        for (Map.Entry<QualifiedName, QualifiedName> rename : tables.entrySet()) {
            text = RenamedText.viewAfterTableRename(text, rename.getKey(), rename.getValue());
        }
        return text;
    }

    private String viewDefinition(View v) {
        String definition = v.definition();
        for (QualifiedName read : v.dependsOn()) {
            definition = RenamedText.viewAfterTableRename(definition, read, table(read));
        }
        return definition;
    }

    private ColumnRef columnRef(ColumnRef ref) {
        QualifiedName table = table(ref.table());
        return new ColumnRef(table, column(table, ref.column()));
    }

    private Table renamed(Table t) {
        QualifiedName name = table(t.name());
        Map<String, String> local = columns.getOrDefault(name, Map.of());
        List<Column> cols = t.columns().stream().map(c -> new Column(column(name, c.name()), c.position(), c.type(),
                c.notNull(), c.defaultExpression(), c.ownedSequence(), c.identity(),
                RenamedText.columns(c.generatedExpression(), local), c.collation(), c.comment())).toList();
        List<Constraint> constraints = t.constraints().stream().map(c -> new Constraint(c.name(), c.type(),
                constraintDefinition(c, local), c.columns().stream().map(col -> column(name, col)).toList(),
                c.nullsNotDistinct(), foreignKey(c.foreignKey()), c.deferrable(), c.initiallyDeferred(), c.validated(),
                c.comment())).toList();
        List<Index> indexes = t.indexes().stream().map(i -> new Index(i.name(), i.unique(), i.nullsNotDistinct(),
                i.method(), i.keys().stream().map(k -> k.column() == null
                        ? new IndexKey(null, RenamedText.columns(k.expression(), local), k.opclass(), k.descending(), k.nullsFirst())
                        : new IndexKey(column(name, k.column()), null, k.opclass(), k.descending(), k.nullsFirst())).toList(),
                i.include().stream().map(col -> column(name, col)).toList(), RenamedText.columns(i.predicate(), local),
                indexDefinition(i.definition(), t.name(), name, local), i.comment())).toList();
        return new Table(name, t.unlogged(), RenamedText.columns(t.partitionKey(), local),
                t.partitionOf() == null ? null : table(t.partitionOf()), t.partitionBound(), t.options(), cols,
                constraints, indexes, t.comment());
    }

    /** The table's name after {@code ON}, the column names in what follows {@code USING method}. */
    private static String indexDefinition(String definition, QualifiedName old, QualifiedName name,
                                          Map<String, String> local) {
        String text = RenamedText.table(definition, old, name);
        int using = text.indexOf(" USING ");
        if (using < 0) {
            return text;
        }
        int keys = text.indexOf(' ', using + " USING ".length());
        return keys < 0 ? text : text.substring(0, keys) + RenamedText.columns(text.substring(keys), local);
    }

    /** Local column names; for a foreign key, the referenced table and its column names too. */
    private String constraintDefinition(Constraint c, Map<String, String> local) {
        String definition = c.definition();
        int references = c.foreignKey() == null ? -1 : definition.indexOf(" REFERENCES ");
        if (references < 0) {
            return RenamedText.columns(definition, local);
        }
        int close = definition.indexOf(')', references);
        if (close < 0) {
            return definition;
        }
        QualifiedName target = table(c.foreignKey().table());
        String referenced = RenamedText.table(definition.substring(references, close + 1), c.foreignKey().table(), target);
        return RenamedText.columns(definition.substring(0, references), local)
                + RenamedText.columns(referenced, columns.getOrDefault(target, Map.of()))
                + definition.substring(close + 1);
    }

    private ForeignKey foreignKey(ForeignKey fk) {
        if (fk == null) {
            return null;
        }
        QualifiedName target = table(fk.table());
        return new ForeignKey(target, fk.columns().stream().map(c -> column(target, c)).toList(), fk.onUpdate(),
                fk.onDelete(), fk.match());
    }
}
