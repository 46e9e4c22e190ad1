package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A drizzle-kit flat folder continued by db:generate, migrated and rolled back, and db:check bound to verify. */
@ExtendWith(TestPostgres.class)
class DrizzleLayoutIT {

    @Test
    void generateContinuesTheFlatLayoutAndDeclaredCheckRunsInVerify(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("generate-drizzle-flat-layout");
        Path drizzle = project.path("drizzle");

        MavenBuild.Result generate = project.mvn("db:generate").property("db.name", "add_name").run();

        assertThat(generate.exitCode()).as(generate.toString()).isZero();
        assertThat(generate.log()).contains("Wrote drizzle/0002_add_name.sql (1 statement, 0002_add_name.down.sql and"
                + " meta/0002_snapshot.json)");
        assertThat(names(drizzle)).isEqualTo("0000_create_users.sql 0001_add_orders.sql 0002_add_name.down.sql"
                + " 0002_add_name.sql meta");
        assertThat(names(drizzle.resolve("meta"))).isEqualTo("0000_snapshot.json 0001_snapshot.json 0002_snapshot.json"
                + " _journal.json");

        MavenBuild.Result migrate = project.mvn("db:migrate").database(database).log("migrate.log").run();

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0001_add_orders", "0002_add_name");

        MavenBuild.Result rollback = project.mvn("db:rollback").database(database).log("rollback.log").run();

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0001_add_orders");

        MavenBuild.Result verify = project.mvn("verify").log("verify.log").run();

        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.log()).contains(":check (check-migrations) @ generate-drizzle-flat-layout")
                .contains("db:check passed: 3 migration(s), 3 replayed")
                .contains("Not checked: the replay against a snapshot for 2 migrations without a Shale snapshot");
    }

    private static String names(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return String.join(" ", list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
