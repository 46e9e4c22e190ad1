package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.github.shaledb.it.ItProject.sha256;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestPostgres.class)
class MigrateIT {

    @Test
    void quickstartAppliesBothMigrationsAndPublishesCurrent(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-quickstart");

        MavenBuild.Result first = project.mvn("db:migrate").database(database).run();

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.log()).contains("BUILD SUCCESS").contains("db.current = 0001_add_orders");
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.orders", "public.users");
        Path m = project.migrations();
        assertThat(db.trackingRows()).containsExactly(
                "0000_create_users " + sha256(m.resolve("0000_create_users/migration.sql")) + " 1735732800000",
                "0001_add_orders " + sha256(m.resolve("0001_add_orders/migration.sql")) + " 1735732860000");

        MavenBuild.Result again = project.mvn("db:migrate").database(database).log("again.log").run();

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.log()).contains("db.current = 0001_add_orders").doesNotContain("0000_create_users  ");
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0001_add_orders");
    }

    @Test
    void dryRunPrintsTheSqlAndChangesNothing(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-dry-run");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).property("db.dryRun", true).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log()).contains("CREATE TABLE users").contains("CREATE INDEX orders_user_id_idx");
        assertThat(db.tables()).doesNotContain("public.users", "public.orders");
        assertThat(db.appliedNames()).isEmpty();

        MavenBuild.Result toFile = project.mvn("db:migrate").database(database).property("db.dryRunOutput", "target/migrate.sql")
                .log("file.log").run();
        MavenBuild.Result again = project.mvn("db:migrate").database(database).property("db.dryRunOutput", "target/again.sql")
                .log("again.log").run();

        assertThat(toFile.exitCode()).as(toFile.toString()).isZero();
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(toFile.log()).containsPattern("\\[INFO] Dry run: wrote the SQL of \\d+ migrations? to .*target/migrate.sql;"
                + " nothing was changed\\.").doesNotContain("CREATE TABLE users");
        String sql = Files.readString(project.path("target/migrate.sql"));
        assertThat(sql).contains("create table if not exists \"drizzle\".\"__drizzle_migrations\"").contains("begin;")
                .contains("CREATE TABLE users").contains("insert into \"drizzle\".\"__drizzle_migrations\"").contains("commit;");
        assertThat(Files.readAllBytes(project.path("target/again.sql"))).as("the same file on a re-run")
                .isEqualTo(Files.readAllBytes(project.path("target/migrate.sql")));
        assertThat(db.tables()).doesNotContain("public.users", "public.orders");
    }

    @Test
    void twoConcurrentRunsApplyEachMigrationOnce(TestDatabase database) throws Exception {
        concurrentRuns(database, 2);
    }

    @Test
    void eightConcurrentRunsApplyEachMigrationOnce(TestDatabase database) throws Exception {
        concurrentRuns(database, 8);
    }

    private void concurrentRuns(TestDatabase database, int runs) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-concurrent-runs");
        List<MavenBuild> builds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            builds.add(project.mvn("db:migrate").database(database).log("build-" + i + ".log"));
        }

        List<MavenBuild.Result> results = MavenBuild.runConcurrently(builds);

        for (MavenBuild.Result result : results) {
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.log()).contains("db.current = 0005_create_t5");
        }
        List<String> expected = IntStream.range(0, 6).mapToObj(i -> String.format("%04d_create_t%d", i, i)).toList();
        assertThat(db.appliedNames()).containsExactlyElementsOf(expected);
        assertThat(db.strings("select count(*) from drizzle.__drizzle_migrations")).containsExactly("6");
        long applications = results.stream().mapToLong(r -> r.log().lines().filter(l -> l.matches("\\[INFO] \\[\\d+/\\d+] 000\\d_create_t\\d  .*")).count()).sum();
        assertThat(applications).as("each migration applied by exactly one build").isEqualTo(6);
    }

    @Test
    void createIndexConcurrentlyRunsOutsideATransactionAndLeavesAValidIndex(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-create-index-concurrently");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(db.strings("select indisvalid::text from pg_index where indexrelid = 'events_created_at_idx'::regclass"))
                .containsExactly("true");
        assertThat(db.appliedNames()).containsExactly("0000_create_events", "0001_index_events_created_at");
    }

    @Test
    void drizzleKitFlatLayoutIsReadAsIs(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-drizzle-flat-layout");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.orders", "public.users");
        assertThat(db.trackingRows()).containsExactly(
                "0000_create_users " + sha256(project.path("drizzle/0000_create_users.sql")) + " 1735732800000",
                "0001_add_orders " + sha256(project.path("drizzle/0001_add_orders.sql")) + " 1735732860000");
    }
}
