package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** db:unlock configured from unit/unlock/pom.xml as Maven configures it. */
@MojoTest
class UnlockGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/unlock/pom.xml";

    @Test
    @InjectMojo(goal = "unlock", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(UnlockMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "unlock");
        assertThat(settings.force()).as("unset: ask at the terminal").isNull();
    }

    @Test
    @InjectMojo(goal = "unlock", pom = POM)
    void thePomConfigurationReachesTheSettings(UnlockMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertThat(settings.force()).isTrue();
    }

    @Test
    @CommandLine({"db.force=false", "db.user=cli-user"})
    @InjectMojo(goal = "unlock", pom = POM)
    void theCommandLineWinsOverThePom(UnlockMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.force()).isFalse();
        assertThat(settings.user()).isEqualTo("cli-user");
        assertThat(settings.origins()).containsEntry(DbProperties.USER, "the command line");
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "unlock", pom = POM)
    void dbSkipSkips(UnlockMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.unlock.skip=true")
    @InjectMojo(goal = "unlock", pom = POM)
    void itsOwnSkipSkips(UnlockMojo mojo) {
        assertSkipped(mojo, "db.unlock.skip=true");
    }
}
