package io.github.shaledb.maven;

import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.RepairResult;
import io.github.shaledb.engine.api.InvalidIndex;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.MigrateResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** How results read in the build log. */
final class Reports {
    private static final DateTimeFormatter APPLIED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private Reports() {
    }

    static String statements(int count) {
        return count + (count == 1 ? " statement" : " statements");
    }

    /**
     * What to do with what generate wrote; the engine has already logged each folder it wrote (and for which
     * PostgreSQL), or that nothing changed, so neither is said twice.
     */
    static void generated(GenerateResult result, Log log) {
        if (!result.written()) {
            return;
        }
        String tags = String.join(", ", result.tags());
        boolean one = result.tags().size() == 1;
        if (!result.hazards().isEmpty()) {
            log.warn(tags + (one ? " has " : " have ") + result.hazards().size() + " hazard(s); review "
                    + (one ? "its migration.sql" : "their migration.sql files") + " before deploying.");
        }
        if (result.custom()) {
            log.info("Write the SQL of " + tags + " in its migration.sql (and its reverse in down.sql), then apply it with"
                    + " mvn db:migrate.");
        } else {
            log.info("Review " + tags + ", then apply " + (one ? "it" : "them") + " with mvn db:migrate.");
        }
    }

    /** Sets {@code db.current} for later plugins in the build; returns {@code db.current = TAG} for the goal's summary. */
    static String publishCurrent(MavenProject project, String current) {
        if (current == null) {
            project.getProperties().remove(DbProperties.CURRENT);
        } else {
            project.getProperties().setProperty(DbProperties.CURRENT, current);
        }
        return current(current);
    }

    static String current(String current) {
        return DbProperties.CURRENT + " = " + (current == null ? "(no migration applied)" : current);
    }

    /** {@code 812 ms} below a second, else {@code 3.1 s}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * The last line of a migrate that applied something: {@code Applied 300 migrations in 11.0 s; slowest: 0042_x 3.1 s,
     * 0007_y 1.2 s, 0100_z 900 ms.} The engine logged each migration as it finished.
     */
    static String migrated(MigrateResult result) {
        List<MigrateResult.AppliedMigration> applied = result.applied();
        StringBuilder line = new StringBuilder("Applied " + applied.size() + (applied.size() == 1 ? " migration" : " migrations")
                + " in " + duration(result.total()));
        if (applied.size() > 1) {
            List<String> slowest = applied.stream()
                    .sorted(Comparator.comparing(MigrateResult.AppliedMigration::duration).reversed())
                    .limit(3)
                    .map(m -> m.tag() + " " + duration(m.duration()))
                    .toList();
            line.append("; slowest: ").append(String.join(", ", slowest));
        }
        return line.append('.').toString();
    }

    /** Writes a dry run's SQL to {@code file} (UTF-8, parent folders created) for a DBA to review or apply with psql. */
    static void writeSql(Path file, String sql) throws MojoFailureException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, sql, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoFailureException("Cannot write " + DbProperties.DRY_RUN_OUTPUT + "=" + file + ": " + e.getMessage()
                    + ". Give a file in a folder the build may write.");
        }
    }

    /** One warning per INVALID index, with the SQL that repairs it; none when there is none. */
    static List<String> invalidIndexes(StatusResult status) {
        List<String> lines = new ArrayList<>();
        for (InvalidIndex index : status.invalidIndexes()) {
            lines.add("INVALID index " + index.quotedName() + " on " + index.table() + ": queries cannot use it (an"
                    + " interrupted or failed CREATE INDEX CONCURRENTLY or REINDEX … CONCURRENTLY left it). Fix: "
                    + index.fix());
        }
        return lines;
    }

    /** What repair did (or, in a dry run, would do) to the tracking table, one line each; none when it did nothing. */
    static List<String> repaired(RepairResult result) {
        List<String> lines = new ArrayList<>();
        String did = result.dryRun() ? "Would re-record " : "Re-recorded ";
        for (RepairResult.Rerecorded r : result.rerecorded()) {
            lines.add(did + r.tag() + ": hash " + shortHash(r.oldHash()) + " -> " + shortHash(r.newHash()) + " (" + switch (r.change()) {
                case COMMENTS_OR_WHITESPACE -> "comments or whitespace only";
                case STATEMENTS -> "statements changed, accepted with " + DbProperties.FORCE;
                case NOT_STORED -> "script as applied not stored, accepted with " + DbProperties.FORCE;
            } + ")");
        }
        for (RepairResult.Forgotten f : result.forgotten()) {
            lines.add((result.dryRun() ? "Would forget " : "Forgot ") + f.tag() + " (hash " + shortHash(f.hash()) + ")");
        }
        for (RepairResult.Duplicate d : result.duplicates()) {
            lines.add((result.dryRun() ? "Would remove " : "Removed ") + "the later copies of " + d.tag() + " (rows "
                    + d.removedIds() + "), keeping row " + d.keptId());
        }
        // The engine has warned about each migration not on disk, and said when there is nothing to repair.
        if (!result.nothingRepaired() && result.dryRun()) {
            lines.add("Dry run: nothing was changed.");
        }
        return lines;
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /**
     * {@code 297 applied, 3 pending}, then {@code modified}, {@code out of order} and {@code missing} when there are any:
     * the last line of db:status.
     */
    static String statusCounts(StatusResult status) {
        List<String> parts = new ArrayList<>();
        for (StatusResult.State state : StatusResult.State.values()) {
            long n = status.count(state);
            if (n > 0 || state == StatusResult.State.APPLIED || state == StatusResult.State.PENDING) {
                parts.add(n + " " + state.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return String.join(", ", parts);
    }

    /** The status as an aligned table: tag, state, applied at, and where db:rollback would find the down script. */
    static List<String> statusTable(StatusResult status) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"TAG", "STATE", "APPLIED AT", "ROLLBACK"});
        for (StatusResult.Row row : status.rows()) {
            cells.add(new String[] {row.tag(), row.state().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    row.appliedAt() == null ? "-" : APPLIED_AT.format(row.appliedAt()), rollback(row.down())});
        }
        int[] width = new int[3];
        for (String[] c : cells) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] c : cells) {
            lines.add(String.format("%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s", c[0], c[1], c[2], c[3])
                    .stripTrailing());
        }
        return lines;
    }

    private static String rollback(StatusResult.Down down) {
        if (down == null) {
            return "";
        }
        return switch (down) {
            case FILE -> "down.sql";
            case STORED -> "stored down script";
            case NONE -> "no down script";
        };
    }
}
