package io.github.shaledb.engine.api;

import java.time.Duration;
import java.util.List;

/**
 * What {@code migrate} did. {@code current} is the latest applied tag afterwards (null when none);
 * with a dry run, {@code applied} lists what would run and {@code sql} holds its text.
 *
 * @param applied   the migrations that ran (or would run), in order; empty when nothing was pending
 * @param current   the latest applied tag afterwards, or null when none is applied
 * @param dryRun    whether this was a dry run (nothing changed)
 * @param baselined the tags recorded as applied without running ({@code db.baseline})
 * @param lockWait  how long the run waited for the migration lock
 * @param total     the run's duration
 * @param sql       for a dry run, the SQL that would run; otherwise null
 */
public record MigrateResult(List<AppliedMigration> applied, String current, boolean dryRun,
                            List<String> baselined, Duration lockWait, Duration total, String sql) {

    /** Copies the lists. */
    public MigrateResult {
        applied = List.copyOf(applied);
        baselined = List.copyOf(baselined);
    }

    /**
     * One migration that ran (or would run).
     *
     * @param tag           e.g. {@code 0001_add_orders}
     * @param statements    how many statements it holds
     * @param transactional false when it ran outside a transaction ({@code CREATE INDEX CONCURRENTLY} and the like)
     * @param duration      how long it took (zero for a dry run)
     */
    public record AppliedMigration(String tag, int statements, boolean transactional, Duration duration) {
    }
}
