package io.github.shaledb.engine.api;

import java.time.Duration;
import java.util.List;

/**
 * What {@code rollback} did, newest first; {@code current} is the latest applied tag afterwards.
 *
 * @param rolledBack the migrations rolled back (or, in a dry run, that would be), newest first
 * @param current    the latest applied tag afterwards, or null when none is left
 * @param dryRun     whether this was a dry run
 * @param sql        for a dry run, the down scripts that would run; otherwise null
 */
public record RollbackResult(List<RolledBack> rolledBack, String current, boolean dryRun, String sql) {

    /** Copies the list. */
    public RollbackResult {
        rolledBack = List.copyOf(rolledBack);
    }

    /**
     * One migration rolled back.
     *
     * @param tag        e.g. {@code 0001_add_orders}
     * @param statements how many statements its down script holds
     * @param duration   how long it took
     */
    public record RolledBack(String tag, int statements, Duration duration) {
    }
}
