package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** db:push configured from unit/push/pom.xml as Maven configures it. */
@MojoTest
class PushGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/push/pom.xml";

    @Test
    @InjectMojo(goal = "push", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(PushMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "push");
        assertSchemaDefaultSettings(settings, basedir());
        assertThat(settings.dryRun()).isNull();
        assertThat(settings.force()).as("unset: ask at the terminal, refuse in batch mode").isNull();
        assertThat(settings.renames()).isNull();
    }

    @Test
    @InjectMojo(goal = "push", pom = POM)
    void thePomConfigurationReachesTheSettings(PushMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertSchemaPomSettings(settings, basedir());
        assertThat(settings.dryRun()).isTrue();
        assertThat(settings.force()).isTrue();
        assertThat(settings.renames()).isEqualTo("users.name:full_name");
    }

    @Test
    @CommandLine({"db.dryRun=false", "db.force=false", "db.ignore=rule:public.*"})
    @InjectMojo(goal = "push", pom = POM)
    void theCommandLineWinsOverThePom(PushMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.dryRun()).isFalse();
        assertThat(settings.force()).isFalse();
        assertThat(settings.ignore()).containsExactly("rule:public.*");
    }

    @Test
    @CommandLine("db.shadowUrl=mysql://localhost/db")
    @InjectMojo(goal = "push", pom = POM)
    void aShadowUrlFromTheCommandLineThatIsNotPostgresFailsNamingIt(PushMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.shadowUrl is not a PostgreSQL URL");
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "push", pom = POM)
    void dbSkipSkips(PushMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.push.skip=true")
    @InjectMojo(goal = "push", pom = POM)
    void itsOwnSkipSkips(PushMojo mojo) {
        assertSkipped(mojo, "db.push.skip=true");
    }
}
