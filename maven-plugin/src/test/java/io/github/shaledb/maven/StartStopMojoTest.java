package io.github.shaledb.maven;

import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** db:start / db:stop without a server: skips, nothing to stop, a server kind db:start does not run. */
class StartStopMojoTest {
    @TempDir
    Path projectDirectory;

    private final RecordingLog log = new RecordingLog();

    @Test
    void stopWithoutAStartedServerSaysSoAndSucceeds() {
        StopMojo stop = configure(new StopMojo(null));

        assertThatCode(stop::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("No PostgreSQL started by db:start runs for this project; nothing to stop.");
    }

    @Test
    void startSkipSkipsStartAndStop() {
        StartMojo start = configure(new StartMojo(null));
        StopMojo stop = configure(new StopMojo(null));
        start.skipStart = true;
        stop.skipStart = true;

        assertThatCode(start::execute).doesNotThrowAnyException();
        assertThatCode(stop::execute).doesNotThrowAnyException();
        assertThat(log.lines).containsExactly("[INFO] Skipping db:start (db.start.skip=true).",
                "[INFO] Skipping db:stop (db.start.skip=true).");
        assertThat(start.project.getProperties()).doesNotContainKey(DbProperties.URL);
    }

    @Test
    void aDockerServerFailsNamingTheParameterAndPublishesNothing() {
        StartMojo start = configure(new StartMojo(null));
        start.server = "docker:postgres:17";

        assertThatThrownBy(start::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.start.server=docker:postgres:17")
                .hasMessageContaining("db.start.server=embedded");
        assertThat(start.project.getProperties()).doesNotContainKeys(DbProperties.URL, DbProperties.JDBC_URL);
    }

    private <M extends AbstractServerMojo> M configure(M mojo) {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("orders-service");
        model.setVersion("1.0");
        MavenProject project = new MavenProject(model);
        project.setFile(new File(projectDirectory.toFile(), "pom.xml"));
        mojo.project = project;
        mojo.server = "embedded";
        mojo.setLog(log);
        return mojo;
    }
}
