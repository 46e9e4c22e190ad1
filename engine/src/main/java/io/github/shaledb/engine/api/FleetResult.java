package io.github.shaledb.engine.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a verb did over a fleet ({@link ShaleSettings#targets()}): one entry per target in the order the targets were
 * given, and for {@code status} the count of targets per state of each migration.
 *
 * @param verb       the verb that ran
 * @param targets    every target with its outcome, in the order given
 * @param migrations for {@code status} and {@code check}: per migration, how many targets have it in each state; else empty
 * @param problems   for {@code check}: what the checks of the migrations folder found (journal, snapshots, schema files,
 *                   replay), run once for the fleet; else empty
 * @param elapsed    the whole run
 */
public record FleetResult(Verb verb, List<Target> targets, List<MigrationCount> migrations, List<String> problems,
                          Duration elapsed) {

    /** Copies the lists. */
    public FleetResult {
        targets = List.copyOf(targets);
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
    }

    /** The verbs that run over a fleet. */
    public enum Verb {
        /** {@code db:migrate} on every target. */
        MIGRATE,
        /** {@code db:status} of every target, counted per migration. */
        STATUS,
        /** {@code db:rollback} on every target. */
        ROLLBACK,
        /** {@code db:check}'s history and drift checks on every target. */
        CHECK;

        /** @return the goal's name, e.g. {@code migrate} */
        public String goal() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where a target ended. */
    public enum TargetState {
        /** The verb changed it: migrations applied (or rolled back). */
        CHANGED,
        /** Nothing was to be done: up to date (or nothing to roll back); for status and check, fully applied and agreeing. */
        UP_TO_DATE,
        /** status and check: migrations are pending. */
        BEHIND,
        /** status and check: its history disagrees with the folder (modified, out of order, missing) or its schema drifted. */
        DIVERGED,
        /** The verb failed on it; {@link Target#error()} says why. Migrations applied before the failure stay applied. */
        FAILED,
        /** Not started: a canary failed, or an earlier target failed with {@code db.onError=fail}. Untouched. */
        NOT_STARTED
    }

    /**
     * One target of the fleet.
     *
     * @param name      its name: given in a JSON file or query, else its schema, else its database and host
     * @param address   the database, as {@code host:port/database}, never with a password
     * @param schema    the tenant schema for a schema target; null for a database target
     * @param group     its group (JSON file or query), or null
     * @param wave      1 for the canary wave, 2 for the rest; 1 when there is one wave
     * @param state     where it ended
     * @param tags      the migrations applied (rolled back, for rollback) on it by this run, in order; for status and
     *                  check, the pending ones
     * @param current   the latest applied tag afterwards, or null (unknown when it failed before reading it)
     * @param problems  for status and check: what disagrees (modified, out of order, missing, drift); else empty
     * @param error     why it failed, or null
     * @param duration  how long it took
     */
    public record Target(String name, String address, String schema, String group, int wave, TargetState state,
                         List<String> tags, String current, List<String> problems, String error, Duration duration) {
        /** Copies the lists. */
        public Target {
            tags = List.copyOf(tags);
            problems = List.copyOf(problems);
        }
    }

    /**
     * One migration of the folder, counted over the fleet.
     *
     * @param tag    e.g. {@code 0042_add_orders}
     * @param states how many targets have it in each state (states with none are absent)
     */
    public record MigrationCount(String tag, Map<StatusResult.State, Integer> states) {
        /** Copies the map, in the enum's order. */
        public MigrationCount {
            states = states.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(states));
        }

        /** @return how many targets have it in {@code state} */
        public int count(StatusResult.State state) {
            return states.getOrDefault(state, 0);
        }
    }

    /** @return the targets in {@code state}, in order */
    public List<Target> in(TargetState state) {
        List<Target> in = new ArrayList<>();
        for (Target t : targets) {
            if (t.state() == state) {
                in.add(t);
            }
        }
        return in;
    }

    /** @return how many targets ended in each state, in the enum's order, states with none left out */
    public Map<TargetState, Integer> counts() {
        Map<TargetState, Integer> counts = new EnumMap<>(TargetState.class);
        for (Target t : targets) {
            counts.merge(t.state(), 1, Integer::sum);
        }
        return counts;
    }

    /** @return whether every target ended without failing, none was left unstarted, and (check) nothing disagrees */
    public boolean succeeded() {
        return in(TargetState.FAILED).isEmpty() && in(TargetState.NOT_STARTED).isEmpty()
                && (verb != Verb.CHECK || problems.isEmpty() && in(TargetState.DIVERGED).isEmpty());
    }
}
