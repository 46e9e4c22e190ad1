package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** db:rollback configured from unit/rollback/pom.xml as Maven configures it. */
@MojoTest
class RollbackGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/rollback/pom.xml";

    @Test
    @InjectMojo(goal = "rollback", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(RollbackMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "rollback");
        assertThat(settings.count()).as("unset: the engine's 1").isNull();
        assertThat(settings.to()).isNull();
        assertThat(settings.dryRun()).isNull();
        assertThat(settings.lockTimeoutPerStatement()).isEqualTo(Defaults.LOCK_TIMEOUT_PER_STATEMENT);
    }

    @Test
    @InjectMojo(goal = "rollback", pom = POM)
    void thePomConfigurationReachesTheSettings(RollbackMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertThat(settings.count()).isEqualTo(2);
        assertThat(settings.to()).isEqualTo("0000_create_users");
        assertThat(settings.dryRun()).as("implied by dryRunOutput").isTrue();
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.lockTimeoutPerStatement()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    @CommandLine({"db.count=3", "db.to=0001_orders", "db.trackingTable=cli_history"})
    @InjectMojo(goal = "rollback", pom = POM)
    void theCommandLineWinsOverThePom(RollbackMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.count()).isEqualTo(3);
        assertThat(settings.to()).isEqualTo("0001_orders");
        assertThat(settings.trackingTable()).isEqualTo("cli_history");
        assertThat(settings.trackingSchema()).as("not on the command line: the POM's").isEqualTo("ops");
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "rollback", pom = POM)
    void dbSkipSkips(RollbackMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.rollback.skip=true")
    @InjectMojo(goal = "rollback", pom = POM)
    void itsOwnSkipSkips(RollbackMojo mojo) {
        assertSkipped(mojo, "db.rollback.skip=true");
    }
}
