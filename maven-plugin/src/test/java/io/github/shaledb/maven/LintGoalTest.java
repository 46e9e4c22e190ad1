package io.github.shaledb.maven;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** db:lint configured from unit/lint/pom.xml as Maven configures it. */
@MojoTest
class LintGoalTest extends GoalTestSupport {
    private static final String POM = "classpath:/unit/lint/pom.xml";
    /** No db.url: it lints the two migrations of its src/main/db/migrations without a database. */
    private static final String OFFLINE = "classpath:/unit/lint/offline/pom.xml";

    @Test
    @InjectMojo(goal = "lint", pom = NO_CONFIGURATION)
    void unsetParametersTakeTheirDefaults(LintMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertDefaultSettings(settings, basedir(), "lint");
        assertSchemaDefaultSettings(settings, basedir());
        assertThat(settings.lintFailOn()).isEqualTo(LintSeverity.ERROR);
        assertThat(settings.lintSince()).isNull();
        assertThat(settings.lintTrace()).as("unset: on when a scratch server can be started").isNull();
        assertThat(settings.lintMinRows()).isNull();
        assertThat(settings.lintDisable()).as("Maven injects an empty list").isNull();
        assertThat(settings.lintReport()).isNull();
    }

    @Test
    @InjectMojo(goal = "lint", pom = POM)
    void thePomConfigurationReachesTheSettings(LintMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertPomSettings(settings, basedir());
        assertSchemaPomSettings(settings, basedir());
        assertThat(settings.lintSince()).isEqualTo("0004_add_orders");
        assertThat(settings.lintFailOn()).isEqualTo(LintSeverity.WARNING);
        assertThat(settings.lintTrace()).isFalse();
        assertThat(settings.lintMinRows()).isEqualTo(10_000L);
        assertThat(settings.lintDisable()).containsExactly("type-json", "alters-could-be-combined");
        assertThat(settings.lintReport()).isEqualTo(Path.of("target/shale-lint.sarif"));
    }

    @Test
    @CommandLine({"db.lint.failOn=error", "db.lint.trace=true", "db.lint.disable=drop-table, truncate",
            "db.lint.minRows=5", "db.lint.report=target/lint.xml", "db.lintSince=0007_x"})
    @InjectMojo(goal = "lint", pom = POM)
    void theCommandLineWinsOverThePom(LintMojo mojo) throws Exception {
        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.lintFailOn()).isEqualTo(LintSeverity.ERROR);
        assertThat(settings.lintTrace()).isTrue();
        assertThat(settings.lintDisable()).containsExactly("drop-table", "truncate");
        assertThat(settings.lintMinRows()).isEqualTo(5L);
        assertThat(settings.lintReport()).isEqualTo(Path.of("target/lint.xml"));
        assertThat(settings.lintSince()).isEqualTo("0007_x");
    }

    @Test
    @CommandLine("db.lint.failOn=warnings")
    @InjectMojo(goal = "lint", pom = POM)
    void aWrongFailOnNamesTheProperty(LintMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.lint.failOn=warnings is neither error nor warning")
                .hasMessageContaining("-Ddb.lint.failOn=error");
    }

    @Test
    @CommandLine("db.lint.disable=") // an empty list: no rule id to check before the connection is tried
    @InjectMojo(goal = "lint", pom = POM)
    void withADatabaseItConnectsAndTheFailureNamesTheServerButNotThePassword(LintMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("127.0.0.1:1")
                .message().doesNotContain("from-the-pom");
        assertThat(log.text()).doesNotContain("from-the-pom");
    }

    @Test
    @CommandLine("db.lint.report=target/lint-goal-test/shale-lint.sarif")
    @InjectMojo(goal = "lint", pom = OFFLINE)
    void withoutADatabaseItLintsEveryMigrationAndWritesTheReport(LintMojo mojo) throws Exception {
        Path report = basedir().resolve("target/lint-goal-test/shale-lint.sarif");
        Files.deleteIfExists(report);

        assertThatCode(mojo::execute).doesNotThrowAnyException();

        assertThat(log.lines).contains("[INFO] db:lint: 2 migration(s) (all), 0 errors, 0 warnings, 0 ignored",
                "[INFO] Wrote the lint report target/lint-goal-test/shale-lint.sarif.");
        assertThat(Files.readString(report)).contains("\"name\" : \"Shale\"");
    }

    @Test
    @CommandLine("db.lintSince=20250101120000_create_orders")
    @InjectMojo(goal = "lint", pom = OFFLINE)
    void dbLintSinceLintsTheMigrationsAfterIt(LintMojo mojo) {
        assertThatCode(mojo::execute).doesNotThrowAnyException();

        assertThat(log.lines).contains(
                "[INFO] db:lint: 1 migration(s) (after 20250101120000_create_orders), 0 errors, 0 warnings, 0 ignored");
    }

    @Test
    @CommandLine("db.lintSince=0004_nope")
    @InjectMojo(goal = "lint", pom = OFFLINE)
    void anUnknownDbLintSinceNamesTheProperty(LintMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.lintSince names 0004_nope");
    }

    @Test
    @CommandLine("db.lint.report=target/lint.html")
    @InjectMojo(goal = "lint", pom = OFFLINE)
    void anUnknownReportExtensionNamesTheProperty(LintMojo mojo) {
        assertThatCode(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.lint.report=")
                .hasMessageContaining(".sarif");
    }

    @Test
    @CommandLine("db.skip=true")
    @InjectMojo(goal = "lint", pom = POM)
    void dbSkipSkips(LintMojo mojo) {
        assertSkipped(mojo, "db.skip=true");
    }

    @Test
    @CommandLine("db.lint.skip=true")
    @InjectMojo(goal = "lint", pom = POM)
    void itsOwnSkipSkips(LintMojo mojo) {
        assertSkipped(mojo, "db.lint.skip=true");
    }
}
