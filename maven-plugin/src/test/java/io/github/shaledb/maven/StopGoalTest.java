package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.StartRequest;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** db:stop configured from unit/stop/pom.xml as Maven configures it: which server it looks for; nothing to stop. */
@MojoTest
class StopGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/stop/pom.xml";

    @Test
    @InjectMojo(goal = "stop", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(StopMojo mojo) throws Exception {
        mojo.applyCommandLine();

        assertThat(mojo.server).isEqualTo(Defaults.START_SERVER);
        assertThat(mojo.request(null)).isEqualTo(new StartRequest("embedded", null, null, "orders-service", 1));
    }

    @Test
    @InjectMojo(goal = "stop", pom = POM)
    void thePomConfigurationPicksTheSharedServer(StopMojo mojo) throws Exception {
        mojo.session.getRequest().setBaseDirectory(basedir().toFile());
        mojo.session.setProjects(List.of(mojo.project));
        mojo.applyCommandLine();

        StartRequest request = mojo.request(null);

        assertThat(request.server()).isEqualTo("docker:postgres:16-alpine");
        assertThat(request.dataDirectory()).isEqualTo(basedir().resolve("target/shale/start-shared/postgres"));
    }

    @Test
    @CommandLine({"db.start.server=embedded", "db.startShared=false"})
    @InjectMojo(goal = "stop", pom = POM)
    void theCommandLineWinsOverThePom(StopMojo mojo) throws Exception {
        mojo.applyCommandLine();

        assertThat(mojo.request(null)).isEqualTo(new StartRequest("embedded", null, null, "orders-service", 1));
    }

    @Test
    @InjectMojo(goal = "stop", pom = NO_CONFIGURATION)
    void withNothingRunningItSaysSoSucceedsAndRemovesWhatDbStartPublished(StopMojo mojo) throws Exception {
        // What db:start of this build left in the project, its server gone (stopped by the engine, or never reached).
        mojo.project.getProperties().setProperty(DbProperties.URL, "jdbc:postgresql://127.0.0.1:1/orders_service");
        mojo.project.getProperties().setProperty(DbProperties.PASSWORD, "container-password");
        mojo.project.setContextValue(StartMojo.STARTED_URL, "jdbc:postgresql://127.0.0.1:1/orders_service");

        assertThatCode(mojo::execute).doesNotThrowAnyException();

        assertThat(log.text()).contains("No PostgreSQL started by db:start runs for this project; nothing to stop.");
        assertThat(mojo.project.getProperties()).doesNotContainKeys(DbProperties.URL, DbProperties.PASSWORD);
        assertThat(mojo.project.getContextValue(StartMojo.STARTED_URL)).isNull();
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "stop", pom = POM)
    void dbSkipSkips(StopMojo mojo) throws Exception {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.start.skip=true")
    @InjectMojo(goal = "stop", pom = POM)
    void itsOwnSkipSkips(StopMojo mojo) throws Exception {
        assertSkipped(mojo, "db.start.skip=true");
    }
}
