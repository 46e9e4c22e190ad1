package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** db:check configured from unit/check/pom.xml as Maven configures it. */
@MojoTest
class CheckGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/check/pom.xml";

    @Test
    @InjectMojo(goal = "check", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(CheckMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "check");
        assertSchemaDefaultSettings(settings, basedir());
    }

    @Test
    @InjectMojo(goal = "check", pom = POM)
    void thePomConfigurationReachesTheSettings(CheckMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertSchemaPomSettings(settings, basedir());
    }

    @Test
    @CommandLine({"db.ignore=operator:public.===, rule:*", "db.schemaDir=/srv/schema"})
    @InjectMojo(goal = "check", pom = POM)
    void theCommandLineWinsOverThePom(CheckMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.ignore()).containsExactly("operator:public.===", "rule:*");
        assertThat(settings.schemaDirectory()).as("an absolute path stays as given").isEqualTo(java.nio.file.Path.of("/srv/schema"));
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "check", pom = POM)
    void dbSkipSkips(CheckMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.check.skip=true")
    @InjectMojo(goal = "check", pom = POM)
    void itsOwnSkipSkips(CheckMojo mojo) {
        assertSkipped(mojo, "db.check.skip=true");
    }
}
