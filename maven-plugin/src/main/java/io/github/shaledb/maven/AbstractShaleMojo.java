package io.github.shaledb.maven;

import io.github.shaledb.engine.api.BinariesArtifact;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.configuration.DefaultPlexusConfiguration;
import org.eclipse.aether.RepositorySystem;

import java.io.File;
import java.util.Locale;
import java.util.Map;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every goal shares: the connection and tracking parameters, the skip switches, and the one
 * template that builds the engine's settings, calls one engine verb and translates its errors.
 */
public abstract class AbstractShaleMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    Settings settings;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    /**
     * The database: a JDBC URL ({@code jdbc:postgresql://host:5432/db}), a libpq URL
     * ({@code postgres://user:pw@host/db?sslmode=require}), {@code embedded[:dir]} for a local server
     * run from Maven-resolved binaries, or {@code docker:IMAGE} ({@code docker:postgres:16},
     * {@code docker:postgis/postgis:16-3.4}) for a throwaway container of that image, started through Testcontainers
     * for the goal and removed after it (needs Docker; see the Containers page). Unset: the environment variable
     * {@code DATABASE_URL}, else the libpq variables {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE},
     * {@code PGSERVICE}. A text; its type lets {@code mvn -X} print the expression ({@code ${db.url}}) rather than
     * the URL, which may hold a password.
     * {@code db:generate} only reads the server's version from it (the version the migration is written for),
     * and does not fall back to {@code DATABASE_URL}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.URL)
    PlexusConfiguration url;

    /**
     * The database user. Overrides the user of {@code db.serverId} and of the URL.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.USER)
    String user;

    /**
     * The database password. Prefer {@code db.serverId}, which keeps it encrypted in settings.xml, or
     * {@code DATABASE_URL}, {@code PGPASSWORD} or {@code ~/.pgpass}: a {@code -Ddb.password} is visible to every
     * user of the machine in {@code ps}. Unset: the URL's, else {@code PGPASSWORD}, else {@code ~/.pgpass}. A text;
     * its type lets {@code mvn -X} print the expression ({@code ${db.password}}) rather than the password.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.PASSWORD)
    PlexusConfiguration password;

    /**
     * The id of a {@code <server>} in settings.xml whose username and password (decrypted when masked
     * with {@code mvn --encrypt-password}) are used unless {@code db.user} / {@code db.password} are set.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.SERVER_ID)
    String serverId;

    /**
     * The migrations folder, holding {@code meta/_journal.json} and one folder per migration: a path (relative to the
     * project's folder), or {@code classpath:<path>} for a folder of the project's compile class path, as Flyway
     * users keep them ({@code classpath:db/migration}, i.e. {@code src/main/resources/db/migration}): read from the
     * compiled classes, else (classes not built yet) from the resource folders, else from the first compile-scope
     * dependency jar holding it. {@code db:generate} writes {@code classpath:<path>} into the first resource folder.
     * With {@code db.migrationsArtifact}, {@code classpath:<path>} picks the folder inside that artifact.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.MIGRATIONS_DIR, defaultValue = Defaults.MIGRATIONS_DIRECTORY)
    String migrationsDir;

    /**
     * Migrations from a released artifact instead of the project: {@code groupId:artifactId:version[:classifier[:extension]]}
     * (extension {@code jar} by default, {@code zip} for an assembly), resolved through the project's repositories,
     * honouring {@code -o}, mirrors and settings.xml credentials. The folder inside it is the one holding
     * {@code meta/_journal.json}, or {@code db.migrationsDir=classpath:<path>}; it is extracted under
     * {@code target/shale/migrations/}. Read by {@code db:migrate}, {@code db:rollback}, {@code db:status},
     * {@code db:check} and {@code db:repair}; {@code db:generate} refuses it (it writes the project's own folder).
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.MIGRATIONS_ARTIFACT)
    String migrationsArtifact;

    /**
     * The schema of the tracking table; the default is drizzle-orm's.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.TRACKING_SCHEMA, defaultValue = Defaults.TRACKING_SCHEMA)
    String trackingSchema;

    /**
     * The tracking table; the default is drizzle-orm's.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.TRACKING_TABLE, defaultValue = Defaults.TRACKING_TABLE)
    String trackingTable;

    /**
     * The 64-bit advisory lock key that serializes runs. Unset: derived from the tracking table's
     * qualified name, so every tool using the same table shares the lock.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LOCK_ID)
    Long lockId;

    /**
     * Seconds to wait for the migration lock before failing with the holder's details; 0 fails at once.
     * Unset: {@code db.migrationTimeout}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LOCK_TIMEOUT)
    Integer lockTimeout;

    /**
     * Seconds each migration (and each down script) may run, including waits for locks, before its running
     * statement is cancelled and it is rolled back; also the lock wait unless {@code db.lockTimeout} is set.
     * 0: no limit. Unset: the environment variable {@code MIGRATION_TIMEOUT}, else 300.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.MIGRATION_TIMEOUT)
    Integer migrationTimeout;

    /**
     * How many times to retry connecting after a transient failure (connection refused or reset, unknown host,
     * server starting up, too many connections). Configuration and authentication errors are never retried.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.CONNECT_RETRIES, defaultValue = "" + Defaults.CONNECT_RETRIES)
    Integer connectRetries;

    /**
     * Seconds before the first connection retry; retry n waits n times this (10 s, 20 s, 30 s by default).
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.CONNECT_RETRY_DELAY, defaultValue = "" + Defaults.CONNECT_RETRY_DELAY_SECONDS)
    Integer connectRetryDelay;

    /**
     * Creates the database named in {@code db.url} when it does not exist (connecting to the server's
     * {@code postgres} database to do so); does nothing when it exists.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.CREATE_DATABASE)
    Boolean createDatabase;

    /**
     * The PostgreSQL version: a major version ({@code 15}) or the version of the {@code io.zonky.test.postgres}
     * binaries ({@code 15.10.0}). The embedded server of {@code db.url=embedded} runs it; {@code db:generate}
     * writes migrations for its major version when {@code db.url} is unset, and runs its scratch server at that
     * major. Unset: {@code db:generate} takes the version from {@code db.url}, else the one the latest snapshot
     * records, else 17; the embedded server runs the version this release was tested with.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.POSTGRES_VERSION)
    String postgresVersion;

    /**
     * Runs the goal over a fleet instead of the one database ({@code db:migrate}, {@code db:status},
     * {@code db:rollback}, {@code db:check} and {@code db:lint}): URLs and tenant schema names separated by commas or
     * line breaks; {@code file:PATH} (one target per line, optionally followed by its group, or a JSON array of
     * {@code {"name", "url", "schema", "group"}}); or {@code sql:QUERY}, run against {@code db.url}, returning a URL or
     * a schema name per row (columns {@code name} and {@code group} optional). A target that is not a URL is a schema
     * of the {@code db.url} database: its migrations run with it first in the {@code search_path}, and its tracking
     * table, lock and history are its own. See the Fleets page.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.TARGETS)
    String targets;

    /**
     * How many targets of {@code db.targets} run at once; each holds one connection.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.PARALLEL, defaultValue = "" + Defaults.PARALLEL)
    Integer parallel;

    /**
     * What a fleet run does after a target fails: {@code fail} starts no further target (those running finish);
     * {@code continue} runs all the others. Either way the build fails naming the failed targets, and a rerun
     * continues where each target stands.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.ON_ERROR, defaultValue = "fail")
    String onError;

    /**
     * The canary wave of a fleet run: a number of targets (the first ones of {@code db.targets}) or the name of a
     * group. They run first and alone; the other targets run only if every canary succeeded.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.CANARY)
    String canary;

    /**
     * Writes a fleet run's per-target results to this JSON file (state, migrations applied, error, duration), for
     * the pipeline, e.g. {@code target/shale-fleet.json}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.REPORT)
    File report;

    /**
     * Skips every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.SKIP, defaultValue = "false")
    boolean skip;

    private final SettingsDecrypter settingsDecrypter;
    private final RepositorySystem repositorySystem;
    /** Where the connection settings came from, by property; set once the command line has been applied. */
    private Map<String, String> origins;

    protected AbstractShaleMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        this.settingsDecrypter = settingsDecrypter;
        this.repositorySystem = repositorySystem;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        origins = applyCommandLine(); // before the skip switches, which the command line may turn off
        if (skip || skipGoal()) {
            getLog().info("Skipping db:" + goal() + " (" + (skip ? DbProperties.SKIP : skipProperty()) + "=true).");
            return;
        }
        ShaleSettings shaleSettings = shaleSettings();
        Shale shale = new Shale(new MavenLogListener(getLog()));
        try {
            if (shaleSettings.targets() != null && fleetVerb() != null) {
                FleetResult result = shale.fleet(fleetVerb(), shaleSettings);
                FleetOutput.report(result, shaleSettings, getLog());
                afterFleet(result);
            } else {
                run(shale, shaleSettings);
            }
        } catch (ShaleException e) {
            rethrow(e);
        }
    }

    /** The verb this goal runs over {@code db.targets}; null when the goal has no fleet form of its own. */
    FleetResult.Verb fleetVerb() {
        return null;
    }

    /** The goal's own verdict on a fleet run that {@link FleetOutput} let pass. */
    void afterFleet(FleetResult result) throws MojoFailureException {
    }

    /** Whether the goal reads {@code db.targets} itself (db:lint lints what the fleet has pending). */
    boolean readsTargets() {
        return fleetVerb() != null;
    }

    /** The goal's name without prefix, e.g. {@code migrate}. */
    protected abstract String goal();

    /** Whether the goal's own skip switch is on. */
    protected abstract boolean skipGoal();

    /** The property of the goal's own skip switch, e.g. {@code db.migrate.skip}. */
    protected abstract String skipProperty();

    /** Whether the goal reads the migrations (resolving {@code classpath:} and {@code db.migrationsArtifact}) or writes them. */
    MigrationsSource.Use migrationsUse() {
        return MigrationsSource.Use.READ;
    }

    /** Adds the goal's own parameters to the settings. */
    protected void configure(ShaleSettings.Builder builder) throws MojoFailureException {
    }

    /** Calls the engine verb and reports its result. */
    protected abstract void run(Shale shale, ShaleSettings settings) throws ShaleException, MojoFailureException;

    ShaleSettings shaleSettings() throws MojoExecutionException, MojoFailureException {
        if (origins == null) {
            origins = applyCommandLine();
        }
        String effectiveUser = user;
        String effectivePassword = text(password);
        ShaleSettings.Builder builder = ShaleSettings.builder();
        if (serverId != null) {
            ServerCredentials credentials = ServerCredentials.of(serverId, settings, settingsDecrypter);
            getLog().debug("Using the credentials of <server> " + serverId + " (user " + credentials.user() + ").");
            if (user == null && credentials.user() != null) {
                effectiveUser = credentials.user();
                origins.put(DbProperties.USER, "<server> " + serverId);
            }
            if (effectivePassword == null && credentials.password() != null) {
                effectivePassword = credentials.password();
                origins.put(DbProperties.PASSWORD, "<server> " + serverId);
            }
        }
        String effectiveUrl = text(url);
        creditStartedServer(effectiveUrl, effectiveUser, effectivePassword);
        origins.forEach(builder::origin);
        Path migrations = null;
        try {
            migrations = new MigrationsSource(project, repositorySystem, session == null ? null : session.getRepositorySession(),
                    getLog()).folder(migrationsDir, migrationsArtifact, migrationsUse(), goal());
        } catch (ShaleException e) {
            rethrow(e);
        }
        builder.url(effectiveUrl)
                .user(effectiveUser)
                .password(effectivePassword)
                .projectDirectory(project.getBasedir().toPath())
                .migrationsDirectory(migrations)
                .trackingSchema(trackingSchema)
                .trackingTable(trackingTable)
                .lockId(lockId)
                .lockTimeout(seconds(lockTimeout))
                .migrationTimeout(seconds(migrationTimeout))
                .connectRetries(connectRetries)
                .connectRetryDelay(seconds(connectRetryDelay))
                .createDatabase(createDatabase)
                .postgresVersion(postgresVersion)
                .applicationName(Defaults.APPLICATION_NAME + " db:" + goal() + " " + project.getArtifactId())
                .environment(System.getenv());
        fleet(builder);
        configure(builder);
        // The engine picks the version (db:generate runs its scratch server at the target's major) and asks for it.
        return builder.binariesResolver(this::resolveBinaries).build();
    }

    private void fleet(ShaleSettings.Builder builder) throws MojoFailureException {
        if (targets == null || targets.isBlank()) {
            return;
        }
        if (!readsTargets()) {
            throw new MojoFailureException(DbProperties.TARGETS + " is set, but db:" + goal() + " does not run over a fleet"
                    + " (db:migrate, db:status, db:rollback, db:check and db:lint do). Remove -D" + DbProperties.TARGETS
                    + " for db:" + goal() + ", or run it on each database with its own db.url.");
        }
        ShaleSettings.OnError mode;
        try {
            mode = onError == null ? null : ShaleSettings.OnError.valueOf(onError.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(DbProperties.ON_ERROR + "=" + onError + " is not a choice. Use -D"
                    + DbProperties.ON_ERROR + "=fail (start no further target after a failure) or continue (run them all).");
        }
        builder.targets(targets).parallel(parallel).onError(mode).canary(canary)
                .report(report == null ? null : report.toPath());
    }

    /**
     * The URL and user that {@code db:start} published as project properties reach a later goal through
     * {@code ${db.url}}/{@code ${db.user}}/{@code ${db.password}} (a container's random one); the line naming the
     * database then says "via db:start", not "password from db.password in the POM".
     */
    private void creditStartedServer(String effectiveUrl, String effectiveUser, String effectivePassword) {
        Object started = project.getContextValue(StartMojo.STARTED_URL);
        if (started == null || !started.equals(effectiveUrl) || "the command line".equals(origins.get(DbProperties.URL))) {
            return;
        }
        origins.put(DbProperties.URL, "db:start");
        if (effectiveUser != null && effectiveUser.equals(project.getProperties().getProperty(DbProperties.USER))) {
            origins.put(DbProperties.USER, "db:start");
        }
        if (effectivePassword != null && effectivePassword.equals(project.getProperties().getProperty(DbProperties.PASSWORD))) {
            origins.put(DbProperties.PASSWORD, "db:start");
        }
    }

    /**
     * Lets a {@code -Ddb.…} on the command line win over the POM's {@code <configuration>}, as Flyway does (Maven
     * itself prefers the POM): every parameter bound to a {@code db.} property that the session's user properties
     * set is set again from them. Returns where the connection settings came from, by property.
     */
    Map<String, String> applyCommandLine() throws MojoFailureException {
        Map<String, String> origins = CommandLineOverrides.apply(this, mojoExecution, session,
                project == null ? null : project.getBasedir());
        if (url != null && text(url) == null) {
            origins.remove(DbProperties.URL);
        }
        if (password != null && text(password) == null) {
            origins.remove(DbProperties.PASSWORD);
        }
        return origins;
    }

    /**
     * The text of a parameter that Maven hands over unevaluated (so that its debug output shows {@code ${db.url}},
     * not a password): a value given on the command line as it is, else the POM's text with its expressions evaluated.
     */
    String text(PlexusConfiguration configuration) throws MojoFailureException {
        if (configuration == null) {
            return null;
        }
        if (configuration instanceof Literal literal) {
            return literal.text;
        }
        String raw = configuration.getValue(null);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!raw.contains("${")) {
            return raw;
        }
        if (session == null || mojoExecution == null) {
            return null;
        }
        try {
            Object value = new PluginParameterExpressionEvaluator(session, mojoExecution).evaluate(raw);
            return value == null || value.toString().isBlank() ? null : value.toString();
        } catch (ExpressionEvaluationException e) {
            throw new MojoFailureException("The plugin configuration's <" + configuration.getName() + "> cannot be evaluated: "
                    + e.getMessage() + ". Fix the ${…} expression in the POM, or pass -Ddb." + configuration.getName() + "=….", e);
        }
    }

    /** A value from the command line: printed as its name only, so that nothing holding it shows a password. */
    static final class Literal extends DefaultPlexusConfiguration {
        private final String text;

        Literal(String name, String text) {
            super(name);
            this.text = text;
        }

        @Override
        public String toString() {
            return "<" + getName() + ">(given)</" + getName() + ">";
        }
    }

    /** The embedded server's binaries the engine names, resolved through the project's repositories. */
    private Path resolveBinaries(BinariesArtifact binaries) throws EnvironmentException {
        return new PostgresBinariesResolver(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories()).resolve(binaries);
    }

    /** The one boundary between the engine's errors and Maven's: user errors fail the build, the rest are errors. */
    static void rethrow(ShaleException e) throws MojoExecutionException, MojoFailureException {
        // The engine's messages hold no password: URLs are printed rebuilt from their parts, without it.
        String message = e.describe();
        if (e.isUserError()) {
            throw new MojoFailureException(message);
        }
        throw new MojoExecutionException(message, e);
    }

    static Duration seconds(Integer value) {
        return value == null ? null : Duration.ofSeconds(value);
    }
}
