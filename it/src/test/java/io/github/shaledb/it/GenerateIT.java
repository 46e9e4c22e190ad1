package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** db:generate in real builds, with the shadow database on a temporary embedded server. */
@ExtendWith(TestPostgres.class)
class GenerateIT {

    private static String folders(Path migrations) throws Exception {
        try (Stream<Path> list = Files.list(migrations)) {
            return String.join(" ", list.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void firstMigrationThenAChangeThenNothingChangedThenMigrate(TestDatabase database) throws Exception {
        ItProject project = ItProject.copy("generate-workflow");

        MavenBuild.Result first = project.mvn("db:generate").run();

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.log()).contains("[INFO] Wrote src/main/db/migrations/0000_create_users (")
                .contains("[INFO] Review 0000_create_users, then apply it with mvn db:migrate.");
        Path m = project.migrations();
        assertThat(folders(m)).isEqualTo("0000_create_users meta");
        assertThat(folders(m.resolve("0000_create_users"))).isEqualTo("down.sql migration.sql snapshot.json");
        assertThat(Files.readString(m.resolve("meta/_journal.json")))
                .startsWith("{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n")
                .contains("\"tag\": \"0000_create_users\"").endsWith("}\n");

        Files.writeString(project.path("src/main/db/schema/02_orders.sql"),
                "create table orders (id bigint primary key, user_id bigint not null references users, total numeric(10,2));\n");
        MavenBuild.Result second = project.mvn("db:generate").property("db.name", "add_orders").log("second.log").run();

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.log()).contains("[INFO] Changes since 0000_create_users: 1 object, ")
                .containsPattern("\\[INFO]   \\+ table public.orders with constraint orders_pkey, constraint orders_user_id_fkey\\R");
        assertThat(folders(m)).isEqualTo("0000_create_users 0001_add_orders meta");
        assertThat(Files.readString(m.resolve("0001_add_orders/migration.sql"))).containsIgnoringCase("create table")
                .contains("orders");

        MavenBuild.Result third = project.mvn("db:generate").log("third.log").run();

        assertThat(third.exitCode()).as(third.toString()).isZero();
        assertThat(third.log().lines().filter(l -> l.contains("No schema changes")).toList()).as("said once")
                .singleElement().asString().contains("Nothing was written");
        assertThat(folders(m)).isEqualTo("0000_create_users 0001_add_orders meta");

        MavenBuild.Result migrate = project.mvn("db:migrate").database(database).log("migrate.log").run();
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(new Db(database).tables()).contains("public.users", "public.orders");
    }

    @Test
    void batchModeStopsAtARenameWithTheHintThenTheHintRenames() throws Exception {
        ItProject project = ItProject.copy("generate-rename");
        assertThat(project.mvn("db:generate").run().exitCode()).isZero();
        Files.writeString(project.path("src/main/db/schema/users.sql"),
                "create table users (\n  id bigint primary key,\n  display_name text\n);\n");

        MavenBuild.Result stopped = project.mvn("db:generate").log("stopped.log").run();

        assertThat(stopped.exitCode()).as(stopped.toString()).isNotZero();
        assertThat(stopped.log()).contains("BUILD FAILURE")
                .contains("Column public.users.display_name: created, or renamed from public.users.full_name?")
                .contains("-Ddb.renames=users.full_name:display_name").contains("-Ddb.force=true");
        assertThat(folders(project.migrations())).isEqualTo("0000_create_users meta");

        MavenBuild.Result renamed = project.mvn("db:generate").property("db.renames", "users.full_name:display_name")
                .log("renamed.log").run();

        assertThat(renamed.exitCode()).as(renamed.toString()).isZero();
        Path folder = project.migrations().resolve("0001_alter_users");
        assertThat(Files.readString(folder.resolve("migration.sql"))).containsIgnoringCase("rename column")
                .doesNotContainIgnoringCase("drop column");
        assertThat(Files.readString(folder.resolve("down.sql"))).containsIgnoringCase("rename column");
    }

    @Test
    void forceAcceptsDropAndAddAndWarnsOfTheDataLoss() throws Exception {
        ItProject project = ItProject.copy("generate-rename");
        assertThat(project.mvn("db:generate").run().exitCode()).isZero();
        Files.writeString(project.path("src/main/db/schema/users.sql"),
                "create table users (\n  id bigint primary key,\n  display_name text\n);\n");

        MavenBuild.Result forced = project.mvn("db:generate").property("db.force", true).log("forced.log").run();

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.log()).contains("[WARNING]   - column public.users.full_name  [hazard DATA_LOSS: drops column"
                + " full_name of public.users]").contains("[WARNING] 0001_alter_users has 1 hazard(s)");
        assertThat(Files.readString(project.migrations().resolve("0001_alter_users/migration.sql")))
                .containsIgnoringCase("drop column").contains("-- hazard: DATA_LOSS");
    }

    @Test
    void brokenSchemaFileFailsNamingFileLineAndColumn() throws Exception {
        ItProject project = ItProject.copy("generate-broken-schema-file");

        MavenBuild.Result result = project.mvn("db:generate").run();

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.log()).contains("BUILD FAILURE")
                .contains("src/main/db/schema/02_orders.sql:4:9: type \"numbr\" does not exist (SQLSTATE 42704)");
        assertThat(Files.exists(project.migrations())).isFalse();
    }
}
