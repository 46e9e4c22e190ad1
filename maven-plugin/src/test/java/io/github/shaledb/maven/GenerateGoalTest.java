package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** db:generate configured from unit/generate/pom.xml as Maven configures it. */
@MojoTest
class GenerateGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/generate/pom.xml";

    @Test
    @InjectMojo(goal = "generate", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(GenerateMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "generate");
        assertSchemaDefaultSettings(settings, basedir());
        assertThat(settings.name()).as("unset: named from the changes").isNull();
        assertThat(settings.custom()).isNull();
        assertThat(settings.renames()).isNull();
        assertThat(settings.force()).isNull();
    }

    @Test
    @InjectMojo(goal = "generate", pom = POM)
    void thePomConfigurationReachesTheSettings(GenerateMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertSchemaPomSettings(settings, basedir());
        assertThat(settings.name()).isEqualTo("add_prefs");
        assertThat(settings.custom()).isTrue();
        assertThat(settings.renames()).isEqualTo("users.name:full_name");
        assertThat(settings.force()).isTrue();
    }

    @Test
    @CommandLine({"db.schemas=public,audit", "db.shadowUrl=jdbc:postgresql://cli-host/postgres", "db.name=cli_name",
            "db.renames=orders:purchases", "db.schemaDir=cli-schema"})
    @InjectMojo(goal = "generate", pom = POM)
    void theCommandLineWinsOverThePom(GenerateMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.schemas()).containsExactly("public", "audit");
        assertThat(settings.shadowUrl()).isEqualTo("jdbc:postgresql://cli-host/postgres");
        assertThat(settings.name()).isEqualTo("cli_name");
        assertThat(settings.renames()).isEqualTo("orders:purchases");
        assertThat(settings.schemaDirectory()).isEqualTo(basedir().resolve("cli-schema"));
        assertThat(mojo.shadowUrl.toString()).as("what mvn -X prints of the parameter").doesNotContain("cli-host");
    }

    @Test
    @CommandLine("db.postgresVersion=12")
    @InjectMojo(goal = "generate", pom = POM)
    void aVersionFromTheCommandLineThatShaleDoesNotKnowFailsNamingIt(GenerateMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.postgresVersion is 12; Shale runs and generates for PostgreSQL 13 to 18.")
                .hasMessageContaining("give the major version production runs");
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "generate", pom = POM)
    void dbSkipSkips(GenerateMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.generate.skip=true")
    @InjectMojo(goal = "generate", pom = POM)
    void itsOwnSkipSkips(GenerateMojo mojo) {
        assertSkipped(mojo, "db.generate.skip=true");
    }

    @Test
    @CommandLine("db.targets=tenant_a,tenant_b")
    @InjectMojo(goal = "generate", pom = NO_CONFIGURATION)
    void aFleetIsRefusedNamingTheGoalsThatTakeOne(GenerateMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("db.targets is set, but db:generate does not run over a fleet (db:migrate,"
                        + " db:status, db:rollback, db:check and db:lint do).");
    }
}
