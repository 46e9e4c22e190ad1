package io.github.shaledb.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.github.shaledb.it.ItProject.sha256;
import static io.github.shaledb.it.LockIT.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The same migrations over a fleet of tenant schemas or databases, as a SaaS deploy runs them. */
@ExtendWith(TestPostgres.class)
class FleetIT {
    private static final List<String> TENANTS = List.of("acme", "globex", "initech", "umbrella", "hooli", "stark");

    /** Every tracking row of a tenant, in id order: name, hash, created_at; the history a rerun must continue. */
    private static List<String> history(Db db, String schema) throws Exception {
        return db.strings("select name || ' ' || hash || ' ' || created_at from " + schema + ".__drizzle_migrations order by id");
    }

    private static List<String> expectedHistory(ItProject project, int migrations) throws Exception {
        Path m = project.migrations();
        List<String> rows = new ArrayList<>(List.of("0000_orders " + sha256(m.resolve("0000_orders/migration.sql")) + " 1735732800000",
                "0001_note " + sha256(m.resolve("0001_note/migration.sql")) + " 1735732860000"));
        return rows.subList(0, migrations);
    }

    private static List<String> schemas(Db db, String like) throws Exception {
        return db.strings("select nspname from pg_namespace where nspname like '" + like + "' order by 1");
    }

    private static int advisoryLocks(Db db) throws Exception {
        return Integer.parseInt(db.strings("select count(*) from pg_locks where locktype = 'advisory'"
                + " and database = (select oid from pg_database where datname = current_database())").get(0));
    }

