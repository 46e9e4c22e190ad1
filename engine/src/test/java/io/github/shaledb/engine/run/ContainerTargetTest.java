package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.connect.DatabaseTarget;
import io.github.shaledb.engine.container.ImageReference;
import io.github.shaledb.engine.testsupport.DockerAbsent;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code docker:IMAGE} in db.url and db.shadowUrl where no container can start: wrong specs, and Docker absent. */
class ContainerTargetTest extends SchemaTestBase {

    @Test
    void imageReferencesAreCheckedAsDockerReadsThem() {
        assertThat(ImageReference.valid("postgres:16")).isTrue();
        assertThat(ImageReference.valid("pgvector/pgvector:pg16")).isTrue();
        assertThat(ImageReference.valid("postgis/postgis:16-3.4")).isTrue();
        assertThat(ImageReference.valid("registry.example.com:5000/team/postgres:16.4-alpine")).isTrue();
        assertThat(ImageReference.valid("postgres@sha256:" + "ab".repeat(32))).isTrue();
        assertThat(ImageReference.valid("")).isFalse();
        assertThat(ImageReference.valid("Postgres:16")).isFalse();
        assertThat(ImageReference.valid("postgres 16")).isFalse();
        assertThat(ImageReference.valid("postgres:")).isFalse();
    }

    @Test
    void aDockerUrlNamesTheContainerItWillStart() throws Exception {
        DatabaseTarget target = DatabaseTarget.resolve(ShaleSettings.builder().url(" docker:postgis/postgis:16-3.4")
                .environment(Map.of()).build());

        assertThat(target.container()).isTrue();
        assertThat(target.containerImage()).isEqualTo("postgis/postgis:16-3.4");
        assertThat(target.describe()).isEqualTo("container postgis/postgis:16-3.4");
    }

    @Test
    void aDockerUrlWithoutAnImageOrWithABadOneFailsNamingTheParameter(TestDatabase db) {
        folder().add("create_t", "create table t (id int);", "drop table t;");
        for (String url : new String[] {"docker:", "docker: ", "docker:Postgres 16"}) {
            assertThatThrownBy(() -> shale.migrate(settings(db).url(url).build()))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("db.url");
                        assertThat(e.getMessage()).startsWith("db.url=docker: names ");
                        assertThat(e.fix()).contains("db.url=docker:postgres:16");
                    });
        }
        assertThatThrownBy(() -> shale.migrate(settings(db).url("docker:").build()))
                .hasMessage("db.url=docker: names no image.");
        assertThatThrownBy(() -> shale.migrate(settings(db).url("docker:Postgres 16").build()))
                .hasMessage("db.url=docker: names 'Postgres 16', not a Docker image reference.");
    }

    @Test
    void aBadDockerShadowUrlFailsNamingDbShadowUrl(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table t (id int primary key);");

        assertThatThrownBy(() -> shale.generate(settings(db).url(null).shadowUrl("docker: ").build(), null))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("db.shadowUrl");
                    assertThat(e.getMessage()).isEqualTo("db.shadowUrl=docker: names no image.");
                });
        assertThat(project.resolve("src/main/db/migrations")).doesNotExist();
    }

    @Test
    @DockerAbsent
    void withoutDockerMigrateSaysSoAndNamesTheAlternatives(TestDatabase db) throws Exception {
        folder().add("create_t", "create table t (id int);", "drop table t;");

        assertThatThrownBy(() -> shale.migrate(settings(db).url("docker:postgres:16").build()))
                .isInstanceOfSatisfying(EnvironmentException.class, e -> {
                    assertThat(e.getMessage()).startsWith("db.url=docker:postgres:16 needs a Docker engine, and none"
                            + " was found (Could not find a valid Docker environment: ").endsWith(").")
                            .doesNotContain("\n");
                    assertThat(e.fix()).isEqualTo("use db.url=embedded for a local server without Docker, or"
                            + " db.shadowUrl=jdbc:postgresql://… to a server that has the extensions your schema needs");
                });
        assertThat(log()).doesNotContain("Database:");
    }

    @Test
    @DockerAbsent
    void withoutDockerGenerateWithAContainerShadowSaysSoAndWritesNothing(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create extension vector; create table items (id bigint primary key, embedding vector(3));");

        assertThatThrownBy(() -> shale.generate(settings(db).url(null).shadowUrl("docker:pgvector/pgvector:pg16").build(), null))
                .isInstanceOfSatisfying(EnvironmentException.class, e -> {
                    assertThat(e.getMessage()).startsWith("db.shadowUrl=docker:pgvector/pgvector:pg16 needs a Docker"
                            + " engine, and none was found (");
                    assertThat(e.fix()).isEqualTo("leave db.shadowUrl unset for a temporary embedded server without"
                            + " Docker, or set it to jdbc:postgresql://… to a server that has the extensions your schema needs");
                });
        assertThat(project.resolve("src/main/db/migrations")).doesNotExist();
        assertThat(Files.exists(project.resolve("target"))).isFalse();
    }
}
