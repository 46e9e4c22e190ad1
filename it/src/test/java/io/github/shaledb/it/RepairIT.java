package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.shaledb.it.ItProject.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/** Accepting an intended edit of an applied migration with db:repair. */
@ExtendWith(TestPostgres.class)
class RepairIT {

    @Test
    void commentAddedToAnAppliedMigrationIsShownAndRecordedThenMigrateRunsAgain(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("repair-edited-migration");
        Path users = project.migrations().resolve("0000_create_users/migration.sql");
        MavenBuild.Result first = project.mvn("db:migrate").database(database).run();
        assertThat(first.exitCode()).as(first.toString()).isZero();

        Files.writeString(users, "-- Users sign in with their email.\n" + Files.readString(users));
        MavenBuild.Result refused = project.mvn("db:migrate").database(database).log("refused.log").run();
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.log()).contains("BUILD FAILURE").contains("0000_create_users was changed after it was applied")
                .contains("mvn db:repair");

        MavenBuild.Result repaired = project.mvn("db:repair").database(database).log("repair.log").run();

        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.log())
                .contains("0000_create_users (" + users + ") changed since it was applied, in comments or whitespace only")
                .contains("[INFO] +-- Users sign in with their email.\n[INFO]  CREATE TABLE users (")
                .contains("Re-recorded 0000_create_users: hash ")
                .contains("(comments or whitespace only)");
        assertThat(db.trackingRows()).hasSize(2).first().asString().startsWith("0000_create_users " + sha256(users));

        MavenBuild.Result again = project.mvn("db:migrate").database(database).log("again.log").run();
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0001_add_orders");
    }
}
