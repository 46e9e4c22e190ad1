package io.github.shaledb.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.FleetResult.TargetState;
import io.github.shaledb.engine.api.FleetResult.Verb;
import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StatusResult.State;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class FleetTest extends EngineTestBase {

    private MigrationsFolder twoMigrations() {
        return folder().add("orders", "create table orders (id bigint primary key, total numeric not null);", "drop table orders;")
                .add("note", "alter table orders add column note text;", "alter table orders drop column note;");
    }

    private ShaleSettings.Builder fleet(TestDatabase db, String targets) {
        return settings(db).targets(targets);
    }

    private List<String> history(TestDatabase db, String schema) throws Exception {
        return db.queryStrings("select name from " + schema + ".__drizzle_migrations order by id");
    }

    @Test
    void migratesEveryTenantSchemaWithItsOwnHistoryAndIsQuickWhenNothingIsPending(TestDatabase db) throws Exception {
        twoMigrations();

        FleetResult result = shale.fleet(Verb.MIGRATE, fleet(db, "tenant_a, tenant_b\ntenant_c").parallel(2).build());

        assertThat(result.targets()).extracting(FleetResult.Target::name, FleetResult.Target::state, FleetResult.Target::current)
                .containsExactly(tuple("tenant_a", TargetState.CHANGED, "0001_note"),
                        tuple("tenant_b", TargetState.CHANGED, "0001_note"), tuple("tenant_c", TargetState.CHANGED, "0001_note"));
        for (String tenant : List.of("tenant_a", "tenant_b", "tenant_c")) {
            assertThat(history(db, tenant)).containsExactly("0000_orders", "0001_note");
            assertThat(db.tables()).contains(tenant + ".orders");
        }
        assertThat(db.tables()).doesNotContain("public.orders", "drizzle.__drizzle_migrations");
        assertThat(log()).contains("[3/3] tenants migrated, 0 failed, 0 running");

        events.clear();
        FleetResult again = shale.fleet(Verb.MIGRATE, fleet(db, "tenant_a,tenant_b,tenant_c").build());
        assertThat(again.counts()).containsEntry(TargetState.UP_TO_DATE, 3).hasSize(1);
        // Nothing pending: decided from the tracking rows, before any lock (no lock wait, nothing re-planned).
        assertThat(events).noneMatch(e -> e.message().contains("Database is up to date") || e.message().contains("lock"));
    }

    @Test
    void aFailingTenantFailsAloneWithContinueAndStopsTheRestWithFail(TestDatabase db) throws Exception {
        twoMigrations();
        db.execute("create schema t2; create table t2.orders (id int)"); // migration 0 fails in t2

        FleetResult cont = shale.fleet(Verb.MIGRATE, fleet(db, "t1,t2,t3,t4").parallel(1)
                .onError(ShaleSettings.OnError.CONTINUE).report(Path.of("target/fleet.json")).build());

        assertThat(cont.targets()).extracting(FleetResult.Target::name, FleetResult.Target::state).containsExactly(
                tuple("t1", TargetState.CHANGED), tuple("t2", TargetState.FAILED), tuple("t3", TargetState.CHANGED),
                tuple("t4", TargetState.CHANGED));
        assertThat(cont.targets().get(1).error()).contains("0000_orders").contains("already exists");
        assertThat(db.queryStrings("select count(*)::text from t2.__drizzle_migrations")).containsExactly("0");
        assertThat(log()).contains("t2 failed: ");
        assertThat(cont.succeeded()).isFalse();
        JsonNode report = new ObjectMapper().readTree(project.resolve("target/fleet.json").toFile());
        assertThat(report.get("targets").get(1).get("error").asText()).as("a multi-line error, whole")
                .isEqualTo(cont.targets().get(1).error()).contains("\n  Fix: ");

        db.execute("drop schema t1, t3, t4 cascade");
        FleetResult fail = shale.fleet(Verb.MIGRATE, fleet(db, "t1,t2,t3,t4").parallel(1).build());

        assertThat(fail.targets()).extracting(FleetResult.Target::state).containsExactly(TargetState.CHANGED,
                TargetState.FAILED, TargetState.NOT_STARTED, TargetState.NOT_STARTED);
        assertThat(db.queryStrings("select nspname::text from pg_namespace where nspname in ('t3', 't4')")).isEmpty();

        db.execute("drop table t2.orders");
        FleetResult rerun = shale.fleet(Verb.MIGRATE, fleet(db, "t1,t2,t3,t4").build());
        assertThat(rerun.targets()).extracting(FleetResult.Target::state).containsExactly(TargetState.UP_TO_DATE,
                TargetState.CHANGED, TargetState.CHANGED, TargetState.CHANGED);
        assertThat(history(db, "t2")).containsExactly("0000_orders", "0001_note");
    }

    @Test
    void aFailedCanaryLeavesTheOtherWaveUntouched(TestDatabase db) throws Exception {
        twoMigrations();
        db.execute("create schema c2; create table c2.orders (id int)");

        FleetResult result = shale.fleet(Verb.MIGRATE, fleet(db, "c1,c2,r1,r2,r3").canary("2")
                .onError(ShaleSettings.OnError.CONTINUE).build());

        assertThat(result.targets()).extracting(FleetResult.Target::wave, FleetResult.Target::state).containsExactly(
                tuple(1, TargetState.CHANGED), tuple(1, TargetState.FAILED), tuple(2, TargetState.NOT_STARTED),
                tuple(2, TargetState.NOT_STARTED), tuple(2, TargetState.NOT_STARTED));
        assertThat(log()).contains("The canary wave failed on 1 of 2 tenants: the other 3 were not started.");
        assertThat(db.queryStrings("select nspname::text from pg_namespace where nspname like 'r_'")).isEmpty();
    }

    @Test
    void aCanaryGroupFromAFileRunsFirst(TestDatabase db) throws Exception {
        twoMigrations();
        Files.writeString(project.resolve("tenants.txt"), "# tenants\nalpha\nbeta canary\n\ngamma\n");

        FleetResult result = shale.fleet(Verb.MIGRATE, fleet(db, "file:tenants.txt").canary("canary").build());

        assertThat(result.targets()).extracting(FleetResult.Target::name, FleetResult.Target::wave,
                FleetResult.Target::state).containsExactly(tuple("alpha", 2, TargetState.CHANGED),
                tuple("beta", 1, TargetState.CHANGED), tuple("gamma", 2, TargetState.CHANGED));
        assertThatThrownBy(() -> shale.fleet(Verb.MIGRATE, fleet(db, "file:tenants.txt").canary("blue").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("db.canary=blue is no group of the fleet's targets (groups: canary).");
    }

    @Test
    void databasesFromAJsonFileAndStatusCountsPerMigration(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        String other = db.name() + "_b";
        db.execute("create database " + other);
        try {
            String urlA = db.jdbcUrl();
            // libpq form, with a password the (trusting) test server ignores and no output may show
            String urlB = "postgres://" + db.user() + ":s3cret-pw@" + db.host() + ":" + db.port() + "/" + other;
            Files.writeString(project.resolve("fleet.json"), "[{\"name\": \"shop-a\", \"url\": \"" + urlA + "\", \"group\": \"eu\"},"
                    + " {\"name\": \"shop-b\", \"url\": \"" + urlB + "\"}]");
            shale.fleet(Verb.MIGRATE, fleet(db, "file:fleet.json").build());
            f.add("prefs", "create table prefs (id int);", "drop table prefs;");
            shale.migrate(settings(db).build()); // shop-a only

            FleetResult status = shale.fleet(Verb.STATUS, fleet(db, "file:fleet.json").report(Path.of("target/fleet.json")).build());

            assertThat(status.targets()).extracting(FleetResult.Target::name, FleetResult.Target::state, FleetResult.Target::tags)
                    .containsExactly(tuple("shop-a", TargetState.UP_TO_DATE, List.of()),
                            tuple("shop-b", TargetState.BEHIND, List.of("0002_prefs")));
            assertThat(status.migrations()).extracting(FleetResult.MigrationCount::tag, m -> m.count(State.APPLIED),
                    m -> m.count(State.PENDING)).containsExactly(tuple("0000_orders", 2, 0), tuple("0001_note", 2, 0),
                    tuple("0002_prefs", 1, 1));
            JsonNode report = new ObjectMapper().readTree(project.resolve("target/fleet.json").toFile());
            assertThat(report.get("verb").asText()).isEqualTo("status");
            assertThat(report.get("targets").get(1).get("state").asText()).isEqualTo("behind");
            assertThat(report.get("migrations").get(2).get("pending").asInt()).isEqualTo(1);
            assertThat(report.toString()).doesNotContain("s3cret-pw").contains(db.host() + ":" + db.port() + "/" + other);
            assertThat(log()).doesNotContain("s3cret-pw");

            FleetResult rollback = shale.fleet(Verb.ROLLBACK, fleet(db, "file:fleet.json").build());
            assertThat(rollback.targets()).extracting(FleetResult.Target::tags, FleetResult.Target::current).containsExactly(
                    tuple(List.of("0002_prefs"), "0001_note"), tuple(List.of("0001_note"), "0000_orders"));
        } finally {
            db.execute("drop database if exists " + other + " with (force)");
        }
    }

    @Test
    void targetsFromAQueryAgainstDbUrl(TestDatabase db) throws Exception {
        twoMigrations();
        db.execute("create table public.tenants (slug text, tier text); insert into public.tenants values ('q1', 'gold'), ('q2', null)");

        FleetResult result = shale.fleet(Verb.MIGRATE,
                fleet(db, "sql:select slug as schema, tier as group from public.tenants order by slug").build());

        assertThat(result.targets()).extracting(FleetResult.Target::name, FleetResult.Target::group).containsExactly(
                tuple("q1", "gold"), tuple("q2", null));
        assertThat(history(db, "q2")).containsExactly("0000_orders", "0001_note");
    }

    @Test
    void wrongTargetsFailBeforeAnythingRuns(TestDatabase db) throws Exception {
        twoMigrations();
        assertThatThrownBy(() -> shale.fleet(Verb.MIGRATE, fleet(db, "t1,t2,t1").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("db.targets item 3 names the same target as db.targets item 1 (schema t1).");
        assertThatThrownBy(() -> shale.fleet(Verb.MIGRATE, fleet(db, "t1,t2").canary("2").build()))
                .hasMessageContaining("db.canary=2, but the fleet has 2 target(s)");
        assertThatThrownBy(() -> shale.fleet(Verb.MIGRATE, fleet(db, "t1").lockId(7L).build()))
                .hasMessageStartingWith("db.lockId gives every tenant schema");
        assertThatThrownBy(() -> shale.fleet(Verb.MIGRATE, fleet(db, "file:nope.txt").build()))
                .hasMessageContaining("names the file").hasMessageContaining("nope.txt, which does not exist");
        assertThatThrownBy(() -> shale.fleet(Verb.MIGRATE, fleet(db, "sql:select nspname from pg_namespace where false").build()))
                .hasMessageContaining("names no target");
        assertThatThrownBy(() -> shale.fleet(Verb.MIGRATE, fleet(db, "mysql://x/y").build()))
                .hasMessageContaining("is not a PostgreSQL URL");
        assertThat(db.queryStrings("select nspname::text from pg_namespace where nspname in ('t1', 't2')")).isEmpty();
        assertThat(events).noneMatch(e -> e.level() == ShaleEvent.Level.ERROR);
    }

    @Test
    void lintOverAFleetLintsWhatAnyTargetHasPendingOnce(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        shale.fleet(Verb.MIGRATE, fleet(db, "t1,t2").build());
        db.execute("alter table t2.orders drop column note; delete from t2.__drizzle_migrations where name = '0001_note'");
        f.add("total_idx", "create index orders_total_idx on orders (total);", "drop index orders_total_idx;");

        LintResult lint = shale.lint(fleet(db, "t1,t2").lintTrace(false).build());

        assertThat(lint.linted()).containsExactly("0001_note", "0002_total_idx");
        assertThat(lint.selection()).isEqualTo("2 not applied to at least one of 2 targets (0001_note on 1, 0002_total_idx on 2)");
        assertThat(lint.active()).extracting(LintFinding::ruleId, LintFinding::migration)
                .contains(tuple("create-index-not-concurrently", "0002_total_idx"));
    }

    @Test
    void aMigrationNamingPublicIsRefusedOnTenantSchemasBeforeItRuns(TestDatabase db) throws Exception {
        folder().add("orders", "-- as db:generate writes it\nCREATE TABLE \"public\".\"orders\" (id bigint primary key);", null);

        FleetResult result = shale.fleet(Verb.MIGRATE, fleet(db, "t1,t2").parallel(1).build());

        assertThat(result.targets()).extracting(FleetResult.Target::state)
                .containsExactly(TargetState.FAILED, TargetState.NOT_STARTED);
        assertThat(result.targets().get(0).error()).startsWith("0000_orders names the schema of its objects (line 2:"
                + " \"public\".\"orders\"), so on the tenant schema t1 it would change that schema instead of t1.");
        assertThat(db.tables()).doesNotContain("public.orders");
    }
}
