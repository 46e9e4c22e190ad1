package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestPostgres.class)
class RollbackIT {

    private static ItProject migrated(String name, TestDatabase database) throws Exception {
        ItProject project = ItProject.copy(name);
        MavenBuild.Result result = project.mvn("db:migrate").database(database).log("migrate.log").run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(new Db(database).tables()).contains("public.users", "public.orders", "public.prefs");
        return project;
    }

    @Test
    void byCountRunsTheNewestDownScripts(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = migrated("rollback-by-count", database);

        MavenBuild.Result result = project.mvn("db:rollback").database(database).property("db.count", 2).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log()).containsPattern("\\[INFO] \\[1/2] 0002_add_prefs rolled back  \\d+ statements?  [\\d.]+ m?s")
                .containsPattern("\\[INFO] \\[2/2] 0001_add_orders rolled back  \\d+ statements?  [\\d.]+ m?s")
                .containsPattern("\\[INFO] Rolled back 2 migrations in [\\d.]+ m?s; db.current = 0000_create_users\\.");
        assertThat(result.log().indexOf("0002_add_prefs rolled back")).isLessThan(result.log().indexOf("0001_add_orders rolled back"));
        assertThat(result.log().lines().filter(l -> l.contains("0002_add_prefs"))).as("each migration named once, as it"
                + " finishes").hasSize(1);
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.users");
        assertThat(db.appliedNames()).containsExactly("0000_create_users");
    }

    @Test
    void toTagRollsBackEverythingAfterIt(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = migrated("rollback-to-tag", database);

        MavenBuild.Result result = project.mvn("db:rollback").database(database)
                .property("db.to", "0000_create_users").run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log()).contains("db.current = 0000_create_users");
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.users");
        assertThat(db.appliedNames()).containsExactly("0000_create_users");
    }

    @Test
    void missingDownScriptStopsBeforeAnythingRuns(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = migrated("rollback-missing-down", database);

        MavenBuild.Result result = project.mvn("db:rollback").database(database).property("db.count", 2).run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log()).contains("BUILD FAILURE").contains("0001_add_orders").contains("down.sql");
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.orders", "public.prefs", "public.users");
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0001_add_orders", "0002_add_prefs");
    }

    @Test
    void fromThePreviousReleasesCheckoutUndoesTheNewestWithItsStoredDownScript(TestDatabase database) throws Exception {
        Db db = new Db(database);
        migrated("rollback-by-count", database);
        ItProject previousRelease = ItProject.copy("rollback-by-count"); // checked out at the release before 0002_add_prefs
        Path migrations = previousRelease.migrations();
        for (Path file : List.of(migrations.resolve("0002_add_prefs/migration.sql"), migrations.resolve("0002_add_prefs/down.sql"),
                migrations.resolve("0002_add_prefs"))) {
            Files.deleteIfExists(file);
        }
        Path journal = migrations.resolve("meta/_journal.json");
        String text = Files.readString(journal);
        Files.writeString(journal, text.substring(0, text.lastIndexOf(",\n    {")) + "\n  ]\n}\n");

        MavenBuild.Result status = previousRelease.mvn("db:status").database(database).log("status.log").run();
        MavenBuild.Result result = previousRelease.mvn("db:rollback").database(database).run();

        assertThat(status.log()).containsPattern("0002_add_prefs +missing +\\S+ \\S+ \\S+ +stored down script");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log()).contains("0002_add_prefs rolled back").contains("(with the down script stored when it was applied; it is not on disk here)")
                .contains("db.current = 0001_add_orders");
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.orders", "public.users");
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0001_add_orders");
    }
}
