package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import static io.github.shaledb.it.ItProject.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees when the migrations folder or a migration's SQL is wrong. */
@ExtendWith(TestPostgres.class)
class MigrationFilesIT {

    @Test
    void failureAtStatementThreeNamesTheFilePositionAndSqlState(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-fails-at-statement-3");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log())
                .contains("BUILD FAILURE")
                .contains("0001_add_ledger")
                .contains("migration.sql:5:13")
                .contains("42P01")
                .contains("ledger_typo");
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.users");
        assertThat(db.appliedNames()).containsExactly("0000_create_users");
    }

    @Test
    void editedAppliedMigrationFailsNamingBothHashes(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-edited-applied-migration");
        Path users = project.migrations().resolve("0000_create_users/migration.sql");
        String appliedHash = sha256(users);
        MavenBuild.Result first = project.mvn("db:migrate").database(database).run();
        assertThat(first.exitCode()).as(first.toString()).isZero();

        Files.writeString(users, "ALTER TABLE users ADD COLUMN name text;\n", StandardOpenOption.APPEND);
        MavenBuild.Result edited = project.mvn("db:migrate").database(database).log("edited.log").run();

        assertThat(edited.exitCode()).as(edited.toString()).isEqualTo(1);
        assertThat(edited.log())
                .contains("BUILD FAILURE")
                .contains("0000_create_users")
                .contains(appliedHash)
                .contains(sha256(users));
        assertThat(db.strings("select count(*) from information_schema.columns where table_name = 'users' and column_name = 'name'"))
                .containsExactly("0");
    }

    @Test
    void outOfOrderMigrationFailsUnlessAllowed(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-out-of-order");
        MavenBuild.Result first = project.mvn("db:migrate").database(database).run();
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0002_add_orders");

        // The branch is merged: its migration sorts before one already applied.
        copyTree(project.path("branch/0001_add_prefs"), project.migrations().resolve("0001_add_prefs"));
        Files.copy(project.path("branch/_journal.json"), project.migrations().resolve("meta/_journal.json"),
                StandardCopyOption.REPLACE_EXISTING);
        MavenBuild.Result refused = project.mvn("db:migrate").database(database).log("refused.log").run();

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.log()).contains("BUILD FAILURE").contains("0001_add_prefs").contains("db.outOfOrder");
        assertThat(db.tables()).doesNotContain("public.prefs");

        MavenBuild.Result allowed = project.mvn("db:migrate").database(database)
                .property("db.outOfOrder", true).log("allowed.log").run();

        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(db.tables()).contains("public.prefs");
        assertThat(db.appliedNames()).containsExactlyInAnyOrder("0000_create_users", "0001_add_prefs", "0002_add_orders");
    }

    @Test
    void malformedJournalIsNamedAndTheDatabaseUntouched(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-malformed-journal");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log()).contains("BUILD FAILURE").contains("_journal.json");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void journalEntryWithoutItsFolderIsNamedAndTheDatabaseUntouched(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-journal-entry-without-folder");

        MavenBuild.Result result = project.mvn("db:migrate").database(database).run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log()).contains("BUILD FAILURE").contains("0001_add_orders");
        assertThat(db.tables()).isEmpty();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
