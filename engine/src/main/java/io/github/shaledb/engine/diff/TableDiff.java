package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.Constraint;
import io.github.shaledb.engine.schema.Identity;
import io.github.shaledb.engine.schema.Index;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/** Tables with their columns, constraints and indexes. */
final class TableDiff extends KindDiff {
    private static final Pattern KEY = Pattern.compile(
            "(PRIMARY KEY|UNIQUE)( NULLS NOT DISTINCT)? (\\([^()]*\\))( INCLUDE \\([^()]*\\))?((?: NOT)? DEFERRABLE.*)?");
    private static final Pattern VOLATILE = Pattern.compile("nextval\\(|random\\(|clock_timestamp\\(|gen_random_uuid\\("
            + "|uuid_generate|timeofday\\(|statement_timestamp\\(");

    /** Tables whose primary key or unique constraints are dropped: foreign keys to them are dropped and added back. */
    private final Set<QualifiedName> rekeyed = new TreeSet<>();
    /** Target name to the source table it is altered from; absent for a table created or recreated. */
    private final Map<QualifiedName, Table> keptTables = new HashMap<>();

    TableDiff(SchemaDiffer differ) {
        super(differ);
        for (Table target : to.tables()) {
            Table old = from.table(target.name()).orElse(null);
            if (old != null && !recreated(old, target)) {
                keptTables.put(target.name(), old);
            }
        }
    }

    /**
     * A table whose partitioning changes cannot be altered into the target: it is dropped and created. A
     * partition that becomes a table of its own is detached instead, and a table with its parent's columns
     * attached, keeping their rows.
     */
    static boolean recreated(Table old, Table target) {
        return old != null && target != null && !detached(old, target) && !attached(old, target)
                && (!Objects.equals(old.partitionKey(), target.partitionKey())
                || !Objects.equals(old.partitionOf(), target.partitionOf()));
    }

    /** A plain table that becomes a leaf partition with the same columns: {@code ATTACH PARTITION}. */
    static boolean attached(Table old, Table target) {
        return old.partitionOf() == null && target.partitionOf() != null && old.partitionKey() == null
                && target.partitionKey() == null && columnShapes(old).equals(columnShapes(target));
    }

    private static List<String> columnShapes(Table table) {
        return table.columns().stream().map(c -> c.name() + " " + c.type()).toList();
    }

    /** A leaf partition that becomes a plain table: {@code DETACH PARTITION}. */
    static boolean detached(Table old, Table target) {
        return old.partitionOf() != null && target.partitionOf() == null && old.partitionKey() == null
                && target.partitionKey() == null;
    }

    /** The source of a target table that is altered in place, else null. */
    private Table kept(Table target) {
        return keptTables.get(target.name());
    }

    /** Whether statements on this existing table can take the online forms (not partitioned, not a partition). */
    private static boolean online(Table table) {
        return !table.partitioned() && table.partitionOf() == null;
    }

    /** Tables whose partitioning changes: dropped and created (see {@link #recreated}). */
    @Override
    public Set<String> replaced() {
        Set<String> ids = new TreeSet<>();
        for (Table target : to.tables()) {
            Table old = from.table(target.name()).orElse(null);
            if (old != null && recreated(old, target)) {
                ids.add(ObjectId.table(old.name()));
            }
        }
        return ids;
    }

    @Override
    public void run() {
        dropTables();
        createTables();
        for (Table target : to.tables()) {
            Table old = kept(target);
            if (old != null) {
                alterTable(old, target);
            }
        }
        for (Table target : to.tables()) {
            diffConstraints(kept(target), target, false);
        }
        for (Table target : to.tables()) {
            diffConstraints(kept(target), target, true);
        }
        for (Table target : to.tables()) {
            Table old = kept(target);
            // A detached partition keeps the copies of its parent's indexes as its own.
            List<Index> before = old == null ? List.of() : detached(old, target) ? old.indexes()
                    : attached(old, target) ? ownIndexes(old, to.table(target.partitionOf()).orElse(null)) : ownIndexes(from, old);
            diffIndexes(differ, target.name(), before, ownIndexes(to, target),
                    old != null && online(target));
        }
    }

