package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.DockerAbsent;
import io.github.shaledb.engine.testsupport.DockerImages;
import io.github.shaledb.engine.testsupport.DockerRequired;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * db.url=docker:IMAGE from Maven: the plugin brings Testcontainers, whose log lines stay out of the build's. One
 * build each, where Docker answers and where it does not.
 */
class ContainersIT {

    @Test
    @DockerAbsent
    void withoutDockerTheBuildFailsWithOneErrorNamingTheAlternatives() throws Exception {
        ItProject project = ItProject.copy("migrate-quickstart");

        MavenBuild.Result result = project.mvn("db:migrate").property("db.url", "docker:postgres:16").run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log())
                .contains("db.url=docker:postgres:16 needs a Docker engine, and none was found (Could not find a valid"
                        + " Docker environment: ")
                .contains("[ERROR]   Fix: use db.url=embedded for a local server without Docker, or"
                        + " db.shadowUrl=jdbc:postgresql://… to a server that has the extensions your schema needs")
                .doesNotContain("Attempted configurations were") // Testcontainers' own report
                .doesNotContain("Testcontainers version")
                .doesNotContain("at org.testcontainers");
    }

    @Test
    @DockerRequired
    void aGoalMigratesAThrowawayContainerOfTheImage() throws Exception {
        ItProject project = ItProject.copy("migrate-quickstart");

        MavenBuild.Result result = project.mvn("db:migrate").property("db.url", "docker:" + DockerImages.POSTGRES).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log())
                .containsPattern("\\[INFO] Database: container " + Pattern.quote(DockerImages.POSTGRES) + " \\(PostgreSQL "
                        + DockerImages.MAJOR + "\\.[0-9]+\\) at \\S+:[0-9]+")
                .contains("db.current = 0001_add_orders")
                .doesNotContain("Testcontainers version")
                .doesNotContain("Pulling docker image");
    }

    @Test
    @DockerRequired
    void dbStartRunsAContainerForTheBuildThatDbStopRemoves() throws Exception {
        ItProject project = ItProject.copy("migrate-quickstart");

        MavenBuild.Result result = project.mvn("db:start", "db:migrate", "db:stop")
                .property("db.start.server", "docker:" + DockerImages.POSTGRES).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log())
                .containsPattern("Database: postgres://postgres@\\S+:[0-9]+/\\S+ \\(PostgreSQL " + DockerImages.MAJOR
                        + "\\.[0-9]+\\) via db:start\n") // its password is the container's, not the POM's
                .contains("db.current = 0001_add_orders")
                .containsPattern("Stopped the PostgreSQL of db:start at \\S+:[0-9]+ \\(container "
                        + Pattern.quote(DockerImages.POSTGRES) + "\\)")
                .doesNotContain("Testcontainers version");
    }
}
