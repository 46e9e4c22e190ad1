package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** db:status configured from unit/status/pom.xml as Maven configures it. */
@MojoTest
class StatusGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/status/pom.xml";

    @Test
    @InjectMojo(goal = "status", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(StatusMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "status");
        assertThat(settings.outOfOrder()).isNull();
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    void thePomConfigurationReachesTheSettings(StatusMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertThat(settings.outOfOrder()).isTrue();
    }

    @Test
    @CommandLine({"db.outOfOrder=false", "db.lockId=7"})
    @InjectMojo(goal = "status", pom = POM)
    void theCommandLineWinsOverThePom(StatusMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.outOfOrder()).isFalse();
        assertThat(settings.lockId()).isEqualTo(7L);
    }

    @Test
    @InjectMojo(goal = "status", pom = POM)
    void notSkippedItConnectsAndTheFailureNamesTheServerButNotThePassword(StatusMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("127.0.0.1:1")
                .message().doesNotContain("from-the-pom");
        assertThat(log.text()).as("every level, debug included").doesNotContain("from-the-pom");
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "status", pom = POM)
    void dbSkipSkips(StatusMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.status.skip=true")
    @InjectMojo(goal = "status", pom = POM)
    void itsOwnSkipSkips(StatusMojo mojo) {
        assertSkipped(mojo, "db.status.skip=true");
    }
}
