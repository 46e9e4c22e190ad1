package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Table;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * What the diffs of domains, composite and range types and collations share when one of them must be dropped
 * and created again. PostgreSQL has no {@code ALTER} for the change, and cannot drop it while a column of a table
 * uses it. When no column of a table that stays needs it (directly, or through another type), it is dropped early
 * ({@link Phase#DROP_REPLACED}, after what uses it) and created again. Otherwise it is renamed away, the new one is
 * created under its name, the columns are changed over to the new one ({@code ALTER COLUMN … TYPE … USING}), and
 * the old one is dropped late, as {@link EnumDiff} recreates an enum.
 */
final class TypeRecreation {
    private static final String OLD_SUFFIX = "__shale_old";

    private TypeRecreation() {
    }

    /**
     * The name the old object takes while its replacement is created: {@code name__shale_old}, or with a number
     * after it when the source already holds an object of that name (a migration split into folders, whose
     * down script for the first folder meets the old type the up script dropped only in a later one). PostgreSQL
     * keeps 63 bytes of a name.
     */
    static QualifiedName oldName(SchemaModel from, QualifiedName name) {
        for (int n = 1; ; n++) {
            String suffix = OLD_SUFFIX + (n == 1 ? "" : String.valueOf(n));
            String base = name.name();
            while ((base + suffix).getBytes(StandardCharsets.UTF_8).length > 63) {
                base = base.substring(0, base.length() - 1);
            }
            QualifiedName candidate = QualifiedName.of(name.schema(), base + suffix);
            if (!taken(from, candidate)) {
                return candidate;
            }
        }
    }

    /** Whether a type, collation or relation of the source has the name (they share the names of types). */
    private static boolean taken(SchemaModel from, QualifiedName name) {
        return from.enumType(name).isPresent() || from.find(ObjectKind.DOMAINS, name).isPresent()
                || from.find(ObjectKind.COMPOSITE_TYPES, name).isPresent() || from.find(ObjectKind.RANGE_TYPES, name).isPresent()
                || from.all(ObjectKind.RANGE_TYPES).stream().anyMatch(r -> name.equals(r.multirange()))
                || from.find(ObjectKind.COLLATIONS, name).isPresent() || from.table(name).isPresent()
                || from.view(name).isPresent() || from.sequence(name).isPresent();
    }

    /**
     * Whether a column of a table that stays needs the object {@code id}, directly or through other objects (a domain
     * over a recreated collation, a composite type with an attribute of a recreated domain): then it cannot be
     * dropped before the columns have moved, and is renamed away instead.
     */
    static boolean pinned(SchemaDiffer differ, String id) {
        Set<String> dependents = differ.sourceDependencies.dependentsClosure(List.of(id));
        if (dependents.size() == 1) {
            return false;
        }
        for (Table table : differ.from.tables()) {
            Table target = differ.to.table(table.name()).orElse(null);
            if (target == null || TableDiff.recreated(table, target)) {
                continue;
            }
            for (Column column : table.columns()) {
                if (dependents.contains(ObjectId.column(table.name(), column.name()))
                        && target.column(column.name()).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the object must be created again because something it needs is (a domain over a recreated enum, a
     * composite type with an attribute of a recreated domain). A recreated function is not such a reason: the
     * default or check that calls it is dropped before and set again after.
     */
    static boolean dependencyRecreated(SchemaDiffer differ, String id) {
        if (!differ.replaced(id)) {
            return false;
        }
        for (String dependency : differ.sourceDependencies.dependenciesOf(id)) {
            if (differ.replaced(dependency) && !ObjectId.kindOf(dependency).equals("function")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The columns of tables that stay whose type is {@code type} (or an array of it) on both sides: after the old type
     * was renamed away they still use it, so each is changed to the new one. {@code using} turns the quoted column
     * name and its type into the {@code USING} expression, or into null when the values cannot be carried over: then
     * the migration stops there with {@code refusal} and the fix. Partitions follow their partitioned table.
     */
    static void moveColumns(SchemaDiffer differ, String objectId, QualifiedName type,
                            BiFunction<String, String, String> using, String refusal) {
        String scalar = qualified(type);
        String array = scalar + "[]";
        move(differ, objectId, column -> column.type().equals(scalar) || column.type().equals(array),
                (table, column) -> {
                    String expression = using.apply(quote(column.name()), column.type());
                    if (expression == null) {
                        return new Move(null, refusal + " (column " + column.name() + " of " + table + ")", List.of());
                    }
                    String collate = column.collation() == null ? "" : " COLLATE " + qualified(column.collation());
                    List<Hazard> hazards = List.of(
                            new Hazard(Hazard.Kind.TABLE_REWRITE, "rewrites " + table + " to cast " + column.name()
                                    + " to the new " + type),
                            new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, "locks " + table + " while it is rewritten"));
                    return new Move(" TYPE " + column.type() + collate + " USING " + expression, null, hazards);
                });
    }

    /**
     * A statement that stops the migration with {@code message}: for a change the diff cannot carry out without
     * losing or mixing up values, so that it is never applied half-way or in silence.
     */
    static String refusal(String message) {
        return "DO $shale$ BEGIN RAISE EXCEPTION " + literal(message) + " USING HINT = "
                + literal("Write this change as a custom migration (-Ddb.custom=true).") + "; END $shale$";
    }

    /** The columns of tables that stay whose collation is {@code collation} on both sides: changed to the new one. */
    static void moveCollatedColumns(SchemaDiffer differ, String objectId, QualifiedName collation) {
        move(differ, objectId, column -> collation.equals(column.collation()), (table, column) -> new Move(
                " TYPE " + column.type() + " COLLATE " + qualified(collation), null,
                List.of(new Hazard(Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, "locks " + table + " while the indexes on "
                        + column.name() + " are rebuilt for the new collation " + collation))));
    }

    /** An {@code ALTER COLUMN} tail, or why the column cannot be moved. */
    private record Move(String sql, String refusal, List<Hazard> hazards) {
    }

    private static void move(SchemaDiffer differ, String objectId, Predicate<Column> uses,
                             BiFunction<QualifiedName, Column, Move> move) {
        for (Table table : differ.from.tables()) {
            Table target = differ.to.table(table.name()).orElse(null);
            if (target == null || TableDiff.recreated(table, target)
                    || table.partitionOf() != null && target.partitionOf() != null) {
                continue;
            }
            for (Column column : table.columns()) {
                Column next = target.column(column.name()).orElse(null);
                // A column whose type or collation changes as well is changed by the table's diff, from the old one.
                if (next == null || !uses.test(column) || !next.type().equals(column.type())
                        || !Objects.equals(next.collation(), column.collation())) {
                    continue;
                }
                Move m = move.apply(table.name(), column);
                differ.plan.add(Phase.TYPES_AND_FUNCTIONS, objectId, m.refusal() != null ? refusal(m.refusal())
                        : "ALTER TABLE " + qualified(table.name()) + " ALTER COLUMN " + quote(column.name()) + m.sql(),
                        m.hazards().toArray(Hazard[]::new));
            }
        }
    }

    /** The kind of type a model holds under the name (enum, domain, composite or range type), or null. */
    static String typeKind(SchemaModel model, QualifiedName name) {
        if (model.enumType(name).isPresent()) {
            return "enum";
        }
        if (model.find(ObjectKind.DOMAINS, name).isPresent()) {
            return "domain";
        }
        if (model.find(ObjectKind.COMPOSITE_TYPES, name).isPresent()) {
            return "composite type";
        }
        return model.find(ObjectKind.RANGE_TYPES, name).isPresent() ? "range type" : null;
    }

    /** Whether the name passes from a type of one kind to one of another (an enum that becomes a domain). */
    static boolean changesKind(SchemaDiffer differ, QualifiedName name) {
        String before = typeKind(differ.from, name);
        String after = typeKind(differ.to, name);
        return before != null && after != null && !before.equals(after);
    }

    /**
     * A type that goes while a type of another kind takes its name: renamed away once what uses it went
     * ({@link Phase#DROP_REPLACED}), so the new one can be created and the columns moved to it, and dropped late.
     * {@code alter} is {@code ALTER TYPE} or {@code ALTER DOMAIN}, {@code drop} the statement's start to drop it.
     * When the new type is an enum, created before the others, the columns are moved here. Returns false, doing
     * nothing, when no other type takes the name.
     */
    static boolean renameAwayForAnotherKind(SchemaDiffer differ, QualifiedName name, String alter, String drop,
                                            Phase dropPhase) {
        if (!changesKind(differ, name)) {
            return false;
        }
        String id = ObjectId.type(name);
        QualifiedName away = oldName(differ.from, name);
        differ.plan.add(Phase.DROP_REPLACED, id, alter + " " + qualified(name) + " RENAME TO " + quote(away.name()));
        if (differ.to.enumType(name).isPresent()) {
            moveColumns(differ, id, name, (column, type) -> column + "::text::" + type, null);
        }
        if (dropPhase.order() == Phase.Order.AS_MADE) {
            differ.plan.add(dropPhase, drop + " " + qualified(away));
        } else {
            differ.plan.add(dropPhase, id, drop + " " + qualified(away));
        }
        return true;
    }

    /** After creating a type whose name was another kind's (not an enum's, moved by that one): its columns move. */
    static void moveColumnsFromAnotherKind(SchemaDiffer differ, QualifiedName name) {
        if (changesKind(differ, name)) {
            moveColumns(differ, ObjectId.type(name), name, (column, type) -> column + "::text::" + type, null);
        }
    }

    /** The views that read the object, directly or not: dropped and created again around an in-place change. */
    static void disturbViews(SchemaDiffer differ, String objectId) {
        List<String> views = new ArrayList<>();
        for (String dependent : differ.sourceDependencies.dependentsClosure(List.of(objectId))) {
            if (ObjectId.kindOf(dependent).equals("view")) {
                views.add(dependent);
            }
        }
        for (var view : differ.from.views()) {
            if (views.contains(ObjectId.view(view.name()))) {
                differ.disturbedViews.add(view.name());
            }
        }
    }
}
