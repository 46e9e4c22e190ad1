package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.Routine;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;

/**
 * Functions, procedures and aggregates. A changed body or attribute is {@code CREATE OR REPLACE} in place,
 * which keeps everything that uses it. A change {@code CREATE OR REPLACE} refuses (another result type,
 * renamed or removed arguments, function to procedure, any change of an aggregate) drops and creates it,
 * and with it what depends on it. Functions are created after the types they use; one that needs a table
 * or view (a {@code SETOF} row type, a {@code BEGIN ATOMIC} body reading it) is created with the views,
 * after the tables, and dropped before them.
 */
final class RoutineDiff extends KindDiff {
    RoutineDiff(SchemaDiffer differ) {
        super(differ);
    }

    /**
     * The functions {@code CREATE OR REPLACE} cannot change, and those that go: what stays and depends on them
     * (a {@code BEGIN ATOMIC} body calling one, which would now call an overload that replaces it) is
     * created again too.
     */
    @Override
    public Set<String> replaced() {
        Set<String> ids = new TreeSet<>();
        for (Routine old : from.functions()) {
            Routine target = to.function(old.signature()).orElse(null);
            if (target == null || !old.definition().equals(target.definition()) && !replaceable(old, target)) {
                ids.add(ObjectId.function(old.signature()));
            }
        }
        return ids;
    }

    /** Whether {@code CREATE OR REPLACE} can turn {@code old} into {@code target}. */
    private static boolean replaceable(Routine old, Routine target) {
        return old.kind() == target.kind() && old.kind() != Routine.Kind.AGGREGATE
                && Objects.equals(old.result(), target.result()) && old.arguments().equals(target.arguments());
    }

    @Override
    public void run() {
        Set<String> droppedViews = new HashSet<>();
        differ.droppedViews.forEach(v -> droppedViews.add(ObjectId.view(v)));
        Set<String> dropped = new HashSet<>();
        for (Routine old : from.functions()) {
            String id = ObjectId.function(old.signature());
            boolean gone = to.function(old.signature()).isEmpty();
            boolean replace = !gone && (differ.replaced(id) || differ.sourceDependencies.needs(id, droppedViews::contains));
            if (!gone && !replace) {
                continue;
            }
            // Early, once what uses it went (everything pg_depend knows of is recreated around it), so that a
            // function created in its place is not ambiguous with it. One that goes is dropped after the types that
            // use it, which go late; one created again cannot wait that long (the domain checks and defaults that
            // call it are dropped before it and set again after).
            Phase phase = differ.sourceDependencies.needs(id, RoutineDiff::relation) ? Phase.DROP_VIEWS
                    : gone && usedByType(id) ? Phase.DROP_FUNCTIONS_AND_TYPES : Phase.DROP_REPLACED;
            plan.add(phase, id, "DROP " + old.kind().sql() + " " + reference(old));
            dropped.add(id);
        }
        for (Routine target : to.functions()) {
            String id = ObjectId.function(target.signature());
            Routine old = dropped.contains(id) ? null : from.function(target.signature()).orElse(null);
            if (dropped.contains(id)) {
                differ.recreated.add(id);
            }
            if (old == null || !old.definition().equals(target.definition())) {
                if (checksBodyLate(target) && !plan.has(Phase.SESSION)) {
                    // As pg_dump does: a function body in SQL may read tables this migration creates later.
                    plan.add(Phase.SESSION, "SET check_function_bodies = false");
                }
                Phase phase = differ.targetDependencies.needs(id, RoutineDiff::relation) ? Phase.CREATE_VIEWS
                        : Phase.TYPES_AND_FUNCTIONS;
                plan.add(phase, id, withoutSemicolon(target.definition()));
            }
            differ.comment(() -> target.kind().sql() + " " + reference(target), old == null ? null : old.comment(),
                    target.comment());
        }
    }

    /** Whether a type or a domain's check uses the function: those are dropped late, after the columns leave them. */
    private boolean usedByType(String id) {
        return differ.sourceDependencies.dependentsOf(id).stream()
                .anyMatch(d -> ObjectId.kindOf(d).equals("type") || ObjectId.kindOf(d).equals("domain constraint"));
    }

    /** A table, view or one of their columns. */
    private static boolean relation(String id) {
        String kind = ObjectId.kindOf(id);
        return kind.equals("table") || kind.equals("view") || kind.equals("column");
    }

    /** {@code public.add(integer, integer)}, or for an aggregate its signature as declared ({@code *} for none). */
    static String reference(Routine r) {
        String arguments = r.kind() == Routine.Kind.AGGREGATE
                ? (r.arguments().isEmpty() ? "*" : r.arguments()) : r.signature().argumentTypes();
        return qualified(r.name()) + "(" + arguments + ")";
    }

    /** A function whose body is SQL text, which PostgreSQL checks when it is created (unlike BEGIN ATOMIC ones, ordered by their dependencies). */
    private static boolean checksBodyLate(Routine r) {
        return r.language().equals("sql") && r.definition().contains("\nAS $");
    }

    private static String withoutSemicolon(String definition) {
        String text = definition.strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }
}
