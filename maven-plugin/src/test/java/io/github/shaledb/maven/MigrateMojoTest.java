package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class MigrateMojoTest {
    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    private MigrateMojo mojo() {
        return Mojos.create(MigrateMojo::new, project, null, log);
    }

    @Test
    void unknownTransactionModeFailsNamingThePropertyAndTheAllowedValues() {
        MigrateMojo mojo = mojo();
        mojo.url = Mojos.pom("url", "jdbc:postgresql://127.0.0.1:1/none");
        mojo.transaction = "bogus";

        assertThatCode(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.transaction=bogus")
                .hasMessageContaining("each")
                .hasMessageContaining("all");
    }

    @Test
    void dryRunOutputImpliesADryRunEvenWhenDryRunIsFalse() throws Exception {
        MigrateMojo mojo = mojo();
        mojo.dryRun = false;
        mojo.dryRunOutput = project.resolve("target/migrate.sql").toFile();

        assertThat(mojo.shaleSettings().dryRun()).isTrue();
    }

    @Test
    void theDryRunFileHoldsExactlyTheSqlAndItsFolderIsCreated() throws Exception {
        Path file = project.resolve("target/review/migrate.sql");

        Reports.writeSql(file, "begin;\ncreate table é (id int);\ncommit;\n");

        assertThat(Files.readAllBytes(file)).isEqualTo("begin;\ncreate table é (id int);\ncommit;\n".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(project.resolve("taken"));
        assertThatCode(() -> Reports.writeSql(project.resolve("taken"), "x"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Cannot write db.dryRunOutput=" + project.resolve("taken"));
    }

    @Test
    void transactionModeIsCaseInsensitive() throws Exception {
        assertThat(MigrateMojo.transactionMode("ALL")).isEqualTo(ShaleSettings.TransactionMode.ALL);
        assertThat(MigrateMojo.transactionMode("each")).isEqualTo(ShaleSettings.TransactionMode.EACH);
        assertThat(MigrateMojo.transactionMode(null)).isNull();
    }

    @Test
    void skipDoesNothingAndSaysWhy() {
        MigrateMojo mojo = mojo();
        mojo.transaction = "bogus"; // would fail if anything past the skip check ran
        mojo.skip = true;

        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:migrate (db.skip=true)");
    }

    @Test
    void goalSkipDoesNothingAndSaysWhy() {
        MigrateMojo mojo = mojo();
        mojo.transaction = "bogus";
        mojo.skipMigrate = true;

        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:migrate (db.migrate.skip=true)");
    }

    @Test
    void unsetParametersStayNullSoTheEngineDecides() throws Exception {
        ShaleSettings settings = mojo().shaleSettings();

        assertThat(settings.url()).isNull();
        assertThat(settings.user()).isNull();
        assertThat(settings.password()).isNull();
        assertThat(settings.migrationsDirectory()).isNull();
        assertThat(settings.trackingSchema()).isNull();
        assertThat(settings.trackingTable()).isNull();
        assertThat(settings.lockId()).isNull();
        assertThat(settings.lockTimeout()).isNull();
        assertThat(settings.transactionMode()).isNull();
        assertThat(settings.outOfOrder()).isNull();
        assertThat(settings.dryRun()).isNull();
        assertThat(settings.statementTimeout()).isNull();
        assertThat(settings.postgresBinaries()).isNull();
        assertThat(settings.projectDirectory()).isEqualTo(project);
        assertThat(settings.applicationName()).isEqualTo("shale db:migrate orders-service");
    }

    @Test
    void parametersReachTheSettings() throws Exception {
        MigrateMojo mojo = mojo();
        mojo.url = Mojos.pom("url", "jdbc:postgresql://db.example:5432/orders");
        mojo.user = "app";
        mojo.password = Mojos.pom("password", "pw");
        mojo.migrationsDir = project.resolve("db").toString();
        mojo.trackingSchema = "ops";
        mojo.trackingTable = "migrations";
        mojo.lockId = 42L;
        mojo.lockTimeout = 3;
        mojo.transaction = "all";
        mojo.outOfOrder = true;
        mojo.dryRun = true;
        mojo.baseline = "0001_x";
        mojo.statementTimeout = 5;
        mojo.lockTimeoutPerStatement = 2;

        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.example:5432/orders");
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(settings.migrationsDirectory()).isEqualTo(project.resolve("db"));
        assertThat(settings.trackingSchema()).isEqualTo("ops");
        assertThat(settings.trackingTable()).isEqualTo("migrations");
        assertThat(settings.lockId()).isEqualTo(42L);
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.transactionMode()).isEqualTo(ShaleSettings.TransactionMode.ALL);
        assertThat(settings.outOfOrder()).isTrue();
        assertThat(settings.dryRun()).isTrue();
        assertThat(settings.baseline()).isEqualTo("0001_x");
        assertThat(settings.statementTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.lockTimeoutPerStatement()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void commandLineWinsOverThePomForEveryDbParameter() throws Exception {
        MigrateMojo mojo = mojo();
        mojo.url = Mojos.pom("url", "jdbc:postgresql://pom-host:5432/orders");
        mojo.user = "pom-user";
        mojo.lockTimeout = 3;
        mojo.transaction = "all";
        mojo.migrationsDir = "pom-dir";
        Properties commandLine = new Properties();
        commandLine.setProperty("db.url", "postgres://cli-host/orders");
        commandLine.setProperty("db.lockTimeout", "9");
        commandLine.setProperty("db.transaction", "each");
        commandLine.setProperty("db.migrationsDir", "cli-dir");
        mojo.session = session(commandLine);
        mojo.mojoExecution = execution("url", "user", "lockTimeout", "transaction", "migrationsDir");

        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.url()).isEqualTo("postgres://cli-host/orders");
        assertThat(settings.user()).as("not on the command line: the POM's").isEqualTo("pom-user");
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(settings.transactionMode()).isEqualTo(ShaleSettings.TransactionMode.EACH);
        assertThat(settings.migrationsDirectory()).isEqualTo(project.resolve("cli-dir"));
        assertThat(settings.origins()).containsEntry("db.url", "the command line").containsEntry("db.user", "the POM");
        assertThat(mojo.url.toString()).as("what mvn -X would print of the field").doesNotContain("cli-host");
    }

    @Test
    void commandLineTurnsOffASkipTheGoalHasInThePom() throws Exception {
        MigrateMojo mojo = mojo();
        mojo.skip = true;
        mojo.url = Mojos.pom("url", "jdbc:postgresql://127.0.0.1:1/none");
        mojo.transaction = "bogus";
        Properties commandLine = new Properties();
        commandLine.setProperty("db.skip", "false");
        mojo.session = session(commandLine);
        mojo.mojoExecution = execution("skip");

        assertThatCode(mojo::execute).as("not skipped: the run reaches the settings")
                .isInstanceOf(MojoFailureException.class).hasMessageContaining("db.transaction=bogus");
        assertThat(log.lines).noneMatch(line -> line.contains("Skipping"));
    }

    @SuppressWarnings("deprecation")
    private static MavenSession session(Properties userProperties) {
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setUserProperties(userProperties);
        return new MavenSession(null, null, request, null);
    }

    private static MojoExecution execution(String... parameters) throws Exception {
        MojoDescriptor descriptor = new MojoDescriptor();
        for (String name : parameters) {
            Parameter parameter = new Parameter();
            parameter.setName(name);
            parameter.setExpression("${db." + name + "}");
            descriptor.addParameter(parameter);
        }
        return new MojoExecution(descriptor);
    }
}
