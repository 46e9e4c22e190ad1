package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** db:migrate configured from unit/migrate/pom.xml as Maven configures it. */
@MojoTest
class MigrateGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/migrate/pom.xml";

    @Test
    @InjectMojo(goal = "migrate", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(MigrateMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "migrate");
        assertThat(settings.transactionMode()).isEqualTo(ShaleSettings.TransactionMode.EACH);
        assertThat(settings.lockTimeoutPerStatement()).isEqualTo(Defaults.LOCK_TIMEOUT_PER_STATEMENT);
        assertThat(settings.outOfOrder()).isNull();
        assertThat(settings.dryRun()).isNull();
        assertThat(settings.baseline()).isNull();
        assertThat(settings.statementTimeout()).isNull();
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    void thePomConfigurationReachesTheSettings(MigrateMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertThat(settings.transactionMode()).isEqualTo(ShaleSettings.TransactionMode.ALL);
        assertThat(settings.outOfOrder()).isTrue();
        assertThat(settings.dryRun()).as("implied by dryRunOutput").isTrue();
        assertThat(settings.baseline()).isEqualTo("0001_orders");
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.lockTimeoutPerStatement()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    @CommandLine({"db.url=postgres://cli-host/orders", "db.lockTimeout=9", "db.transaction=each", "db.migrationsDir=cli-dir",
            "db.baseline=0002_cli"})
    @InjectMojo(goal = "migrate", pom = POM)
    void theCommandLineWinsOverThePom(MigrateMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.url()).isEqualTo("postgres://cli-host/orders");
        assertThat(settings.user()).as("not on the command line: the POM's").isEqualTo("app");
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(settings.transactionMode()).isEqualTo(ShaleSettings.TransactionMode.EACH);
        assertThat(settings.migrationsDirectory()).isEqualTo(basedir().resolve("cli-dir"));
        assertThat(settings.baseline()).isEqualTo("0002_cli");
        assertThat(settings.origins()).containsEntry(DbProperties.URL, "the command line").containsEntry(DbProperties.USER, "the POM");
        assertThat(mojo.url.toString()).as("what mvn -X prints of the parameter").doesNotContain("cli-host");
    }

    @Test
    @InjectMojo(goal = "migrate", pom = NO_CONFIGURATION)
    @MojoParameter(name = "serverId", value = SERVER_ID)
    void theServerOfDbServerIdGivesUserAndPassword(MigrateMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.user()).isEqualTo("server-user");
        assertThat(settings.password()).isEqualTo("server-password");
        assertThat(settings.origins()).containsEntry(DbProperties.PASSWORD, "<server> " + SERVER_ID);
    }

    @Test
    @CommandLine("db.transaction=bogus")
    @InjectMojo(goal = "migrate", pom = POM)
    void anUnknownTransactionModeFailsNamingThePropertyAndTheModes(MigrateMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.transaction=bogus is not a transaction mode. Use each or all");
    }

    @Test
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "password", value = "${project.artifactId.bytes[99]}") // past the end of "orders-service"
    void anExpressionInThePomThatCannotBeEvaluatedFailsNamingTheElement(MigrateMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The plugin configuration's <password> cannot be evaluated")
                .hasMessageContaining("Fix the ${…} expression in the POM, or pass -Ddb.password=…");
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "migrate", pom = POM)
    void dbSkipSkips(MigrateMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.migrate.skip=true")
    @InjectMojo(goal = "migrate", pom = POM)
    void itsOwnSkipSkips(MigrateMojo mojo) {
        assertSkipped(mojo, "db.migrate.skip=true");
    }

    @Test
    @CommandLine("db.skip=false")
    @InjectMojo(goal = "migrate", pom = POM)
    @MojoParameter(name = "skip", value = "true")
    void theCommandLineTurnsOffASkipInThePom(MigrateMojo mojo) {
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.text()).doesNotContain("Skipping")
                .contains("No migrations in " + basedir().resolve("db/migrations") + ": nothing to apply.");
    }

    @Test
    @CommandLine({"db.targets=tenant_a,tenant_b", "db.parallel=8", "db.onError=Continue", "db.canary=1",
            "db.report=target/fleet.json"})
    @InjectMojo(goal = "migrate", pom = NO_CONFIGURATION)
    void theFleetParametersReachTheSettings(MigrateMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.targets()).isEqualTo("tenant_a,tenant_b");
        assertThat(settings.parallel()).isEqualTo(8);
        assertThat(settings.onError()).isEqualTo(ShaleSettings.OnError.CONTINUE);
        assertThat(settings.canary()).isEqualTo("1");
        assertThat(settings.report()).isEqualTo(basedir().resolve("target/fleet.json"));
    }

    @Test
    @CommandLine({"db.targets=tenant_a", "db.onError=skip"})
    @InjectMojo(goal = "migrate", pom = NO_CONFIGURATION)
    void anUnknownOnErrorFailsNamingTheChoices(MigrateMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("db.onError=skip is not a choice. Use -Ddb.onError=fail (start no further target after a"
                        + " failure) or continue (run them all).");
    }
}
