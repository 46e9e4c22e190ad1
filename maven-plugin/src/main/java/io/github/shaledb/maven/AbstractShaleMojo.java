package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.Passwords;
import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.io.File;
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

    /**
     * The database: a JDBC URL ({@code jdbc:postgresql://host:5432/db}), a libpq URL
     * ({@code postgres://user:pw@host/db?sslmode=require}), or {@code embedded[:dir]} for a local server
     * run from Maven-resolved binaries. Unset: the environment variable {@code DATABASE_URL}.
     * {@code db:generate} only reads the server's version from it (the version the migration is written for),
     * and does not fall back to {@code DATABASE_URL}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.URL)
    String url;

    /**
     * The database user. Overrides the user of {@code db.serverId} and of the URL.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.USER)
    String user;

    /**
     * The database password. Prefer {@code db.serverId}, which keeps it encrypted in settings.xml.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.PASSWORD)
    String password;

    /**
     * The id of a {@code <server>} in settings.xml whose username and password (decrypted when masked
     * with {@code mvn --encrypt-password}) are used unless {@code db.user} / {@code db.password} are set.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.SERVER_ID)
    String serverId;

    /**
     * The migrations folder, holding {@code meta/_journal.json} and one folder per migration.
     * Unset: {@code src/main/db/migrations}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.MIGRATIONS_DIR)
    File migrationsDir;

    /**
     * The schema of the tracking table. Unset: {@code drizzle}, as drizzle-orm uses.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.TRACKING_SCHEMA)
    String trackingSchema;

    /**
     * The tracking table. Unset: {@code __drizzle_migrations}, as drizzle-orm uses.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.TRACKING_TABLE)
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
     * @since 0.2.0
     */
    @Parameter(property = DbProperties.MIGRATION_TIMEOUT)
    Integer migrationTimeout;

    /**
     * How many times to retry connecting after a transient failure (connection refused or reset, unknown host,
     * server starting up, too many connections). Configuration and authentication errors are never retried.
     * Unset: 3.
     *
     * @since 0.2.0
     */
    @Parameter(property = DbProperties.CONNECT_RETRIES)
    Integer connectRetries;

    /**
     * Seconds before the first connection retry; retry n waits n times this (10 s, 20 s, 30 s by default).
     * Unset: 10.
     *
     * @since 0.2.0
     */
    @Parameter(property = DbProperties.CONNECT_RETRY_DELAY)
    Integer connectRetryDelay;

    /**
     * Creates the database named in {@code db.url} when it does not exist (connecting to the server's
     * {@code postgres} database to do so); does nothing when it exists.
     *
     * @since 0.2.0
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
     * Skips every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.SKIP, defaultValue = "false")
    boolean skip;

    private final SettingsDecrypter settingsDecrypter;
    private final RepositorySystem repositorySystem;

    protected AbstractShaleMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        this.settingsDecrypter = settingsDecrypter;
        this.repositorySystem = repositorySystem;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipGoal()) {
            getLog().info("Skipping db:" + goal() + " (" + (skip ? DbProperties.SKIP : skipProperty()) + "=true).");
            return;
        }
        ShaleSettings shaleSettings = shaleSettings();
        Shale shale = new Shale(new MavenLogListener(getLog(), shaleSettings.password()));
        try {
            run(shale, shaleSettings);
        } catch (ShaleException e) {
            rethrow(e, shaleSettings.password());
        }
    }

    /** The goal's name without prefix, e.g. {@code migrate}. */
    protected abstract String goal();

    /** Whether the goal's own skip switch is on. */
    protected abstract boolean skipGoal();

    /** The property of the goal's own skip switch, e.g. {@code db.migrate.skip}. */
    protected abstract String skipProperty();

    /** Adds the goal's own parameters to the settings. */
    protected void configure(ShaleSettings.Builder builder) throws MojoFailureException {
    }

    /** Calls the engine verb and reports its result. */
    protected abstract void run(Shale shale, ShaleSettings settings) throws ShaleException, MojoFailureException;

    ShaleSettings shaleSettings() throws MojoExecutionException, MojoFailureException {
        String effectiveUser = user;
        String effectivePassword = password;
        if (serverId != null) {
            ServerCredentials credentials = ServerCredentials.of(serverId, settings, settingsDecrypter);
            getLog().debug("Using the credentials of <server> " + serverId + " (user " + credentials.user() + ").");
            effectiveUser = user != null ? user : credentials.user();
            effectivePassword = password != null ? password : credentials.password();
        }
        ShaleSettings.Builder builder = ShaleSettings.builder()
                .url(url)
                .user(effectiveUser)
                .password(effectivePassword)
                .projectDirectory(project.getBasedir().toPath())
                .migrationsDirectory(migrationsDir == null ? null : migrationsDir.toPath())
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
        configure(builder);
        // The engine picks the version (db:generate runs its scratch server at the target's major) and asks for it.
        return builder.binariesResolver(this::resolveBinaries).build();
    }

    /** The embedded server's binaries of {@code version} for this machine, resolved through the project's repositories. */
    private Path resolveBinaries(String version) throws EnvironmentException {
        return new PostgresBinariesResolver(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories()).resolve(version);
    }

    /** The one boundary between the engine's errors and Maven's: user errors fail the build, the rest are errors. */
    static void rethrow(ShaleException e, String secret) throws MojoExecutionException, MojoFailureException {
        String message = Passwords.scrub(e.describe(), secret);
        if (e.isUserError()) {
            throw new MojoFailureException(message);
        }
        throw new MojoExecutionException(message, e);
    }

    static Duration seconds(Integer value) {
        return value == null ? null : Duration.ofSeconds(value);
    }
}
