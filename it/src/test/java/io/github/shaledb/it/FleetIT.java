package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.github.shaledb.it.ItProject.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fleets ({@code db.targets}) as an operator runs them: tenant schemas and databases, a failing tenant with
 * {@code db.onError}, canary waves, and a build killed while the fleet migrates.
 */
@ExtendWith(TestPostgres.class)
class FleetIT {
    private static final List<String> BOTH = List.of("0000_create_users", "0001_add_orders");
    private static final List<String> TENANT_TABLES = List.of("__drizzle_migrations", "order_lines", "orders", "users");
    /** The first line of the error of a tenant whose schema already has an order_lines table. */
    private static final String ORDER_LINES_EXISTS = "0001_add_orders failed at src/main/db/migrations/0001_add_orders/"
            + "migration.sql:7:1: relation \"order_lines\" already exists (SQLSTATE 42P07)";
    private static final String TENANT_QUERY = "sql:select nspname from pg_namespace where nspname like 'tenant\\_%' order by 1";

    @Test
    void tenantSchemasFromAFileMigrateCanaryGroupFirstAndARerunByQueryIsANoOp(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-schemas");
        List<String> tenants = List.of("tenant_acme", "tenant_globex", "tenant_initech", "tenant_umbrella", "tenant_hooli",
                "tenant_stark", "tenant_wayne", "tenant_wonka");
        createSchemas(db, tenants);

        MavenBuild.Result first = project.mvn("db:migrate").database(database).property("db.canary", "canary")
                .property("db.report", "target/fleet.json").run();

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.log()).contains("[INFO] db:migrate over 8 tenants, 4 at a time; canary wave of 2 first (db.canary=canary).")
                .containsPattern("(?m)^\\[INFO]   migrated +8$").contains("BUILD SUCCESS");
        assertThat(first.log().indexOf("[INFO] [2/8] tenants migrated, 0 failed, 0 running")).as("the canary wave ends first")
                .isNotNegative().isLessThan(first.log().indexOf("[INFO] [8/8] tenants migrated, 0 failed, 0 running"));
        for (String tenant : tenants) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedRows(project, BOTH));
            assertThat(tablesIn(db, tenant)).as(tenant).containsExactlyElementsOf(TENANT_TABLES);
        }
        assertThat(tablesIn(db, "public")).as("nothing in public").isEmpty();
        assertThat(db.trackingTableExists()).as("no drizzle.__drizzle_migrations: each tenant has its own").isFalse();
        String report = Files.readString(project.path("target/fleet.json"));
        assertThat(report).contains("\"verb\" : \"migrate\"").contains("\"total\" : 8");
        for (String tenant : tenants) {
            boolean canary = tenant.equals("tenant_globex") || tenant.equals("tenant_hooli");
            assertThat(reportEntry(report, tenant)).contains("\"schema\" : \"" + tenant + "\"")
                    .contains("\"wave\" : " + (canary ? 1 : 2)).contains("\"state\" : \"changed\"")
                    .contains("\"current\" : \"0001_add_orders\"");
        }

        MavenBuild.Result again = project.mvn("db:migrate").database(database).property("db.targets", TENANT_QUERY)
                .property("db.report", "target/again.json").log("again.log").run();

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.log()).contains("[INFO] db:migrate over 8 tenants, 4 at a time.")
                .containsPattern("(?m)^\\[INFO]   up to date +8$").doesNotContainPattern("(?m)^\\[INFO]   migrated ");
        String againReport = Files.readString(project.path("target/again.json"));
        for (String tenant : tenants) {
            assertThat(reportEntry(againReport, tenant)).contains("\"state\" : \"up_to_date\"");
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedRows(project, BOTH));
        }

        db.execute("create schema tenant_zeta"); // signed up since
        MavenBuild.Result status = project.mvn("db:status").database(database).property("db.targets", TENANT_QUERY)
                .log("status.log").run();

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.log()).contains("[INFO] Per migration:")
                .contains("[INFO]   0000_create_users: 8 applied, 1 pending")
                .contains("[INFO]   0001_add_orders: 8 applied, 1 pending")
                .containsPattern("(?m)^\\[INFO]   up to date +8$").containsPattern("(?m)^\\[INFO]   pending +1$");
        assertThat(tablesIn(db, "tenant_zeta")).as("db:status changes nothing").isEmpty();
    }

    @Test
    void databasesByUrlMigrateTheNextReleaseAndRollBackOne(TestDatabase database) throws Exception {
        ItProject project = ItProject.copy("fleet-databases");
        List<TestDatabase> fleet = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                fleet.add(TestPostgres.newDatabase());
            }
            String urls = String.join(",", fleet.stream().map(d -> "jdbc:postgresql://" + d.host() + ":" + d.port() + "/" + d.name()).toList());

            MavenBuild.Result first = project.mvn("db:migrate").database(database).property("db.targets", urls).run();

            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(first.log()).contains("[INFO] db:migrate over 4 databases, 4 at a time.")
                    .containsPattern("(?m)^\\[INFO]   migrated +4$");
            for (TestDatabase d : fleet) {
                assertThat(new Db(d).trackingRows()).as(d.name()).containsExactlyElementsOf(expectedRows(project, BOTH));
                assertThat(new Db(d).tables()).as(d.name()).containsExactly("drizzle.__drizzle_migrations",
                        "public.order_lines", "public.orders", "public.users");
            }
            assertThat(new Db(database).tables()).as("db.url is not one of the targets").isEmpty();

            nextRelease(project);
            MavenBuild.Result next = project.mvn("db:migrate").database(database).property("db.targets", urls).log("next.log").run();

            assertThat(next.exitCode()).as(next.toString()).isZero();
            assertThat(next.log()).containsPattern("(?m)^\\[INFO]   migrated +4$");
            List<String> three = List.of("0000_create_users", "0001_add_orders", "0002_add_prefs");
            for (TestDatabase d : fleet) {
                assertThat(new Db(d).trackingRows()).as(d.name()).containsExactlyElementsOf(expectedRows(project, three));
                assertThat(new Db(d).tables()).as(d.name()).contains("public.prefs");
            }

            MavenBuild.Result rollback = project.mvn("db:rollback").database(database).property("db.targets", urls)
                    .property("db.count", 1).log("rollback.log").run();

            assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
            assertThat(rollback.log()).contains("[INFO] db:rollback over 4 databases, 4 at a time.")
                    .containsPattern("(?m)^\\[INFO]   rolled back +4$");
            for (TestDatabase d : fleet) {
                assertThat(new Db(d).trackingRows()).as(d.name()).containsExactlyElementsOf(expectedRows(project, BOTH));
                assertThat(new Db(d).tables()).as(d.name()).containsExactly("drizzle.__drizzle_migrations",
                        "public.order_lines", "public.orders", "public.users");
            }
        } finally {
            for (TestDatabase d : fleet) {
                d.close();
            }
        }
    }

    @Test
    void withOnErrorContinueEveryOtherTenantMigratesAndTheFailedOneKeepsOnlyItsFirstMigration(TestDatabase database)
            throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-failing-tenant");
        List<String> tenants = numbered(6);
        createSchemas(db, tenants);
        db.execute("create table tenant_3.order_lines (note text)"); // made by hand; 0001_add_orders creates one too

        MavenBuild.Result result = project.mvn("db:migrate").database(database).property("db.onError", "continue")
                .property("db.report", "target/fleet.json").run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log()).contains("[WARNING] tenant_3 failed: " + ORDER_LINES_EXISTS)
                .containsPattern("\\[ERROR] tenant_3 \\([\\w.]+:\\d+/" + database.name() + ", schema tenant_3\\) failed:")
                .contains("[ERROR]   " + ORDER_LINES_EXISTS)
                .contains("[ERROR]     Nothing of 0001_add_orders remains: its transaction was rolled back")
                .containsPattern("(?m)^\\[INFO]   migrated +5$").containsPattern("(?m)^\\[INFO]   failed +1$")
                .contains("db:migrate failed on 1 of 6 tenants (tenant_3). Every other target stands where this run left it")
                .doesNotContain("not started").contains("BUILD FAILURE");
        for (String tenant : tenants) {
            if (!tenant.equals("tenant_3")) {
                assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedRows(project, BOTH));
                assertThat(tablesIn(db, tenant)).as(tenant).containsExactlyElementsOf(TENANT_TABLES);
            }
        }
        assertThat(history(db, "tenant_3")).containsExactlyElementsOf(expectedRows(project, List.of("0000_create_users")));
        assertThat(tablesIn(db, "tenant_3")).as("0001_add_orders rolled back whole: no orders table")
                .containsExactly("__drizzle_migrations", "order_lines", "users");
        assertThat(db.strings("select column_name from information_schema.columns where table_schema = 'tenant_3'"
                + " and table_name = 'order_lines'")).as("the hand-made table as it was").containsExactly("note");
        String report = Files.readString(project.path("target/fleet.json"));
        assertThat(reportEntry(report, "tenant_3")).contains("\"state\" : \"failed\"").contains("already exists")
                .contains("\"current\" : null");
        assertThat(reportEntry(report, "tenant_4")).contains("\"state\" : \"changed\"");
    }

    @Test
    void withOnErrorFailTheTenantsAfterTheFailedOneAreNotStartedAndARerunAfterTheFixCompletes(TestDatabase database)
            throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-failing-tenant");
        List<String> tenants = numbered(6);
        createSchemas(db, tenants);
        db.execute("create table tenant_3.order_lines (note text)");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).property("db.onError", "fail")
                .property("db.parallel", 1).run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log()).contains("[INFO] db:migrate over 6 tenants, 1 at a time.")
                .contains("[WARNING] tenant_3 failed: " + ORDER_LINES_EXISTS)
                .containsPattern("(?m)^\\[INFO]   migrated +2$").containsPattern("(?m)^\\[INFO]   not started +3$")
                .contains("db:migrate failed on 1 of 6 tenants (tenant_3); 3 not started.");
        for (String tenant : List.of("tenant_1", "tenant_2")) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedRows(project, BOTH));
        }
        assertThat(history(db, "tenant_3")).containsExactlyElementsOf(expectedRows(project, List.of("0000_create_users")));
        for (String tenant : List.of("tenant_4", "tenant_5", "tenant_6")) {
            assertThat(tablesIn(db, tenant)).as(tenant + " untouched: not even a tracking table").isEmpty();
        }

        db.execute("drop table tenant_3.order_lines");
        MavenBuild.Result rerun = project.mvn("db:migrate").database(database).log("rerun.log").run();

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.log()).containsPattern("(?m)^\\[INFO]   migrated +4$").containsPattern("(?m)^\\[INFO]   up to date +2$");
        for (String tenant : tenants) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedRows(project, BOTH));
            assertThat(tablesIn(db, tenant)).as(tenant).containsExactlyElementsOf(TENANT_TABLES);
        }
    }

    @Test
    void aFailingCanaryOfTwoLeavesTheOtherTenantsUntouchedAndOnceFixedTheCanaryLetsEveryoneMigrate(TestDatabase database)
            throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-canary");
        List<String> tenants = numbered(6);
        createSchemas(db, tenants);
        db.execute("create table tenant_2.order_lines (note text)");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).property("db.canary", 2).run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log()).contains("[INFO] db:migrate over 6 tenants, 4 at a time; canary wave of 2 first (db.canary=2).")
                .contains("[WARNING] tenant_2 failed: " + ORDER_LINES_EXISTS)
                .contains("[WARNING] The canary wave failed on 1 of 2 tenants: the other 4 were not started.")
                .contains("db:migrate failed on 1 of 6 tenants (tenant_2); 4 not started.");
        assertThat(history(db, "tenant_1")).containsExactlyElementsOf(expectedRows(project, BOTH));
        assertThat(history(db, "tenant_2")).containsExactlyElementsOf(expectedRows(project, List.of("0000_create_users")));
        for (String tenant : tenants.subList(2, 6)) {
            assertThat(tablesIn(db, tenant)).as(tenant + " untouched: not even a tracking table").isEmpty();
        }

        db.execute("drop table tenant_2.order_lines");
        MavenBuild.Result fixed = project.mvn("db:migrate").database(database).property("db.canary", 2).log("fixed.log").run();

        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        assertThat(fixed.log()).containsPattern("(?m)^\\[INFO]   migrated +5$").containsPattern("(?m)^\\[INFO]   up to date +1$");
        assertThat(fixed.log().indexOf("[INFO] [2/6] tenants migrated, 0 failed, 0 running")).as("the canary wave ends first")
                .isNotNegative().isLessThan(fixed.log().indexOf("[INFO] [6/6] tenants migrated, 0 failed, 0 running"));
        for (String tenant : tenants) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(expectedRows(project, BOTH));
            assertThat(tablesIn(db, tenant)).as(tenant).containsExactlyElementsOf(TENANT_TABLES);
        }
    }

    @Test
    void aFailingCanaryGroupStopsTheFleetEvenWithOnErrorContinue(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-canary");
        List<String> tenants = numbered(6);
        createSchemas(db, tenants);
        db.execute("create table tenant_6.order_lines (note text)");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).property("db.canary", "canary")
                .property("db.onError", "continue").run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log()).contains("canary wave of 2 first (db.canary=canary).")
                .contains("[WARNING] tenant_6 failed: " + ORDER_LINES_EXISTS)
                .contains("[WARNING] The canary wave failed on 1 of 2 tenants: the other 4 were not started.")
                .contains("db:migrate failed on 1 of 6 tenants (tenant_6); 4 not started.");
        assertThat(history(db, "tenant_5")).containsExactlyElementsOf(expectedRows(project, BOTH));
        assertThat(history(db, "tenant_6")).containsExactlyElementsOf(expectedRows(project, List.of("0000_create_users")));
        for (String tenant : tenants.subList(0, 4)) {
            assertThat(tablesIn(db, tenant)).as(tenant + " untouched: not even a tracking table").isEmpty();
        }
    }

    @Test
    void killedWhileTheFleetMigratesEachTenantHasEachMigrationWholeOrNotAtAllAndNoLockRemains(TestDatabase database)
            throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("fleet-killed");
        List<String> tenants = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("tenant_%02d", i)).toList();
        createSchemas(db, tenants);
        Process build = project.mvn("db:migrate").database(database).log("killed.log").start();
        LockIT.waitUntil(() -> recorded(db, tenants, "0001_slow").size() >= 2, Duration.ofSeconds(90),
                project.path("killed.log").toString());

        MavenBuild.kill(build);

        // Each tenant's transaction in flight rolls back once its server session notices the client is gone (when
        // pg_sleep ends); its session's advisory lock goes with it.
        LockIT.waitUntil(() -> advisoryLocks(db) == 0, Duration.ofSeconds(20), "the dead build's advisory locks to go");
        List<String> done = recorded(db, tenants, "0001_slow");
        assertThat(done).as("the kill came mid-fleet").hasSizeBetween(2, tenants.size() - 1);
        for (String tenant : tenants) {
            List<String> tables = tablesIn(db, tenant);
            boolean nickname = !db.strings("select column_name from information_schema.columns where table_schema = '"
                    + tenant + "' and table_name = 'users' and column_name = 'nickname'").isEmpty();
            if (done.contains(tenant)) {
                assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(
                        expectedRows(project, List.of("0000_create_users", "0001_slow")));
                assertThat(tables).as(tenant).contains("audit_log");
                assertThat(nickname).as(tenant + ": users.nickname").isTrue();
            } else {
                assertThat(tables).as(tenant + ": no trace of 0001_slow").doesNotContain("audit_log");
                assertThat(nickname).as(tenant + ": users.nickname").isFalse();
                assertThat(history(db, tenant)).as(tenant).doesNotContain(expectedRows(project, List.of("0001_slow")).get(0));
                if (!history(db, tenant).isEmpty()) {
                    assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(
                            expectedRows(project, List.of("0000_create_users")));
                    assertThat(tables).as(tenant).contains("users");
                } else {
                    assertThat(tables).as(tenant + ": no trace of 0000_create_users").doesNotContain("users");
                }
            }
        }

        MavenBuild.Result rerun = project.mvn("db:migrate").database(database).log("rerun.log").run();

        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.log()).containsPattern("(?m)^\\[INFO]   migrated +" + (tenants.size() - done.size()) + "$")
                .containsPattern("(?m)^\\[INFO]   up to date +" + done.size() + "$");
        for (String tenant : tenants) {
            assertThat(history(db, tenant)).as(tenant).containsExactlyElementsOf(
                    expectedRows(project, List.of("0000_create_users", "0001_slow")));
            assertThat(tablesIn(db, tenant)).as(tenant).containsExactly("__drizzle_migrations", "audit_log", "users");
        }
        assertThat(advisoryLocks(db)).isZero();
    }

    private static List<String> numbered(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "tenant_" + i).toList();
    }

    /** The tenants' schemas, as the application creates them at sign-up. */
    private static void createSchemas(Db db, List<String> tenants) throws SQLException {
        for (String tenant : tenants) {
            db.execute("create schema " + tenant);
        }
    }

    /** A tenant's tracking rows as "name hash created_at", in id order; none without a tracking table. */
    private static List<String> history(Db db, String schema) throws SQLException {
        if (db.strings("select to_regclass('" + schema + ".__drizzle_migrations')::text").get(0) == null) {
            return List.of();
        }
        return db.strings("select name || ' ' || hash || ' ' || created_at from " + schema + ".__drizzle_migrations order by id");
    }

    /** The rows the tags' migrations record: the file's SHA-256, the journal's time (a minute apart from 0000's). */
    private static List<String> expectedRows(ItProject project, List<String> tags) {
        return tags.stream().map(tag -> tag + " " + sha256(project.migrations().resolve(tag).resolve("migration.sql")) + " "
                + (1735732800000L + 60_000L * Integer.parseInt(tag.substring(0, 4)))).toList();
    }

    private static List<String> tablesIn(Db db, String schema) throws SQLException {
        return db.strings("select table_name from information_schema.tables where table_schema = '" + schema + "' order by 1");
    }

    /** The tenants whose tracking table records the migration (committed rows only), sorted; two queries. */
    private static List<String> recorded(Db db, List<String> tenants, String tag) throws SQLException {
        List<String> withTable = db.strings("select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where c.relname = '__drizzle_migrations' and n.nspname like 'tenant\\_%' order by 1");
        withTable.retainAll(tenants);
        if (withTable.isEmpty()) {
            return List.of();
        }
        return db.strings(String.join(" union all ", withTable.stream().map(t -> "select '" + t + "' from " + t
                + ".__drizzle_migrations where name = '" + tag + "'").toList()) + " order by 1");
    }

    /** Advisory locks held in this test's database (other tests' builds run on the same server). */
    private static int advisoryLocks(Db db) throws SQLException {
        return Integer.parseInt(db.strings("select count(*) from pg_locks where locktype = 'advisory' and database ="
                + " (select oid from pg_database where datname = current_database())").get(0));
    }

    /** One target's object of a db.report file (keys in a fixed order, pretty-printed), up to its closing brace. */
    private static String reportEntry(String report, String name) {
        int at = report.indexOf("\"name\" : \"" + name + "\"");
        assertThat(at).as(name + " in the report:\n" + report).isNotNegative();
        return report.substring(at, report.indexOf('}', at));
    }

    /** The next release's checkout: 0002_add_prefs and the journal that lists it. */
    private static void nextRelease(ItProject project) throws Exception {
        Path next = project.path("next-release");
        Path migrations = project.migrations();
        Files.createDirectories(migrations.resolve("0002_add_prefs"));
        for (String file : List.of("0002_add_prefs/migration.sql", "0002_add_prefs/down.sql", "meta/_journal.json")) {
            Files.copy(next.resolve(file), migrations.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
