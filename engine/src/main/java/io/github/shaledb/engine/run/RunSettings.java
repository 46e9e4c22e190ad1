package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.ShaleSettings.TransactionMode;
import io.github.shaledb.engine.lock.AdvisoryLock;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The settings with the engine's defaults filled in and checked once.
 *
 * @param lockTimeout how long to wait for the migration lock; null waits without limit
 * @param migrationTimeout the bound on each migration's run; null runs without limit
 * @param lockTimeoutPerStatement how long a statement may wait for a lock before its migration is retried; null or zero waits
 */
public record RunSettings(ShaleSettings raw, Path projectDirectory, Path migrationsDirectory, String trackingSchema,
                   String trackingTable, long lockKey, Duration lockTimeout, TransactionMode transactionMode,
                   boolean outOfOrder, boolean dryRun, boolean force, String applicationName,
                   Path schemaDirectory, List<String> schemas, Duration migrationTimeout,
                   Duration lockTimeoutPerStatement, int connectRetries, Duration connectRetryDelay) {

    public static RunSettings of(ShaleSettings s) throws ConfigurationException {
        Path project = s.projectDirectory() == null ? Path.of("").toAbsolutePath() : s.projectDirectory().toAbsolutePath();
        Path migrations = s.migrationsDirectory() == null
                ? project.resolve(Defaults.MIGRATIONS_DIRECTORY) : resolve(project, s.migrationsDirectory());
        String schema = nonBlank(s.trackingSchema(), Defaults.TRACKING_SCHEMA, "db.trackingSchema");
        String table = nonBlank(s.trackingTable(), Defaults.TRACKING_TABLE, "db.trackingTable");
        long key = s.lockId() != null ? s.lockId() : AdvisoryLock.defaultKey(schema, table);
        Duration migrationTimeout = migrationTimeout(s);
        return new RunSettings(s, project, migrations.normalize(), schema, table, key, lockTimeout(s, migrationTimeout),
                s.transactionMode() == null ? Defaults.TRANSACTION_MODE : s.transactionMode(),
                Boolean.TRUE.equals(s.outOfOrder()), Boolean.TRUE.equals(s.dryRun()), Boolean.TRUE.equals(s.force()),
                s.applicationName() == null ? Defaults.APPLICATION_NAME : s.applicationName(),
                (s.schemaDirectory() == null ? project.resolve(Defaults.SCHEMA_DIRECTORY) : resolve(project, s.schemaDirectory())).normalize(),
                schemas(s), migrationTimeout,
                notNegative(s.lockTimeoutPerStatement(), Defaults.LOCK_TIMEOUT_PER_STATEMENT, "db.lockTimeoutPerStatement"),
                connectRetries(s),
                notNegative(s.connectRetryDelay(), Defaults.CONNECT_RETRY_DELAY, "db.connectRetryDelay"));
    }

    /**
     * {@code path} against the project directory; a path of another file system (a folder inside a jar opened as a zip
     * file system) is taken as it is, since the default file system cannot resolve it.
     */
    private static Path resolve(Path project, Path path) {
        return path.getFileSystem().equals(project.getFileSystem()) ? project.resolve(path) : path;
    }

    /** The tracking table and the progress table beside it: Shale's own, never part of the managed schema. */
    public Set<QualifiedName> trackingTables() {
        TrackingTable tracking = new TrackingTable(trackingSchema, trackingTable);
        return Set.of(QualifiedName.of(trackingSchema, trackingTable),
                QualifiedName.of(trackingSchema, tracking.progressTable()));
    }

    private static int connectRetries(ShaleSettings s) throws ConfigurationException {
        if (s.connectRetries() == null) {
            return Defaults.CONNECT_RETRIES;
        }
        if (s.connectRetries() < 0) {
            throw new ConfigurationException("db.connectRetries", "db.connectRetries is " + s.connectRetries() + ".",
                    "give how many times to retry a connection that fails on a transient fault, 0 for none");
        }
        return s.connectRetries();
    }

    private static Duration notNegative(Duration value, Duration fallback, String parameter) throws ConfigurationException {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new ConfigurationException(parameter, parameter + " is negative: " + value.toSeconds() + ".",
                    "give a number of seconds, 0 or more");
        }
        return value;
    }

    private static List<String> schemas(ShaleSettings s) throws ConfigurationException {
        if (s.schemas() == null) {
            return Defaults.SCHEMAS;
        }
        List<String> names = s.schemas().stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
        if (names.isEmpty()) {
            throw new ConfigurationException("db.schemas", "db.schemas names no schema.",
                    "remove it to manage the schema 'public', or list the schemas, e.g. -Ddb.schemas=public,billing");
        }
        return names;
    }

    private static String nonBlank(String value, String fallback, String parameter) throws ConfigurationException {
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            throw new ConfigurationException(parameter, parameter + " is empty.", "remove it to use the default '" + fallback
                    + "', or give a name");
        }
        return value;
    }

    /** db.lockTimeout when set (0 fails at once); else the migration timeout, where none means no limit either. */
    private static Duration lockTimeout(ShaleSettings s, Duration migrationTimeout) throws ConfigurationException {
        if (s.lockTimeout() != null) {
            if (s.lockTimeout().isNegative()) {
                throw new ConfigurationException("db.lockTimeout", "db.lockTimeout is negative: " + s.lockTimeout().toSeconds(),
                        "give the number of seconds to wait for the migration lock, 0 to fail at once");
            }
            return s.lockTimeout();
        }
        return migrationTimeout;
    }

    /** db.migrationTimeout, else MIGRATION_TIMEOUT, else the default; 0 means no limit (null). */
    private static Duration migrationTimeout(ShaleSettings s) throws ConfigurationException {
        Duration timeout = s.migrationTimeout();
        if (timeout != null && timeout.isNegative()) {
            throw new ConfigurationException("db.migrationTimeout", "db.migrationTimeout is negative: " + timeout.toSeconds() + ".",
                    "give the number of seconds a migration may run (and a run wait for the lock), 0 for no limit");
        }
        if (timeout == null) {
            String env = s.environment().get(Defaults.ENV_MIGRATION_TIMEOUT);
            if (env == null || env.isBlank()) {
                timeout = Defaults.MIGRATION_TIMEOUT;
            } else {
                try {
                    long seconds = Long.parseLong(env.trim());
                    if (seconds < 0) {
                        throw new NumberFormatException();
                    }
                    timeout = Duration.ofSeconds(seconds);
                } catch (NumberFormatException e) {
                    throw new ConfigurationException(Defaults.ENV_MIGRATION_TIMEOUT, "The environment variable MIGRATION_TIMEOUT is '"
                            + env + "', not a whole number of seconds.", "set it to e.g. 300 (0 for no limit), or pass -Ddb.migrationTimeout=300");
                }
            }
        }
        return timeout.isZero() ? null : timeout;
    }
}
