package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

import java.io.Reader;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The Maven that the harness tests ({@code @MojoTest}) run their goals in: the project is the test POM of the test's
 * {@code @InjectMojo} (its folder the base directory, so relative paths and defaults resolve as in a build), the
 * session's user properties are the test's {@link CommandLine}, its settings.xml holds the server {@link #SERVER_ID},
 * and the log keeps every line. Each test POM under
 * {@code src/test/resources/unit/<goal>/} configures the shared parameters with {@link #assertPomSettings the values
 * below}; a goal's test class adds its own parameters.
 */
abstract class GoalTestSupport {
    /** Nothing listens here: a goal that connects fails at once (the test POMs set db.connectRetries to 0). */
    static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/orders";
    /** The shadow server of the test POMs of generate, push and check: nothing listens there either. */
    static final String NO_SHADOW_SERVER = "jdbc:postgresql://127.0.0.1:1/postgres";
    /** The {@code <server>} in the tests' settings.xml: its password is not encrypted, so the decrypter passes it on. */
    static final String SERVER_ID = "orders-db";
    /** A test without a POM of its own: nothing configured, every parameter at its default. */
    static final String NO_CONFIGURATION = "classpath:/unit/no-configuration/pom.xml";

    final RecordingLog log = new RecordingLog();
    private final MavenExecutionRequest request = new DefaultMavenExecutionRequest();
    private final MavenProject project = new MavenProject();

    GoalTestSupport() {
        Server server = new Server();
        server.setId(SERVER_ID);
        server.setUsername("server-user");
        server.setPassword("server-password");
        request.addServer(server);
    }

    @Provides
    MavenProject project() {
        return project;
    }

    @Provides
    @SuppressWarnings("deprecation") // the one constructor that Maven 3.6.3 to 3.9 all have
    MavenSession session() {
        MavenSession session = new MavenSession(null, null, request, new DefaultMavenExecutionResult());
        session.setCurrentProject(project);
        return session;
    }

    @Provides
    Log log() {
        return log;
    }

    /** Before the harness configures the mojo: the project read from the test POM, the -D options set. */
    @BeforeEach
    void readTheTestPomAndTheCommandLine(TestInfo test) throws Exception {
        Method method = test.getTestMethod().orElseThrow();
        Path pom = testPom(method);
        try (Reader reader = Files.newBufferedReader(pom)) {
            project.setModel(new MavenXpp3Reader().read(reader));
        }
        project.setFile(pom.toFile());
        CommandLine commandLine = method.getAnnotation(CommandLine.class);
        if (commandLine != null) {
            for (String option : commandLine.value()) {
                String[] nameAndValue = option.split("=", 2);
                request.getUserProperties().setProperty(nameAndValue[0], nameAndValue[1]);
            }
        }
    }

    private Path testPom(Method method) throws URISyntaxException {
        InjectMojo injectMojo = method.getAnnotation(InjectMojo.class);
        if (injectMojo == null || !injectMojo.pom().startsWith("classpath:")) {
            throw new IllegalStateException(method + ": give it @InjectMojo(goal = …, pom = \"classpath:/unit/<goal>/pom.xml\")");
        }
        return Path.of(getClass().getResource(injectMojo.pom().substring("classpath:".length())).toURI());
    }

    /** The project's folder: the test POM's. */
    Path basedir() {
        return project.getBasedir().toPath();
    }

    /** What every test POM configures for the parameters all goals share. */
    static void assertPomSettings(ShaleSettings settings, Path basedir) {
        assertThat(settings.url()).isEqualTo(NO_SERVER);
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("from-the-pom");
        assertThat(settings.migrationsDirectory()).isEqualTo(basedir.resolve("db/migrations"));
        assertThat(settings.trackingSchema()).isEqualTo("ops");
        assertThat(settings.trackingTable()).isEqualTo("schema_history");
        assertThat(settings.lockId()).isEqualTo(42L);
        assertThat(settings.lockTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.migrationTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.connectRetries()).isZero();
        assertThat(settings.connectRetryDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.createDatabase()).isTrue();
        assertThat(settings.postgresVersion()).isEqualTo("16");
        assertThat(settings.origins()).containsEntry(DbProperties.URL, "the POM").containsEntry(DbProperties.USER, "the POM");
    }

    /** The defaults of the shared parameters, for a project that configures nothing. */
    static void assertDefaultSettings(ShaleSettings settings, Path basedir, String goal) {
        assertThat(settings.url()).as("unset: the engine falls back to DATABASE_URL").isNull();
        assertThat(settings.user()).isNull();
        assertThat(settings.password()).isNull();
        assertThat(settings.migrationsDirectory()).isEqualTo(basedir.resolve(Defaults.MIGRATIONS_DIRECTORY));
        assertThat(settings.trackingSchema()).isEqualTo(Defaults.TRACKING_SCHEMA);
        assertThat(settings.trackingTable()).isEqualTo(Defaults.TRACKING_TABLE);
        assertThat(settings.lockId()).isNull();
        assertThat(settings.lockTimeout()).isNull();
        assertThat(settings.migrationTimeout()).as("unset: MIGRATION_TIMEOUT, else the engine's").isNull();
        assertThat(settings.connectRetries()).isEqualTo(Defaults.CONNECT_RETRIES);
        assertThat(settings.connectRetryDelay()).isEqualTo(Defaults.CONNECT_RETRY_DELAY);
        assertThat(settings.postgresVersion()).isNull();
        assertThat(settings.projectDirectory()).isEqualTo(basedir);
        assertThat(settings.applicationName()).isEqualTo("shale db:" + goal + " orders-service");
        assertThat(settings.origins()).as("what connection errors say the settings came from")
                .doesNotContainKeys(DbProperties.URL, DbProperties.USER, DbProperties.PASSWORD);
    }

    /** What the test POMs of generate, push and check configure for the schema parameters. */
    static void assertSchemaPomSettings(ShaleSettings settings, Path basedir) {
        assertThat(settings.schemaDirectory()).isEqualTo(basedir.resolve("db/schema"));
        assertThat(settings.schemas()).containsExactly("public", "billing");
        assertThat(settings.shadowUrl()).isEqualTo(NO_SHADOW_SERVER);
        assertThat(settings.ignore()).containsExactly("operator:public.===", "text-search-configuration:public.*");
        assertThat(settings.postgresBinaries()).as("no embedded server with db.shadowUrl").isNull();
    }

    /** The defaults of the schema parameters of generate, push and check. */
    static void assertSchemaDefaultSettings(ShaleSettings settings, Path basedir) {
        assertThat(settings.schemaDirectory()).isEqualTo(basedir.resolve(Defaults.SCHEMA_DIRECTORY));
        assertThat(settings.schemas()).as("Maven injects an empty list; unset: the engine's public").isNull();
        assertThat(settings.shadowUrl()).isNull();
        assertThat(settings.ignore()).isNull();
        assertThat(settings.postgresBinaries()).as("none resolved up front").isNull();
        assertThat(settings.binariesResolver()).as("the engine asks for the version it chooses").isNotNull();
    }

    /** The goal stopped at its skip switch, saying which, before it built its settings or reached for a server. */
    void assertSkipped(AbstractShaleMojo mojo, String why) {
        assertThatCode(mojo::execute).as("skipped before connecting to " + NO_SERVER).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:" + mojo.goal() + " (" + why + ")");
    }

    /** db:start or db:stop stopped at its skip switch, saying which, before it started or looked for a server. */
    void assertSkipped(AbstractServerMojo mojo, String why) {
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:" + mojo.goal() + " (" + why + ")");
        assertThat(mojo.project.getProperties()).doesNotContainKeys(DbProperties.URL, DbProperties.JDBC_URL);
    }
}