    @Test
    void tenantSchemasFromAFileEachGetTheirOwnHistoryAndARerunIsANoOp(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-schemas");

        MavenBuild.Result first = project.mvn("db:migrate").database(database).property("db.targets", "file:tenants.txt")
                .property("db.parallel", 3).property("db.report", "target/shale-fleet.json").run();

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.log()).contains("db:migrate over 6 tenants, 3 at a time.", "[6/6] tenants migrated, 0 failed, 0 running")
                .containsPattern("migrated +6");
        for (String tenant : TENANTS) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedHistory(project, 2));
            assertThat(db.strings("select count(*) from information_schema.columns where table_schema = '" + tenant
                    + "' and table_name = 'orders' and column_name = 'note'")).as(tenant).containsExactly("1");
        }
        assertThat(db.tables()).doesNotContain("public.orders", "drizzle.__drizzle_migrations");
        JsonNode report = new ObjectMapper().readTree(project.path("target/shale-fleet.json").toFile());
        assertThat(report.get("counts").get("changed").asInt()).isEqualTo(6);
        assertThat(report.get("targets").get(1).get("name").asText()).isEqualTo("globex");
        assertThat(report.get("targets").get(1).get("migrations").toString()).isEqualTo("[\"0000_orders\",\"0001_note\"]");

        MavenBuild.Result again = project.mvn("db:migrate").database(database).property("db.targets", "file:tenants.txt")
                .log("again.log").run();

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.log()).containsPattern("up to date +6").doesNotContain("Waiting for the migration lock");
        for (String tenant : TENANTS) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedHistory(project, 2));
        }

        MavenBuild.Result status = project.mvn("db:status").database(database)
                .property("db.targets", "file:tenants.txt").property("db.failOnPending", true).log("status.log").run();

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.log()).contains("0000_orders: 6 applied", "0001_note: 6 applied");
    }

    @Test
    void aFailingTenantWithContinueFailsAloneAndWithFailStopsTheRestThenARerunCompletes(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-schemas");
        db.execute("create schema globex; create table globex.orders (id int)"); // 0000_orders fails there

        MavenBuild.Result cont = project.mvn("db:migrate").database(database).property("db.targets", "file:tenants.txt")
                .property("db.onError", "continue").property("db.report", "target/shale-fleet.json").run();

        assertThat(cont.exitCode()).as(cont.toString()).isEqualTo(1);
        assertThat(cont.log()).contains("[WARNING] globex failed: ", "relation \"orders\" already exists",
                "db:migrate failed on 1 of 6 tenants (globex).").containsPattern("migrated +5").containsPattern("failed +1");
        for (String tenant : TENANTS) {
            assertThat(history(db, tenant)).as(tenant)
                    .containsExactlyElementsOf(expectedHistory(project, tenant.equals("globex") ? 0 : 2));
        }
        JsonNode report = new ObjectMapper().readTree(project.path("target/shale-fleet.json").toFile());
        assertThat(report.get("targets").get(1).get("state").asText()).isEqualTo("failed");
        assertThat(report.get("targets").get(1).get("error").asText()).contains("already exists");

        MavenBuild.Result fail = project.mvn("db:migrate").database(database).property("db.targets", "wave_a,globex,wave_c,wave_d")
                .property("db.parallel", 1).log("fail.log").run();

        assertThat(fail.exitCode()).as(fail.toString()).isEqualTo(1);
        assertThat(fail.log()).contains("db:migrate failed on 1 of 4 tenants (globex); 2 not started.")
                .containsPattern("not started +2");
        assertThat(history(db, "wave_a")).containsExactlyElementsOf(expectedHistory(project, 2));
        assertThat(schemas(db, "wave_%")).as("not started: untouched").containsExactly("wave_a");

        db.execute("drop table globex.orders");
        MavenBuild.Result rerun = project.mvn("db:migrate").database(database).property("db.targets", "wave_a,globex,wave_c,wave_d")
                .log("rerun.log").run();

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.log()).containsPattern("migrated +3").containsPattern("up to date +1");
        for (String tenant : List.of("wave_a", "globex", "wave_c", "wave_d")) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedHistory(project, 2));
        }
    }

    @Test
    void aFailedCanaryGroupLeavesTheOtherTenantsUntouchedAndAHealthyOneLetsThemRun(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-schemas");
        db.execute("create schema initech; create table initech.orders (id int)");

        MavenBuild.Result failed = project.mvn("db:migrate").database(database).property("db.targets", "file:tenants.txt")
                .property("db.canary", "canary").property("db.onError", "continue").run();

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.log()).contains("canary wave of 2 first (db.canary=canary)",
                "The canary wave failed on 1 of 2 tenants: the other 4 were not started.").containsPattern("not started +4");
        assertThat(history(db, "acme")).containsExactlyElementsOf(expectedHistory(project, 2));
        for (String tenant : List.of("globex", "umbrella", "hooli", "stark")) {
            assertThat(schemas(db, tenant)).as(tenant + " untouched").isEmpty();
        }

        db.execute("drop table initech.orders");
        MavenBuild.Result healthy = project.mvn("db:migrate").database(database).property("db.targets", "file:tenants.txt")
                .property("db.canary", 1).log("healthy.log").run();

        assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
        assertThat(healthy.log()).contains("canary wave of 1 first (db.canary=1)").containsPattern("migrated +5")
                .containsPattern("up to date +1");
        for (String tenant : TENANTS) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedHistory(project, 2));
        }
    }

    @Test
    void tenantsFromAQueryRollBackAndShowTheirStatus(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-schemas");
        db.execute("create table public.customers (slug text, plan text);"
                + " insert into public.customers values ('tenant_q1', 'pro'), ('tenant_q2', 'free'), ('tenant_q3', 'pro')");
        String query = "sql:select slug from public.customers order by slug";

        MavenBuild.Result migrate = project.mvn("db:migrate").database(database).property("db.targets", query).run();
        MavenBuild.Result rollback = project.mvn("db:rollback").database(database)
                .property("db.targets", "sql:select slug from public.customers where plan = 'pro'").log("rollback.log").run();
        MavenBuild.Result status = project.mvn("db:status").database(database).property("db.targets", query)
                .property("db.failOnPending", true).log("status.log").run();

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.log()).containsPattern("rolled back +2");
        assertThat(history(db, "tenant_q1")).containsExactlyElementsOf(expectedHistory(project, 1));
        assertThat(history(db, "tenant_q2")).containsExactlyElementsOf(expectedHistory(project, 2));
        assertThat(db.strings("select count(*) from information_schema.columns where table_schema = 'tenant_q3'"
                + " and column_name = 'note'")).containsExactly("0");
        assertThat(status.exitCode()).as(status.toString()).isEqualTo(1);
        assertThat(status.log()).contains("0000_orders: 3 applied", "0001_note: 1 applied, 2 pending",
                "2 of 3 targets have migrations not applied (tenant_q1, tenant_q3).");
    }

    @Test
    void aFleetOfDatabasesByUrl(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-databases");
        List<String> names = IntStream.rangeClosed(1, 3).mapToObj(i -> database.name() + "_shop" + i).toList();
        for (String name : names) {
            db.execute("create database " + name);
        }
        try {
            String urls = String.join(",", names.stream()
                    .map(n -> "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + n).toList());

            MavenBuild.Result migrate = project.mvn("db:migrate").database(database).property("db.targets", urls).run();
            MavenBuild.Result rollback = project.mvn("db:rollback").database(database).property("db.targets", urls)
                    .log("rollback.log").run();
            MavenBuild.Result status = project.mvn("db:status").database(database).property("db.targets", urls)
                    .log("status.log").run();

            assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
            assertThat(migrate.log()).contains("db:migrate over 3 databases").containsPattern("migrated +3");
            assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
            assertThat(status.log()).contains("0000_orders: 3 applied", "0001_note: 3 pending");
            for (String name : names) {
                TestDatabase other = new TestDatabase(name, database.jdbcUrl().replace("/" + database.name(), "/" + name),
                        database.user(), database.password(), database.host(), database.port());
                Db shop = new Db(other);
                assertThat(shop.strings("select name || ' ' || hash from drizzle.__drizzle_migrations order by id"))
                        .as(name).containsExactly("0000_orders " + sha256(project.migrations().resolve("0000_orders/migration.sql")));
                assertThat(shop.tables()).as(name).contains("public.orders");
            }
        } finally {
            for (String name : names) {
                db.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    @Test
    void aKilledFleetRunLeavesEachMigrationWholeOrAbsentAndNoLockAndTheRerunCompletes(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-killed");
        List<String> tenants = IntStream.rangeClosed(1, 12).mapToObj(i -> "k" + i).toList();
        String targets = String.join(",", tenants);
        Process build = project.mvn("db:migrate").database(database).property("db.targets", targets)
                .property("db.parallel", 3).log("killed.log").start();
        waitUntil(() -> !db.strings("select 1 from pg_stat_activity where query like '%pg_sleep(1.5)%' and pid <> pg_backend_pid()"
                + " and exists (select from pg_namespace where nspname = 'k4')").isEmpty(), Duration.ofSeconds(90),
                project.path("killed.log").toString());

        MavenBuild.kill(build);

        waitUntil(() -> advisoryLocks(db) == 0, Duration.ofSeconds(30), "the dead build's locks to go");
        int whole = 0;
        for (String tenant : tenants) {
            if (schemas(db, tenant).isEmpty()) {
                continue; // not reached
            }
            List<String> rows = db.strings("select name from " + tenant + ".__drizzle_migrations order by id");
            String note = db.strings("select count(*) from information_schema.columns where table_schema = '" + tenant
                    + "' and column_name = 'note'").get(0);
            if (rows.contains("0001_note")) {
                whole++;
                assertThat(note).as(tenant + ": recorded, so whole").isEqualTo("1");
            } else {
                assertThat(note).as(tenant + ": not recorded, so no trace of it").isEqualTo("0");
            }
        }
        assertThat(whole).as("killed midway: some tenants finished, not all").isBetween(1, tenants.size() - 1);

        MavenBuild.Result rerun = project.mvn("db:migrate").database(database).property("db.targets", targets)
                .log("rerun.log").run();

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        for (String tenant : tenants) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedHistory(project, 2));
            assertThat(db.strings("select indisvalid::text from pg_index where indexrelid = '" + tenant
                    + ".orders_note_idx'::regclass")).as(tenant).containsExactly("true");
        }
        assertThat(advisoryLocks(db)).isZero();
    }
}
