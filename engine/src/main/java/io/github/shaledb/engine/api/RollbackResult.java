package io.github.shaledb.engine.api;

import java.time.Duration;
import java.util.List;

/** What {@code rollback} did, newest first; {@code current} is the latest applied tag afterwards. */
public record RollbackResult(List<RolledBack> rolledBack, String current, boolean dryRun, String sql) {

    public RollbackResult {
        rolledBack = List.copyOf(rolledBack);
    }

    public record RolledBack(String tag, int statements, Duration duration) {
    }
}
