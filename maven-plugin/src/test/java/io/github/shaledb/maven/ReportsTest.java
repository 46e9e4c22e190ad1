package io.github.shaledb.maven;

import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.InvalidIndex;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.MigrateResult.AppliedMigration;
import io.github.shaledb.engine.api.RepairResult;
import io.github.shaledb.engine.api.RepairResult.Change;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.StatusResult.Row;
import io.github.shaledb.engine.api.StatusResult.State;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    @Test
    void statusTableAlignsTagStateAppliedAtAndWhereTheDownScriptIs() {
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        StatusResult status = new StatusResult(List.of(
                new Row("0000_create_users", State.APPLIED, at, "a", "a", StatusResult.Down.FILE),
                new Row("0001_add_orders", State.OUT_OF_ORDER, null, "b", null),
                new Row("0002_x", State.PENDING, null, "c", null),
                new Row("0003_gone", State.MISSING, at, null, "d", StatusResult.Down.STORED),
                new Row("0004_old", State.MISSING, at, null, "e", StatusResult.Down.NONE)), "0000_create_users");

        assertThat(Reports.statusTable(status)).containsExactly(
                "TAG                STATE         APPLIED AT                  ROLLBACK",
                "0000_create_users  applied       2026-01-02 03:04:05 +00:00  down.sql",
                "0001_add_orders    out of order  -",
                "0002_x             pending       -",
                "0003_gone          missing       2026-01-02 03:04:05 +00:00  stored down script",
                "0004_old           missing       2026-01-02 03:04:05 +00:00  no down script");
    }

    @Test
    void statusEndsWithCountsByStateNamingTheRareStatesOnlyWhenPresent() {
        OffsetDateTime at = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        StatusResult usual = new StatusResult(List.of(
                new Row("0000_a", State.APPLIED, at, "a", "a"),
                new Row("0001_b", State.APPLIED, at, "b", "b"),
                new Row("0002_c", State.PENDING, null, "c", null)), "0001_b");
        StatusResult troubled = new StatusResult(List.of(
                new Row("0000_a", State.MODIFIED, at, "a", "x"),
                new Row("0001_b", State.OUT_OF_ORDER, null, "b", null),
                new Row("0002_c", State.APPLIED, at, "c", "c"),
                new Row("0003_gone", State.MISSING, at, null, "d")), "0002_c");

        assertThat(Reports.statusCounts(usual)).isEqualTo("2 applied, 1 pending");
        assertThat(Reports.statusCounts(troubled)).isEqualTo("1 applied, 0 pending, 1 modified, 1 out of order, 1 missing");
    }

    @Test
    void invalidIndexesReadAsWarningsWithTheRepair() {
        StatusResult status = new StatusResult(List.of(), null, List.of(
                new InvalidIndex("public", "t_v", "public.t", "CREATE INDEX t_v ON public.t USING btree (v)", "public.t_v"),
                new InvalidIndex("app", "Big_ccnew", "app.big", "CREATE INDEX \"Big_ccnew\" ON app.big (id)",
                        "app.\"Big_ccnew\"")));

        assertThat(Reports.invalidIndexes(status)).satisfiesExactly(
                l -> assertThat(l).startsWith("INVALID index public.t_v on public.t: queries cannot use it")
                        .contains("Fix: REINDEX INDEX CONCURRENTLY public.t_v;")
                        .contains("or DROP INDEX CONCURRENTLY public.t_v; then run the migration that creates it again"),
                l -> assertThat(l).startsWith("INVALID index app.\"Big_ccnew\" on app.big")
                        .contains("Fix: DROP INDEX CONCURRENTLY app.\"Big_ccnew\"; (a leftover copy of an interrupted"
                                + " REINDEX … CONCURRENTLY; the index it rebuilt is intact)"));
        assertThat(Reports.invalidIndexes(new StatusResult(List.of(), null))).isEmpty();
    }

    @Test
    void generateSaysWhatToDoNextWithoutRepeatingWhatTheEngineLogged() {
        RecordingLog log = new RecordingLog();

        Reports.generated(new GenerateResult(List.of("0003_add_x", "0004_add_x_concurrently", "0005_add_x_2"),
                List.of(Path.of("a"), Path.of("b"), Path.of("c")), 4,
                List.of("hazard: ACCESS_EXCLUSIVE_LOCK: locks public.t"), false, 15), log);
        Reports.generated(new GenerateResult(List.of("0006_add_y"), List.of(Path.of("d")), 1, List.of(), false, 16), log);
        Reports.generated(GenerateResult.nothingChanged(17), log);
        Reports.generated(new GenerateResult(List.of("0007_custom"), List.of(Path.of("e")), 0, List.of(), true, 17), log);

        assertThat(log.lines).containsExactly(
                "[WARNING] 0003_add_x, 0004_add_x_concurrently, 0005_add_x_2 have 1 hazard(s); review their migration.sql"
                        + " files before deploying.",
                "[INFO] Review 0003_add_x, 0004_add_x_concurrently, 0005_add_x_2, then apply them with mvn db:migrate.",
                "[INFO] Review 0006_add_y, then apply it with mvn db:migrate.",
                "[INFO] Write the SQL of 0007_custom in its migration.sql (and its reverse in down.sql), then apply it with"
                        + " mvn db:migrate.");
    }

    @Test
    void currentIsPublishedAsAProjectPropertyAndNamedForTheSummary() {
        MavenProject project = new MavenProject(new Model());

        assertThat(Reports.publishCurrent(project, "0001_add_orders")).isEqualTo("db.current = 0001_add_orders");
        assertThat(project.getProperties().getProperty("db.current")).isEqualTo("0001_add_orders");

        assertThat(Reports.publishCurrent(project, null)).isEqualTo("db.current = (no migration applied)");
        assertThat(project.getProperties()).doesNotContainKey("db.current");
    }

    @Test
    void migrateSummaryNamesTheThreeSlowestMigrations() {
        MigrateResult many = new MigrateResult(List.of(
                new AppliedMigration("0000_a", 1, true, Duration.ofMillis(40)),
                new AppliedMigration("0001_b", 3, true, Duration.ofMillis(3100)),
                new AppliedMigration("0002_c", 2, false, Duration.ofMillis(812)),
                new AppliedMigration("0003_d", 1, true, Duration.ofMillis(1200))),
                "0003_d", false, List.of(), Duration.ZERO, Duration.ofMillis(11_040), null);
        MigrateResult one = new MigrateResult(List.of(new AppliedMigration("0000_a", 1, true, Duration.ofMillis(40))),
                "0000_a", false, List.of(), Duration.ZERO, Duration.ofMillis(95), null);

        assertThat(Reports.migrated(many)).isEqualTo("Applied 4 migrations in 11.0 s; slowest: 0001_b 3.1 s, 0003_d 1.2 s,"
                + " 0002_c 812 ms.");
        assertThat(Reports.migrated(one)).isEqualTo("Applied 1 migration in 95 ms.");
    }

    @Test
    void engineEventsGoToTheMatchingLevelUnchanged() {
        RecordingLog log = new RecordingLog();
        MavenLogListener listener = new MavenLogListener(log);

        listener.onEvent(ShaleEvent.info("Database: postgres://app@db:5432/orders (PostgreSQL 15.8) via db.url"));
        listener.onEvent(ShaleEvent.warn("careful"));
        listener.onEvent(ShaleEvent.debug("File F"));
        listener.onEvent(new ShaleEvent(ShaleEvent.Level.ERROR, "bad"));

        assertThat(log.lines).containsExactly(
                "[INFO] Database: postgres://app@db:5432/orders (PostgreSQL 15.8) via db.url",
                "[WARNING] careful",
                "[DEBUG] File F",
                "[ERROR] bad");
    }

    @Test
    void reportSaysWhatWasReRecordedForgottenAndDeduplicated() {
        RepairResult result = new RepairResult(
                List.of(new RepairResult.Rerecorded("0000_users", Path.of("a.sql"), "463b4c0974a8957e", "d071b1707a08338c",
                                Change.COMMENTS_OR_WHITESPACE, List.of()),
                        new RepairResult.Rerecorded("0001_orders", Path.of("b.sql"), "aaaa", "bbbb", Change.STATEMENTS, List.of())),
                List.of(new RepairResult.Forgotten("0005_gone", "cccc")),
                List.of(new RepairResult.Duplicate("0000_users", 1, List.of(3, 4))),
                List.of("0006_newer"), false);

        assertThat(Reports.repaired(result)).containsExactly(
                "Re-recorded 0000_users: hash 463b4c0974a8 -> d071b1707a08 (comments or whitespace only)",
                "Re-recorded 0001_orders: hash aaaa -> bbbb (statements changed, accepted with db.force)",
                "Forgot 0005_gone (hash cccc)",
                "Removed the later copies of 0000_users (rows [3, 4]), keeping row 1");
    }

    @Test
    void reportOfADryRunAndOfNothingToRepair() {
        RepairResult dry = new RepairResult(List.of(), List.of(new RepairResult.Forgotten("#7", "cccc")), List.of(), List.of(), true);
        assertThat(Reports.repaired(dry)).containsExactly("Would forget #7 (hash cccc)", "Dry run: nothing was changed.");

        RepairResult nothing = new RepairResult(List.of(), List.of(), List.of(), List.of(), false);
        // The engine said "Nothing to repair: …"; the report does not say it again.
        assertThat(Reports.repaired(nothing)).isEmpty();
    }
}
