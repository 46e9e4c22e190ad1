package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(TestPostgres.class)
class CheckIT {

    @Test
    void passesThenFindsDriftThenSchemaFilesAheadOfTheSnapshot(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("check-drift");
        MavenBuild.Result generated = project.mvn("db:generate", "db:migrate").database(database).log("setup.log").run();
        assertThat(generated.exitCode()).as(generated.toString()).isZero();

        MavenBuild.Result passing = project.mvn("db:check").database(database).log("passing.log").run();

        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        assertThat(passing.log()).contains("db:check passed: 1 migration(s), 1 replayed");

        db.execute("alter table orders add column hotfix text");
        MavenBuild.Result drift = project.mvn("db:check").database(database).log("drift.log").run();

        assertThat(drift.exitCode()).as(drift.toString()).isNotZero();
        assertThat(drift.log()).contains("BUILD FAILURE").contains("db:check found 1 problem(s):")
                .contains("Drift: ").contains("differs from the snapshot of 0000_create_orders_users")
                .contains("column hotfix extra");

        Files.writeString(project.path("src/main/db/schema/schema.sql"), Files.readString(
                project.path("src/main/db/schema/schema.sql")).replace("email text not null", "email text not null,\n  name text"));
        MavenBuild.Result stale = project.mvn("db:check").log("stale.log").run();

        assertThat(stale.exitCode()).as(stale.toString()).isNotZero();
        assertThat(stale.log()).contains("differ from the snapshot of 0000_create_orders_users")
                .contains("column name extra").contains("run db:generate");
    }
}
