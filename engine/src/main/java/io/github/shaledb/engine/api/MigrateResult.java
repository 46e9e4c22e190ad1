package io.github.shaledb.engine.api;

import java.time.Duration;
import java.util.List;

/**
 * What {@code migrate} did. {@code current} is the latest applied tag afterwards (null when none);
 * with a dry run, {@code applied} lists what would run and {@code sql} holds its text.
 */
public record MigrateResult(List<AppliedMigration> applied, String current, boolean dryRun,
                            List<String> baselined, Duration lockWait, Duration total, String sql) {

    public MigrateResult {
        applied = List.copyOf(applied);
        baselined = List.copyOf(baselined);
    }

    /** One migration that ran (or would run). */
    public record AppliedMigration(String tag, int statements, boolean transactional, Duration duration) {
    }
}
