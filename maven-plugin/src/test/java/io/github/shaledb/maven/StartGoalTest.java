package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StartRequest;
import io.github.shaledb.engine.container.DockerPostgres;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * db:start configured from unit/start/pom.xml as Maven configures it: the request it hands the engine. Starting a
 * real server is StartIT's (and the engine's BuildServerTest's) job.
 */
@MojoTest
class StartGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/start/pom.xml";

    @Test
    @InjectMojo(goal = "start", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(StartMojo mojo) throws Exception {
        mojo.applyCommandLine();

        assertThat(mojo.server).isEqualTo(Defaults.START_SERVER);
        assertThat(mojo.startShared).isFalse();
        assertThat(mojo.request(mojo.database)).as("the engine derives the database from the artifactId")
                .isEqualTo(new StartRequest("embedded", null, null, "orders-service", 1));
        assertThat(postgresVersion(mojo)).isNull();
    }

    @Test
    @InjectMojo(goal = "start", pom = POM)
    void thePomConfigurationReachesTheRequest(StartMojo mojo) throws Exception {
        mojo.applyCommandLine();

        assertThat(mojo.request(mojo.database))
                .isEqualTo(new StartRequest("docker:postgres:16-alpine", null, "orders_it", "orders-service", 1));
        assertThat(postgresVersion(mojo)).isEqualTo("16");
    }

    @Test
    @CommandLine({"db.start.server=embedded", "db.start.database=cli_it", "db.postgresVersion=17", "db.startShared=true"})
    @InjectMojo(goal = "start", pom = POM)
    void theCommandLineWinsOverThePomAndASharedServerWaitsForEveryModuleThatStartsIt(StartMojo mojo) throws Exception {
        mojo.session.getRequest().setBaseDirectory(basedir().toFile());
        mojo.session.setProjects(List.of(mojo.project, module("billing", true), module("docs", false)));

        mojo.applyCommandLine();

        assertThat(mojo.request(mojo.database)).isEqualTo(new StartRequest("embedded",
                basedir().resolve("target/shale/start-shared/postgres"), "cli_it", "orders-service", 2));
        assertThat(postgresVersion(mojo)).isEqualTo("17");
    }

    @Test
    @InjectMojo(goal = "start", pom = POM)
    void withoutDockerAContainerServerFailsNamingTheParameterAndTheEmbeddedServer(StartMojo mojo) throws Exception {
        String reason = DockerPostgres.unavailableReason();
        Assumptions.assumeTrue(reason != null, "a Docker engine answers here: db:start would start a container");

        assertThatCode(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("db.start.server=docker:postgres:16-alpine needs a Docker engine, and none was"
                        + " found (" + reason + ").")
                .hasMessageContaining("Fix: use db.start.server=embedded (the default) for a server without Docker");
        assertThat(mojo.project.getProperties()).doesNotContainKeys(DbProperties.URL, DbProperties.JDBC_URL,
                DbProperties.PASSWORD);
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "start", pom = POM)
    void dbSkipSkips(StartMojo mojo) throws Exception {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.start.skip=true")
    @InjectMojo(goal = "start", pom = POM)
    void itsOwnSkipSkips(StartMojo mojo) throws Exception {
        assertSkipped(mojo, "db.start.skip=true");
    }

    private String postgresVersion(StartMojo mojo) {
        ShaleSettings.Builder settings = ShaleSettings.builder().projectDirectory(basedir());
        mojo.configure(settings);
        return settings.build().postgresVersion();
    }

    /** Another module of the reactor, with this test POM's db:start execution or without the plugin. */
    private MavenProject module(String artifactId, boolean bindsStart) {
        Model model = project().getModel().clone();
        model.setArtifactId(artifactId);
        if (!bindsStart) {
            model.getBuild().getPlugins().clear();
        }
        return new MavenProject(model);
    }
}
