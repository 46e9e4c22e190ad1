package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** db:repair configured from unit/repair/pom.xml as Maven configures it. */
@MojoTest
class RepairGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/repair/pom.xml";

    @Test
    @InjectMojo(goal = "repair", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(RepairMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "repair");
        assertThat(settings.force()).isNull();
        assertThat(settings.forget()).as("Maven injects an empty list; unset for the engine").isNull();
        assertThat(settings.dryRun()).isNull();
    }

    @Test
    @InjectMojo(goal = "repair", pom = POM)
    void thePomConfigurationReachesTheSettings(RepairMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertThat(settings.force()).isTrue();
        assertThat(settings.forget()).containsExactly("0003_gone", "#7");
        assertThat(settings.dryRun()).isTrue();
    }

    @Test
    @CommandLine({"db.forget=0004_old, #9", "db.dryRun=false"})
    @InjectMojo(goal = "repair", pom = POM)
    void theCommandLineWinsOverThePom(RepairMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.forget()).containsExactly("0004_old", "#9");
        assertThat(settings.dryRun()).isFalse();
        assertThat(settings.force()).as("not on the command line: the POM's").isTrue();
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "repair", pom = POM)
    void dbSkipSkips(RepairMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.repair.skip=true")
    @InjectMojo(goal = "repair", pom = POM)
    void itsOwnSkipSkips(RepairMojo mojo) {
        assertSkipped(mojo, "db.repair.skip=true");
    }
}
