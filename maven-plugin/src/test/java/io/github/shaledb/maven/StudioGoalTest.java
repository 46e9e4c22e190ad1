package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** db:studio configured from unit/studio/pom.xml as Maven configures it. */
@MojoTest
class StudioGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/studio/pom.xml";

    @Test
    @InjectMojo(goal = "studio", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(StudioMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "studio");
        assertSchemaDefaultSettings(settings, basedir());
        assertThat(mojo.port).as("a free port").isZero();
        assertThat(mojo.open).isFalse();
        assertThat(mojo.write).as("read-only").isFalse();
    }

    @Test
    @InjectMojo(goal = "studio", pom = POM)
    void thePomConfigurationReachesTheSettings(StudioMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertSchemaPomSettings(settings, basedir());
        assertThat(mojo.write).isTrue();
    }

    @Test
    @InjectMojo(goal = "studio", pom = POM)
    void aPortOutOfRangeFailsNamingTheProperty(StudioMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("db.studio.port=-1 is not a port. Give one from 1 to 65535, or 0 (the default) for a free one.");
    }

    @Test
    @CommandLine({"db.studio.port=0", "db.studio.write=false"})
    @InjectMojo(goal = "studio", pom = POM)
    void notSkippedItConnectsAndTheFailureNamesTheServerButNotThePassword(StudioMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("127.0.0.1:1")
                .message().doesNotContain("from-the-pom");
        assertThat(log.text()).as("every level, debug included").doesNotContain("from-the-pom");
        assertThat(mojo.port).as("the command line wins over the POM").isZero();
        assertThat(mojo.write).isFalse();
    }

    @Test
    @CommandLine("db.studio.skip=true")
    @InjectMojo(goal = "studio", pom = POM)
    void itsOwnSkipSkips(StudioMojo mojo) {
        assertSkipped(mojo, "db.studio.skip=true");
    }
}