    private static DependencyGraph<QualifiedName> tableGraph(SchemaModel model) {
        DependencyGraph<QualifiedName> graph = new DependencyGraph<>();
        for (Table t : model.tables()) {
            graph.add(t.name());
            if (t.partitionOf() != null) {
                graph.dependsOn(t.name(), t.partitionOf());
            }
        }
        return graph;
    }

    // --- drop and create

    private void dropTables() {
        Set<QualifiedName> dropped = new TreeSet<>();
        for (Table old : from.tables()) {
            Table target = to.table(old.name()).orElse(null);
            if (target == null || recreated(old, target)) {
                dropped.add(old.name());
                if (target != null) {
                    differ.recreated.add(ObjectId.table(old.name()));
                }
                differ.disturbedTables.add(old.name());
            }
        }
        for (QualifiedName name : dropped) {
            // A partition's copy of its parent's foreign key goes with the parent's.
            for (Constraint c : ownConstraints(from, from.table(name).orElseThrow())) {
                if (c.type() == Constraint.Type.FOREIGN_KEY && !c.foreignKey().table().equals(name)
                        && dropped.contains(c.foreignKey().table())) {
                    plan.add(Phase.DROP_FOREIGN_KEYS, "ALTER TABLE " + qualified(name) + " DROP CONSTRAINT " + quote(c.name()));
                }
            }
        }
        for (QualifiedName name : tableGraph(from).reverseOrder()) {
            if (!dropped.contains(name)) {
                continue;
            }
            Table old = from.table(name).orElseThrow();
            if (old.partitionOf() == null || !dropped.contains(old.partitionOf())) {
                plan.add(Phase.DROP_TABLES, "DROP TABLE " + qualified(name),
                        new Hazard(Hazard.Kind.DATA_LOSS, "drops table " + name + " and its rows"));
            }
        }
    }

    private void createTables() {
        for (QualifiedName name : tableGraph(to).order()) {
            if (keptTables.containsKey(name)) {
                continue;
            }
            Table target = to.table(name).orElseThrow();
            plan.add(Phase.CREATE_TABLES, createTable(target));
            if (target.partitionOf() != null) {
                Table parent = to.table(target.partitionOf()).orElseThrow();
                for (Column c : target.columns()) {
                    parent.column(c.name()).ifPresent(p -> alterColumn(target, p, c, false));
                }
            }
            tableComments(null, target);
        }
    }

    private static String createTable(Table t) {
        StringBuilder sql = new StringBuilder("CREATE ").append(t.unlogged() ? "UNLOGGED " : "").append("TABLE ")
                .append(qualified(t.name()));
        if (t.partitionOf() != null) {
            sql.append(" PARTITION OF ").append(qualified(t.partitionOf())).append(' ').append(t.partitionBound());
        } else {
            List<String> columns = t.columns().stream().map(TableDiff::columnDefinition).toList();
            sql.append(" (\n    ").append(String.join(",\n    ", columns)).append("\n)");
        }
        if (t.partitioned()) {
            sql.append(" PARTITION BY ").append(t.partitionKey());
        }
        if (!t.options().isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", t.options())).append(')');
        }
        return sql.toString();
    }

