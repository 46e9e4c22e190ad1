package io.github.shaledb.maven;

import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.FleetResult.Target;
import io.github.shaledb.engine.api.FleetResult.TargetState;
import io.github.shaledb.engine.api.FleetResult.Verb;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StatusResult.State;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a fleet run: the summary by state, one line per failed (or diverged) target with its error, for
 * {@code db:status} and {@code db:check} the count per migration; and fails the build when a target failed, was
 * not started, or (check) disagrees.
 */
final class FleetOutput {
    private FleetOutput() {
    }

    static void report(FleetResult result, ShaleSettings settings, Log log) throws MojoFailureException {
        boolean dryRun = Boolean.TRUE.equals(settings.dryRun());
        String noun = noun(result);
        log.info("");
        log.info("db:" + result.verb().goal() + " over " + result.targets().size() + " " + noun + " in "
                + seconds(result) + (dryRun ? " (dry run: nothing was changed)" : "") + ":");
        for (Map.Entry<TargetState, Integer> e : result.counts().entrySet()) {
            log.info(String.format(Locale.ROOT, "  %-20s %6d", label(result.verb(), e.getKey(), dryRun), e.getValue()));
        }
        if (result.verb() == Verb.STATUS || result.verb() == Verb.CHECK) {
            log.info("Per migration:");
            for (FleetResult.MigrationCount m : result.migrations()) {
                List<String> parts = new ArrayList<>();
                for (State state : State.values()) {
                    if (m.count(state) > 0) {
                        parts.add(m.count(state) + " " + state.name().toLowerCase(Locale.ROOT).replace('_', ' '));
                    }
                }
                log.info("  " + m.tag() + ": " + (parts.isEmpty() ? "not read (no target reached)" : String.join(", ", parts)));
            }
        }
        if (dryRun && result.verb() != Verb.STATUS && result.verb() != Verb.CHECK) {
            List<Target> would = result.in(TargetState.BEHIND);
            would.stream().limit(20).forEach(t -> log.info("  " + t.name() + ": would "
                    + (result.verb() == Verb.ROLLBACK ? "roll back " : "apply ") + String.join(", ", t.tags())));
            if (would.size() > 20) {
                log.info("  … and " + (would.size() - 20) + " more (all of them in -D" + DbProperties.REPORT + "=FILE)");
            }
        }
        if (!result.problems().isEmpty()) {
            log.error("The migrations folder (checked once for the fleet):");
            result.problems().forEach(p -> log.error("  " + p));
        }
        List<Target> diverged = result.in(TargetState.DIVERGED);
        if (!diverged.isEmpty()) {
            log.warn(diverged.size() + " " + noun + " disagree with the migrations folder:");
            for (Target t : diverged) {
                t.problems().forEach(p -> log.warn("  " + t.name() + ": " + p));
            }
        }
        List<Target> failed = result.in(TargetState.FAILED);
        for (Target t : failed) {
            log.error(t.name() + " (" + t.address() + (t.schema() == null ? "" : ", schema " + t.schema()) + ") failed:");
            t.error().lines().forEach(line -> log.error("  " + line));
        }
        int notStarted = result.in(TargetState.NOT_STARTED).size();
        if (!failed.isEmpty() || notStarted > 0) {
            throw new MojoFailureException("db:" + result.verb().goal() + " failed on " + failed.size() + " of "
                    + result.targets().size() + " " + noun + " (" + names(failed) + ")"
                    + (notStarted > 0 ? "; " + notStarted + " not started" : "") + "."
                    + (changes(result.verb()) ? " Every other target stands where this run left it, each migration"
                    + " applied whole or not at all." : "") + " Fix the failed targets (their errors are above, and in -D"
                    + DbProperties.REPORT + "=FILE), then run the goal again" + (changes(result.verb())
                    ? ": it continues where each target stands." : "."));
        }
        if (result.verb() == Verb.CHECK && (!diverged.isEmpty() || !result.problems().isEmpty())) {
            throw new MojoFailureException("db:check over " + result.targets().size() + " " + noun + ": "
                    + (result.problems().isEmpty() ? "" : result.problems().size() + " problem(s) in the migrations folder"
                    + (diverged.isEmpty() ? "" : ", and ")) + (diverged.isEmpty() ? "" : diverged.size() + " " + noun
                    + " disagree with it (" + names(diverged) + ")") + "; see the lines above.");
        }
    }

    private static boolean changes(Verb verb) {
        return verb == Verb.MIGRATE || verb == Verb.ROLLBACK;
    }

    private static String label(Verb verb, TargetState state, boolean dryRun) {
        return switch (state) {
            case CHANGED -> verb == Verb.ROLLBACK ? "rolled back" : "migrated";
            case UP_TO_DATE -> verb == Verb.ROLLBACK ? "nothing to roll back" : "up to date";
            case BEHIND -> dryRun ? "would change" : "pending";
            case DIVERGED -> "diverged";
            case FAILED -> "failed";
            case NOT_STARTED -> "not started";
        };
    }

    private static String noun(FleetResult result) {
        boolean schemas = result.targets().stream().allMatch(t -> t.schema() != null);
        boolean databases = result.targets().stream().allMatch(t -> t.schema() == null);
        String noun = schemas ? "tenants" : databases ? "databases" : "targets";
        return result.targets().size() == 1 ? noun.substring(0, noun.length() - 1) : noun;
    }

    private static String names(List<Target> targets) {
        List<String> names = targets.stream().map(Target::name).limit(10).toList();
        return String.join(", ", names) + (targets.size() > 10 ? ", …" : "");
    }

    private static String seconds(FleetResult result) {
        return String.format(Locale.ROOT, "%.1f s", result.elapsed().toMillis() / 1000.0);
    }
}
