package io.github.shaledb.engine.api;

import java.util.List;

/**
 * The studio's migrations page.
 *
 * @param status        the {@code db:status} table
 * @param scripts       each migration's SQL and down script, in the status table's order
 * @param trackingTable the tracking table, qualified
 * @param lockKey       the migration lock's advisory lock key
 * @param lock          the sessions holding or waiting for the migration lock (none while no run is under way)
 */
public record StudioMigrations(StatusResult status, List<Script> scripts, String trackingTable, long lockKey,
                               List<LockSession> lock) {
    /** Copies the lists. */
    public StudioMigrations {
        scripts = List.copyOf(scripts);
        lock = List.copyOf(lock);
    }

    /**
     * One migration's scripts.
     *
     * @param up   its {@code migration.sql} (for one missing on disk, the SQL stored when it was applied), or null
     * @param down the down script db:rollback would run (the file, else the one stored in its tracking row), or null
     */
    public record Script(String tag, String up, String down) {
    }
}