    static String columnDefinition(Column c) {
        StringBuilder sql = new StringBuilder(quote(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sql.append(" COLLATE ").append(qualified(c.collation()));
        }
        if (c.generatedExpression() != null) {
            sql.append(" GENERATED ALWAYS AS (").append(c.generatedExpression()).append(") STORED");
        }
        if (c.identity() != null) {
            sql.append(" GENERATED ").append(c.identity().generation().sql()).append(" AS IDENTITY")
                    .append(identitySpec(c.identity()));
        }
        if (c.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(c.defaultExpression());
        }
        if (c.notNull()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    private static String identitySpec(Identity identity) {
        if (identity.sequence() == null || identity.options() == null) {
            return "";
        }
        return " (SEQUENCE NAME " + qualified(identity.sequence()) + SequenceDiff.identityOptions(identity.options()) + ")";
    }

    // --- alter

    private void alterTable(Table old, Table target) {
        String table = "ALTER TABLE " + qualified(target.name());
        if (old.unlogged() != target.unlogged()) {
            plan.add(Phase.ALTER_TABLES, table + (target.unlogged() ? " SET UNLOGGED" : " SET LOGGED"),
                    new Hazard(Hazard.Kind.TABLE_REWRITE, "rewrites " + target.name() + " under an ACCESS EXCLUSIVE lock"));
        }
        if (!old.options().equals(target.options())) {
            List<String> reset = old.options().stream().map(o -> o.substring(0, o.indexOf('=')))
                    .filter(key -> target.options().stream().noneMatch(o -> o.startsWith(key + "="))).toList();
            if (!reset.isEmpty()) {
                plan.add(Phase.ALTER_TABLES, table + " RESET (" + String.join(", ", reset) + ")");
            }
            List<String> set = optionsToSet(old.options(), target.options());
            if (!set.isEmpty()) {
                plan.add(Phase.ALTER_TABLES, table + " SET (" + String.join(", ", set) + ")");
            }
        }
        if (detached(old, target)) {
            // First: what it inherited can only be dropped or changed once it is a table of its own.
            plan.add(Phase.RENAMES, "ALTER TABLE " + qualified(old.partitionOf()) + " DETACH PARTITION " + qualified(target.name()));
            differ.disturbedTables.add(old.partitionOf());
        }
        if (old.partitionOf() != null && target.partitionOf() != null
                && !Objects.equals(old.partitionBound(), target.partitionBound())) {
            String parent = "ALTER TABLE " + qualified(target.partitionOf());
            plan.add(Phase.ALTER_TABLES, parent + " DETACH PARTITION " + qualified(target.name()));
            plan.add(Phase.ALTER_TABLES, parent + " ATTACH PARTITION " + qualified(target.name()) + " "
                    + target.partitionBound(), new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK,
                    "scans " + target.name() + " to check the new bound"));
        }
        if (attached(old, target)) {
            plan.add(Phase.ALTER_TABLES, "ALTER TABLE " + qualified(target.partitionOf()) + " ATTACH PARTITION "
                    + qualified(target.name()) + " " + target.partitionBound(), new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK,
                    "scans " + target.name() + " to check its rows fit the bound"));
            differ.disturbedTables.add(target.partitionOf());
        }
        boolean partition = target.partitionOf() != null;
        for (Column c : old.columns()) {
            Column next = target.column(c.name()).orElse(null);
            if (!partition && next != null && regenerated(old, target, c, next)) {
                differ.recreated.add(ObjectId.column(target.name(), c.name()));
                plan.add(Phase.DROP_COLUMNS, table + " DROP COLUMN " + quote(c.name()), new Hazard(Hazard.Kind.TABLE_REWRITE,
                        "drops generated column " + c.name() + " of " + target.name() + " to add it back with its new"
                                + " expression: PostgreSQL cannot change it in place here, so the column moves to the end"
                                + " of the table"));
                differ.disturbedTables.add(target.name());
            } else if (!partition && next == null) {
                plan.add(Phase.DROP_COLUMNS, table + " DROP COLUMN " + quote(c.name()),
                        new Hazard(Hazard.Kind.DATA_LOSS, "drops column " + c.name() + " of " + target.name()));
                differ.disturbedTables.add(target.name());
            }
        }
        for (Column c : target.columns()) {
            Column was = old.column(c.name()).orElse(null);
            if (!partition && (was == null || regenerated(old, target, was, c))) {
                addColumn(target, c);
            } else if (was != null) {
                alterColumn(target, was, c, !partition);
            }
        }
        tableComments(old, target);
    }

    /**
     * The shortest tail of {@code target} to {@code SET} so the stored options end up in target order:
     * {@code SET} keeps the options it does not name in place and appends the ones it names, and pg_dump
     * prints them as stored.
     */
    static List<String> optionsToSet(List<String> old, List<String> target) {
        for (int keep = target.size(); keep >= 0; keep--) {
            List<String> tail = target.subList(keep, target.size());
            List<String> kept = old.stream().filter(o -> target.stream().anyMatch(t -> optionName(t).equals(optionName(o)))
                    && tail.stream().noneMatch(t -> optionName(t).equals(optionName(o)))).toList();
            if (kept.equals(target.subList(0, keep))) {
                return tail;
            }
        }
        return target;
    }

    private static String optionName(String option) {
        int equals = option.indexOf('=');
        return equals < 0 ? option : option.substring(0, equals);
    }

    /**
     * Whether a column that stays must be dropped and added back: it becomes generated (PostgreSQL cannot
     * make a plain column generated), its expression changes before PostgreSQL 17 ({@code SET EXPRESSION}),
     * or it is generated from a column whose type changes (PostgreSQL refuses that type change under it).
     * A generated column becoming plain keeps its values with {@code DROP EXPRESSION}.
     */
    private boolean regenerated(Table old, Table target, Column was, Column c) {
        if (c.generatedExpression() == null) {
            return false;
        }
        if (was.generatedExpression() == null
                || !was.generatedExpression().equals(c.generatedExpression()) && differ.serverMajorVersion < 17) {
            return true;
        }
        if (was.generatedExpression() != null && differ.replaced(ObjectId.column(old.name(), was.name()))
                && differ.sourceDependencies.dependenciesOf(ObjectId.column(old.name(), was.name())).stream()
                .anyMatch(d -> d.startsWith("function ") && differ.replaced(d))) {
            return true; // a function it calls is dropped and created again, which PostgreSQL refuses under it
        }
        for (Column base : old.columns()) {
            Column next = target.column(base.name()).orElse(null);
            if (next != null && base != was && (!base.type().equals(next.type())
                    || !Objects.equals(base.collation(), next.collation())) && reads(was.generatedExpression(), base.name())) {
                return true;
            }
        }
        return false;
    }

    /** Whether an expression's text names the column (as PostgreSQL prints it: quoted only where needed). */
    static boolean reads(String expression, String column) {
        return Pattern.compile("(?<![\\w$\".])" + Pattern.quote(quote(column)) + "(?![\\w$\"(])").matcher(expression).find();
    }

    private void addColumn(Table target, Column c) {
        List<Hazard> hazards = new ArrayList<>();
        boolean rewrites = c.identity() != null || c.generatedExpression() != null
                || c.defaultExpression() != null && VOLATILE.matcher(c.defaultExpression()).find();
        if (rewrites) {
            hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "fills " + c.name() + " in every row of " + target.name()));
            hazards.add(new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, "locks " + target.name() + " while it is rewritten"));
        }
        if (c.notNull() && c.defaultExpression() == null && c.identity() == null && c.generatedExpression() == null) {
            hazards.add(new Hazard(Hazard.Kind.FAILS_ON_ROWS, "adds " + c.name() + " to " + target.name() + " NOT NULL"
                    + " without a default, which fails if the table has rows: give it a default, or add it nullable,"
                    + " fill it, then set NOT NULL"));
        }
        plan.add(Phase.ALTER_TABLES, "ALTER TABLE " + qualified(target.name()) + " ADD COLUMN " + columnDefinition(c), hazards);
    }

    /**
     * One column present on both sides. {@code full} is false for a partition's column, which only
     * differs from its parent's in default and nullability.
     */
    private void alterColumn(Table target, Column was, Column c, boolean full) {
        if (was.equals(c) && differ.clearedDefaults.isEmpty() && differ.sequenceRenames.isEmpty()) {
            return; // nothing differs, and nothing done earlier changed the column: skip building its statements' text
        }
        String table = "ALTER TABLE " + qualified(target.name());
        String column = table + " ALTER COLUMN " + quote(c.name());
        String label = target.name() + "." + c.name();
        String currentDefault = differ.clearedDefaults.contains(label) ? null : differ.renamedDefault(was.defaultExpression());
        boolean typeChanges = full && (!was.type().equals(c.type()) || !Objects.equals(was.collation(), c.collation()));
        if (full && was.generatedExpression() != null && c.generatedExpression() == null) {
            plan.add(Phase.ALTER_TABLES, column + " DROP EXPRESSION");
        }
        if (full && was.identity() != null && c.identity() == null) {
            plan.add(Phase.ALTER_TABLES, column + " DROP IDENTITY");
            // A serial taking over the identity's sequence name: its sequence only now can be created.
            QualifiedName freed = was.identity().sequence();
            to.sequence(freed).filter(seq -> !seq.identity()).ifPresent(seq -> {
                plan.add(Phase.ALTER_TABLES, SequenceDiff.createSequence(differ, seq));
            });
        }
        if (typeChanges) {
            if (currentDefault != null) {
                plan.add(Phase.ALTER_TABLES, column + " DROP DEFAULT");
                currentDefault = null;
            }
            TypeChange change = new TypeChange(was.type(), c.type());
            String collate = c.collation() == null ? "" : " COLLATE " + qualified(c.collation());
            String using = change.needsUsing() ? " USING " + change.using(quote(c.name())) : "";
            List<Hazard> hazards = new ArrayList<>(change.hazards(label));
            if (online(target)) {
                hazards.add(new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, "locks " + target.name() + " for the type change"));
            }
            plan.add(Phase.ALTER_TABLES, column + " TYPE " + c.type() + collate + using, hazards);
            differ.disturbedTables.add(target.name());
        }
        if (!was.notNull() && c.notNull()) {
            setNotNull(target, c, full && online(target));
        } else if (was.notNull() && !c.notNull()) {
            plan.add(Phase.ALTER_TABLES, column + " DROP NOT NULL");
        }
        if (!Objects.equals(currentDefault, c.defaultExpression())) {
            if (currentDefault != null && c.identity() != null && was.identity() == null || c.defaultExpression() == null) {
                plan.add(Phase.ALTER_TABLES, column + " DROP DEFAULT");
            }
            if (c.defaultExpression() != null) {
                plan.add(Phase.ALTER_TABLES, column + " SET DEFAULT " + c.defaultExpression());
            }
        }
        if (full && c.ownedSequence() != null && c.defaultExpression() != null && c.defaultExpression().contains("nextval(")
                && (was.ownedSequence() == null || !differ.sequenceName(was.ownedSequence()).equals(c.ownedSequence()))) {
            // A column that becomes serial takes its values from a sequence that starts at 1: move it past the rows.
            to.sequence(c.ownedSequence()).ifPresent(seq -> continueAfterRows(target, c,
                    SqlIdentifiers.literal(qualified(seq.name())), seq.options()));
        }
        if (full && was.generatedExpression() != null && c.generatedExpression() != null
                && !was.generatedExpression().equals(c.generatedExpression())) {
            plan.add(Phase.ALTER_TABLES, column + " SET EXPRESSION AS (" + c.generatedExpression() + ")",
                    new Hazard(Hazard.Kind.TABLE_REWRITE, "recomputes " + label + " in every row of " + target.name()),
                    new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, "locks " + target.name() + " while it is rewritten"));
        }
        if (full && c.identity() != null) {
            if (was.identity() == null && c.identity().sequence() != null) {
                // A serial's sequence of the name the identity takes goes first (its default went above).
                from.sequence(c.identity().sequence()).filter(seq -> !seq.identity()).ifPresent(seq -> {
                    plan.add(Phase.ALTER_TABLES, "DROP SEQUENCE " + qualified(seq.name()));
                });
            }
            alterIdentity(column, was.identity(), c.identity());
            if (was.identity() == null) {
                // The new identity's sequence starts at its start value, below the ids the rows already have.
                continueAfterRows(target, c, "pg_get_serial_sequence(" + SqlIdentifiers.literal(qualified(target.name()))
                        + ", " + SqlIdentifiers.literal(c.name()) + ")", c.identity().options());
            }
        }
        differ.comment(() -> "COLUMN " + qualified(target.name()) + "." + quote(c.name()), was.comment(), c.comment());
    }

    /**
     * Sets the sequence a column's values now come from past the largest value the column holds (a serial turned
     * into an identity, a column turned serial), so the next insert does not collide with an existing row; an
     * empty table keeps the sequence's start. Descending sequences are left alone.
     */
    private void continueAfterRows(Table target, Column c, String sequence, io.github.shaledb.engine.schema.SequenceOptions options) {
        long start = options == null ? 1 : options.start();
        long increment = options == null ? 1 : options.increment();
        if (increment < 0) {
            return;
        }
        plan.add(Phase.ALTER_TABLES, "SELECT setval(" + sequence + ", greatest(coalesce(max(" + quote(c.name())
                + ")::bigint + " + increment + ", " + start + "), " + start + "), false) FROM " + qualified(target.name()));
    }

    private void alterIdentity(String column, Identity was, Identity identity) {
        if (was == null) {
            plan.add(Phase.ALTER_TABLES, column + " ADD GENERATED " + identity.generation().sql() + " AS IDENTITY"
                    + identitySpec(identity));
            return;
        }
        List<String> sets = new ArrayList<>();
        if (was.generation() != identity.generation()) {
            sets.add(" SET GENERATED " + identity.generation().sql());
        }
        if (was.options() != null && identity.options() != null) {
            var a = was.options();
            var b = identity.options();
            if (a.increment() != b.increment()) {
                sets.add(" SET INCREMENT BY " + b.increment());
            }
            if (a.min() != b.min()) {
                sets.add(" SET MINVALUE " + b.min());
            }
            if (a.max() != b.max()) {
                sets.add(" SET MAXVALUE " + b.max());
            }
            if (a.start() != b.start()) {
                sets.add(" SET START WITH " + b.start());
            }
            if (a.cache() != b.cache()) {
                sets.add(" SET CACHE " + b.cache());
            }
            if (a.cycle() != b.cycle()) {
                sets.add(b.cycle() ? " SET CYCLE" : " SET NO CYCLE");
            }
            if (!SequenceDiff.restart(a, b).isEmpty()) {
                sets.add(" RESTART");
            }
        }
        if (!sets.isEmpty()) {
            plan.add(Phase.ALTER_TABLES, column + String.join("", sets));
        }
    }

    /** Online: a {@code NOT VALID} check validated without the lock, so {@code SET NOT NULL} skips its scan. */
    private void setNotNull(Table target, Column c, boolean online) {
        String table = "ALTER TABLE " + qualified(target.name());
        String setNotNull = table + " ALTER COLUMN " + quote(c.name()) + " SET NOT NULL";
        if (!online) {
            plan.add(Phase.ALTER_TABLES, setNotNull);
            return;
        }
        String base = target.name().name() + "_" + c.name();
        String check = quote((base.length() > 54 ? base.substring(0, 54) : base) + "_not_null");
        plan.add(Phase.ALTER_TABLES, table + " ADD CONSTRAINT " + check + " CHECK (" + quote(c.name())
                + " IS NOT NULL) NOT VALID");
        plan.add(Phase.ALTER_TABLES, table + " VALIDATE CONSTRAINT " + check);
        plan.add(Phase.ALTER_TABLES, setNotNull);
        plan.add(Phase.ALTER_TABLES, table + " DROP CONSTRAINT " + check);
    }

    private void tableComments(Table old, Table target) {
        differ.comment(() -> "TABLE " + qualified(target.name()), old == null ? null : old.comment(), target.comment());
        if (old == null) {
            for (Column c : target.columns()) {
                differ.comment(() -> "COLUMN " + qualified(target.name()) + "." + quote(c.name()), null, c.comment());
            }
        }
    }

    // --- constraints

    /** The constraints a table declares itself: a partition's copies of its parent's are left out. */
    private static List<Constraint> ownConstraints(SchemaModel model, Table table) {
        return ownConstraints(table, table.partitionOf() == null ? null : model.table(table.partitionOf()).orElse(null));
    }

    /** Those of {@code table}'s constraints that {@code parent} (null: none) does not pass down to it. */
    private static List<Constraint> ownConstraints(Table table, Table parent) {
        if (parent == null) {
            return table.constraints();
        }
        return table.constraints().stream().filter(c -> parent.constraints().stream()
                .noneMatch(p -> p.type() == c.type() && p.definition().equals(c.definition()))).toList();
    }

    private static String withoutNotValid(String definition) {
        return definition.endsWith(" NOT VALID") ? definition.substring(0, definition.length() - 10) : definition;
    }

    private void diffConstraints(Table old, Table target, boolean foreignKeys) {
        List<Constraint> before = old == null ? List.of() : detached(old, target) ? old.constraints()
                : attached(old, target) ? ownConstraints(old, to.table(target.partitionOf()).orElse(null)) : ownConstraints(from, old);
        List<Constraint> after = ownConstraints(to, target);
        for (Constraint c : before) {
            if ((c.type() == Constraint.Type.FOREIGN_KEY) != foreignKeys) {
                continue;
            }
            Constraint next = named(after, Constraint::name, c.name());
            if (next == null || mustRecreate(target, c, next)) {
                plan.add(foreignKeys ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_CONSTRAINTS,
                        "ALTER TABLE " + qualified(target.name()) + " DROP CONSTRAINT " + quote(c.name()));
                if (c.type() == Constraint.Type.PRIMARY_KEY || c.type() == Constraint.Type.UNIQUE) {
                    rekeyed.add(target.name());
                }
            }
        }
        for (Constraint c : after) {
            if ((c.type() == Constraint.Type.FOREIGN_KEY) != foreignKeys) {
                continue;
            }
            Constraint was = named(before, Constraint::name, c.name());
            if (was == null || mustRecreate(target, was, c)) {
                addConstraint(target, c, old != null && online(target));
                was = null;
            } else if (!was.validated() && c.validated()) {
                plan.add(Phase.ADD_CONSTRAINTS, "ALTER TABLE " + qualified(target.name()) + " VALIDATE CONSTRAINT "
                        + quote(c.name()));
            }
            differ.comment(() -> "CONSTRAINT " + quote(c.name()) + " ON " + qualified(target.name()),
                    was == null ? null : was.comment(), c.comment());
        }
    }

    private boolean mustRecreate(Table table, Constraint was, Constraint c) {
        return differ.recreatedConstraints.contains(table.name() + "." + was.name()) || was.type() != c.type() || !withoutNotValid(was.definition()).equals(withoutNotValid(c.definition()))
                || was.validated() && !c.validated()
                || c.type() == Constraint.Type.FOREIGN_KEY && (rekeyed.contains(c.foreignKey().table())
                || !keptTables.containsKey(c.foreignKey().table())
                || keyTypeChanges(table.name(), c.columns()) || keyTypeChanges(c.foreignKey().table(), c.foreignKey().columns()));
    }

    /**
     * Whether one of the columns changes to a type its old one cannot be compared with: a foreign key over it
     * cannot stay while its two ends have such types, so it is dropped before and added after.
     */
    private boolean keyTypeChanges(QualifiedName tableName, List<String> columns) {
        Table old = from.table(tableName).orElse(null);
        Table next = to.table(tableName).orElse(null);
        if (old == null || next == null) {
            return false;
        }
        for (String name : columns) {
            Column a = old.column(name).orElse(null);
            Column b = next.column(name).orElse(null);
            if (a != null && b != null && !a.type().equals(b.type()) && !new TypeChange(a.type(), b.type()).keepsKeysComparable()) {
                return true;
            }
        }
        return false;
    }

    private void addConstraint(Table target, Constraint c, boolean online) {
        String table = "ALTER TABLE " + qualified(target.name());
        Phase phase = c.type() == Constraint.Type.FOREIGN_KEY ? Phase.ADD_FOREIGN_KEYS : Phase.ADD_CONSTRAINTS;
        String add = table + " ADD CONSTRAINT " + quote(c.name()) + " ";
        if (!online) {
            plan.add(phase, add + c.definition());
            return;
        }
        switch (c.type()) {
            case CHECK, FOREIGN_KEY -> {
                if (c.definition().endsWith(" NOT VALID")) {
                    plan.add(phase, add + c.definition());
                } else {
                    plan.add(phase, add + c.definition() + " NOT VALID");
                    plan.add(phase, table + " VALIDATE CONSTRAINT " + quote(c.name()));
                }
            }
            case PRIMARY_KEY, UNIQUE -> {
                Matcher key = KEY.matcher(c.definition());
                if (!key.matches()) {
                    plan.add(phase, add + c.definition(), new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK,
                            "builds the index of " + c.name() + " while " + target.name() + " is locked"));
                    return;
                }
                String include = key.group(4) == null ? "" : key.group(4);
                String nulls = key.group(2) == null ? "" : key.group(2);
                plan.addOutsideTransaction(phase, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + quote(c.name()) + " ON "
                        + qualified(target.name()) + " " + key.group(3) + include + nulls);
                String deferrable = key.group(5) == null ? "" : key.group(5);
                plan.add(phase, add + key.group(1) + " USING INDEX " + quote(c.name()) + deferrable);
            }
            default -> plan.add(phase, add + c.definition(), new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK,
                    "builds the index of " + c.name() + " while " + target.name() + " is locked"));
        }
    }

    // --- indexes

    /** The indexes a table declares itself: a partition's copies of its parent's indexes are left out. */
    private static List<Index> ownIndexes(SchemaModel model, Table table) {
        return ownIndexes(table, table.partitionOf() == null ? null : model.table(table.partitionOf()).orElse(null));
    }

    /** Those of {@code table}'s indexes that {@code parent} (null: none) does not pass down to it. */
    private static List<Index> ownIndexes(Table table, Table parent) {
        if (parent == null) {
            return table.indexes();
        }
        return table.indexes().stream().filter(i -> parent.indexes().stream().noneMatch(p -> sameIndex(p, i))).toList();
    }

    /** Same index apart from its name and the table it is on. */
    static boolean sameIndex(Index a, Index b) {
        return a.unique() == b.unique() && body(a.definition()).equals(body(b.definition()));
    }

    private static String body(String definition) {
        int using = definition.indexOf(" USING ");
        return using < 0 ? definition : definition.substring(using);
    }

    /**
     * {@code concurrently}: the form for a table that exists, {@code IF NOT EXISTS} so that the migration, which runs
     * outside a transaction, can run again after a failure half-way (as its {@code DROP INDEX CONCURRENTLY IF EXISTS}).
     */
    static String indexSql(Index index, boolean concurrently) {
        String sql = index.definition().replace(" ON ONLY ", " ON ");
        if (concurrently) {
            sql = sql.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY IF NOT EXISTS ");
        }
        return sql;
    }

    /** The item of {@code items} called {@code wanted}, else null; a loop, as this runs for every constraint and index. */
    private static <T> T named(List<T> items, Function<T, String> name, String wanted) {
        for (T item : items) {
            if (name.apply(item).equals(wanted)) {
                return item;
            }
        }
        return null;
    }

    /** Indexes of a table or materialized view; {@code online} for one that exists and takes {@code CONCURRENTLY}. */
    static void diffIndexes(SchemaDiffer differ, QualifiedName relation, List<Index> before, List<Index> after,
                            boolean online) {
        Plan plan = differ.plan;
        for (Index i : before) {
            Index next = named(after, Index::name, i.name());
            if (next == null || !next.definition().equals(i.definition()) && !sameIndex(i, next)
                    || differ.recreatedIndexes.contains(relation + "." + i.name())) {
                String name = qualified(QualifiedName.of(relation.schema(), i.name()));
                if (online) {
                    plan.addOutsideTransaction(Phase.DROP_INDEXES, "DROP INDEX CONCURRENTLY IF EXISTS " + name);
                } else {
                    plan.add(Phase.DROP_INDEXES, "DROP INDEX " + name);
                }
            }
        }
        for (Index i : after) {
            Index was = named(before, Index::name, i.name());
            if (was == null || !was.definition().equals(i.definition()) && !sameIndex(was, i)
                    || differ.recreatedIndexes.contains(relation + "." + i.name())) {
                if (online) {
                    plan.addOutsideTransaction(Phase.CREATE_INDEXES, indexSql(i, true));
                } else {
                    plan.add(Phase.CREATE_INDEXES, indexSql(i, false));
                }
                was = null;
            }
            differ.comment(() -> "INDEX " + qualified(QualifiedName.of(relation.schema(), i.name())),
                    was == null ? null : was.comment(), i.comment());
        }
    }
}
