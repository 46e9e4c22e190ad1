package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.container.DockerPostgres;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.testsupport.DockerImages;
import io.github.shaledb.engine.testsupport.DockerRequired;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Servers in containers (Testcontainers): db.url=docker:IMAGE for a goal, db.shadowUrl=docker:IMAGE for the scratch
 * databases of generate, and DockerPostgres as db:start uses it. Skipped with the reason where Docker is absent; the
 * GitHub workflow's Docker job runs them (SHALE_REQUIRE_DOCKER=true).
 */
@DockerRequired
class DockerContainersTest extends SchemaTestBase {

    @Test
    void aContainerServesTheApiAndIsRemovedOnClose() throws Exception {
        String url;
        Properties props = new Properties();
        List<String> progress = new ArrayList<>();
        try (DockerPostgres server = DockerPostgres.start(DockerImages.POSTGRES, progress::add)) {
            assertThat(progress).isNotEmpty().noneMatch(line -> line.contains(server.password()));
            assertThat(server.serverVersion()).startsWith(DockerImages.MAJOR + ".");
            server.createDatabase("app");
            server.createDatabase("app"); // already there: nothing to do
            url = server.jdbcUrl("app");
            assertThat(url).isEqualTo("jdbc:postgresql://" + server.host() + ":" + server.port() + "/app");
            props.setProperty("user", server.user());
            props.setProperty("password", server.password());
            try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("app");
            }
        }
        props.setProperty("connectTimeout", "5");
        assertThatThrownBy(() -> DriverManager.getConnection(url, props).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void migrateRunsOnAThrowawayContainerOfTheImage(TestDatabase db) throws Exception {
        folder().add("create_t", "create table t (id int primary key);", "drop table t;")
                .add("add_a", "alter table t add column a text;", "alter table t drop column a;");

        MigrateResult result = shale.migrate(settings(db).url("docker:" + DockerImages.POSTGRES).user(null).password(null).build());

        assertThat(result.applied()).hasSize(2);
        assertThat(result.current()).isEqualTo("0001_add_a");
        assertThat(log()).containsPattern("Database: container " + Pattern.quote(DockerImages.POSTGRES) + " \\(PostgreSQL "
                + DockerImages.MAJOR + "\\.[0-9]+\\) at [^ ]+:[0-9]+");
        // The container's password is random and never shown; this database's settings have none.
        assertThat(log()).doesNotContain("password=");
    }

    @Test
    void generateWithAPgvectorShadowWritesTheExtensionForItsVersion(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create extension vector;\n"
                + "create table items (id bigint primary key, embedding vector(3));");

        GenerateResult result = shale.generate(settings(db).url(null).shadowUrl("docker:" + DockerImages.PGVECTOR).build(), null);

        String sql = Files.readString(result.folder().resolve("migration.sql"));
        assertThat(sql).containsIgnoringCase("create extension").contains("vector");
        assertThat(sql).contains("vector(3)");
        assertThat(result.postgresVersion()).as("the shadow container's major").isEqualTo(DockerImages.MAJOR);
        assertThat(SnapshotJson.read(result.folder().resolve("snapshot.json")).postgresVersion()).isEqualTo(DockerImages.MAJOR);
        assertThat(log()).contains("Starting a container of " + DockerImages.PGVECTOR + " for the shadow database (db.shadowUrl)");
    }
}
