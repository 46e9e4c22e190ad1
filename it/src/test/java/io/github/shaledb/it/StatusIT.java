package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestPostgres.class)
class StatusIT {

    @Test
    void tableShowsAppliedAndPendingAndFailOnPendingNamesThem(TestDatabase database) throws Exception {
        ItProject project = ItProject.copy("status-output");
        MavenBuild.Result migrate = project.mvn("db:migrate").database(database).log("migrate.log").run();
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.log().lines().filter(l -> l.startsWith("[INFO] [")).toList()).satisfiesExactly(
                l -> assertThat(l).matches("\\[INFO] \\[1/2] 0000_create_users  \\d+ statements?  [\\d.]+ m?s"),
                l -> assertThat(l).matches("\\[INFO] \\[2/2] 0001_add_orders  \\d+ statements?  [\\d.]+ m?s"));
        assertThat(migrate.log()).containsPattern("\\[INFO] Applied 2 migrations in [\\d.]+ m?s; slowest: 000\\d_\\w+ [\\d.]+ m?s,"
                        + " 000\\d_\\w+ [\\d.]+ m?s\\.\\R\\[INFO] db.current = 0001_add_orders\\R")
                .doesNotContain("Applying");
        // A teammate adds a migration.
        Files.createDirectories(project.migrations().resolve("0002_add_prefs"));
        Files.copy(project.path("next/0002_add_prefs/migration.sql"), project.migrations().resolve("0002_add_prefs/migration.sql"));
        Files.copy(project.path("next/_journal.json"), project.migrations().resolve("meta/_journal.json"),
                StandardCopyOption.REPLACE_EXISTING);

        MavenBuild.Result status = project.mvn("db:status").database(database).run();

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.log())
                .containsPattern("\\[INFO\\] TAG +STATE +APPLIED AT")
                .containsPattern("\\[INFO\\] 0000_create_users +applied +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d")
                .containsPattern("\\[INFO\\] 0001_add_orders +applied +\\d{4}-")
                .containsPattern("\\[INFO\\] 0002_add_prefs +pending +-")
                .contains("db.current = 0001_add_orders")
                .containsPattern("\\[INFO] 2 applied, 1 pending\\R\\[INFO] -+\\R\\[INFO] BUILD SUCCESS");
        assertThat(new Db(database).appliedNames()).containsExactly("0000_create_users", "0001_add_orders");

        MavenBuild.Result pending = project.mvn("db:status").database(database)
                .property("db.pending", true).log("pending.log").run();

        assertThat(pending.exitCode()).as(pending.toString()).isZero();
        assertThat(pending.log()).containsPattern("\\[INFO\\] 0002_add_prefs +pending +-")
                .doesNotContain("0000_create_users  ").doesNotContain("0001_add_orders  ")
                .contains("[INFO] 2 applied, 1 pending");

        MavenBuild.Result gate = project.mvn("db:status").database(database)
                .property("db.failOnPending", true).log("gate.log").run();

        assertThat(gate.exitCode()).as(gate.toString()).isEqualTo(1);
        assertThat(gate.log()).contains("BUILD FAILURE").contains("1 migration(s) not applied: 0002_add_prefs");

        MavenBuild.Result quiet = project.mvn("db:migrate", "-q").database(database).log("quiet.log").run();

        assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
        // Only Maven's own colour resets and the JVM's warnings (newer JDKs warn about Maven's libraries) may remain.
        assertThat(quiet.log().replaceAll("\u001B\\[[0-9;]*m", "").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")).toList()).as("-q prints nothing on success").isEmpty();
        assertThat(new Db(database).appliedNames()).containsExactly("0000_create_users", "0001_add_orders", "0002_add_prefs");
    }
}
