package io.github.shaledb.maven;

import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.InvalidIndex;
import io.github.shaledb.engine.api.StatusResult;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

    /** What generate wrote, for which PostgreSQL, and whether to look twice at hazards. */
    static void generated(GenerateResult result, Log log) {
        if (!result.written()) {
            log.info("No schema changes; no migration written.");
            return;
        }
        String tags = String.join(", ", result.tags());
        boolean one = result.tags().size() == 1;
        if (!result.hazards().isEmpty()) {
            log.warn(tags + (one ? " has " : " have ") + result.hazards().size() + " hazard(s); review "
                    + (one ? "its migration.sql" : "their migration.sql files") + " before deploying.");
        }
        log.info("Generated " + tags + " for PostgreSQL " + result.postgresVersion() + ". Review " + (one ? "it" : "them")
                + ", then apply " + (one ? "it" : "them") + " with mvn db:migrate.");
    }

    /** Sets {@code db.current} for later plugins in the build and says what it is. */
    static void publishCurrent(MavenProject project, String current, Log log) {
        if (current == null) {
            project.getProperties().remove(DbProperties.CURRENT);
            log.info(DbProperties.CURRENT + " = (no migration applied)");
        } else {
            project.getProperties().setProperty(DbProperties.CURRENT, current);
            log.info(DbProperties.CURRENT + " = " + current);
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

    /** The status as an aligned table: tag, state, applied at. */
    static List<String> statusTable(StatusResult status) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"TAG", "STATE", "APPLIED AT"});
        for (StatusResult.Row row : status.rows()) {
            cells.add(new String[] {row.tag(), row.state().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    row.appliedAt() == null ? "-" : APPLIED_AT.format(row.appliedAt())});
        }
        int tagWidth = cells.stream().mapToInt(c -> c[0].length()).max().orElse(0);
        int stateWidth = cells.stream().mapToInt(c -> c[1].length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (String[] c : cells) {
            lines.add(String.format("%-" + tagWidth + "s  %-" + stateWidth + "s  %s", c[0], c[1], c[2]).stripTrailing());
        }
        return lines;
    }
}
