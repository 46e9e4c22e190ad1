package io.github.shaledb.engine.api;

import java.time.Duration;

/**
 * The engine's defaults for every setting left unset in {@link ShaleSettings}. Documented on the configuration page.
 * Constants, so the Maven plugin's goal pages can show them; a default may change in a minor release.
 */
public final class Defaults {
    /** The migrations folder, relative to the project directory. */
    public static final String MIGRATIONS_DIRECTORY = "src/main/db/migrations";
    /** Relative to the project directory. */
    public static final String SCHEMA_DIRECTORY = "src/main/db/schema";
    /** The managed schemas. */
    public static final java.util.List<String> SCHEMAS = java.util.List.of("public");
    /** Scratch databases on {@code db.shadowUrl} are named with this prefix and a random suffix. */
    public static final String SHADOW_DATABASE_PREFIX = "shale_shadow_";
    /** The tracking table's schema, as drizzle-orm's migrators use it. */
    public static final String TRACKING_SCHEMA = "drizzle";
    /** The tracking table's name, as drizzle-orm's migrators use it. */
    public static final String TRACKING_TABLE = "__drizzle_migrations";
    /** Each migration's run is bounded by this unless db.migrationTimeout or MIGRATION_TIMEOUT says otherwise. */
    public static final Duration MIGRATION_TIMEOUT = Duration.ofSeconds(300);
    /** {@link #LOCK_TIMEOUT_PER_STATEMENT} in seconds, a constant the goal pages can show. */
    public static final int LOCK_TIMEOUT_PER_STATEMENT_SECONDS = 5;
    /** How long a statement waits for a table lock before the migration is retried (so it never queues traffic for long). */
    public static final Duration LOCK_TIMEOUT_PER_STATEMENT = Duration.ofSeconds(LOCK_TIMEOUT_PER_STATEMENT_SECONDS);
    /** Connection attempts after the first, on transient failures only, waiting 1×, 2×, 3× the delay. */
    public static final int CONNECT_RETRIES = 3;
    /** {@link #CONNECT_RETRY_DELAY} in seconds, a constant the goal pages can show. */
    public static final int CONNECT_RETRY_DELAY_SECONDS = 10;
    /** The wait before the first retry; retry n waits n times this. */
    public static final Duration CONNECT_RETRY_DELAY = Duration.ofSeconds(CONNECT_RETRY_DELAY_SECONDS);
    /** One transaction per migration. */
    public static final ShaleSettings.TransactionMode TRANSACTION_MODE = ShaleSettings.TransactionMode.EACH;
    /** {@link #TRANSACTION_MODE} as {@code db.transaction} spells it, a constant the goal pages can show. */
    public static final String TRANSACTION_MODE_NAME = "each";
    /** The least lint severity that fails {@code db:lint}. */
    public static final LintSeverity LINT_FAIL_ON = LintSeverity.ERROR;
    /** {@link #LINT_FAIL_ON} as {@code db.lint.failOn} spells it, a constant the goal pages can show. */
    public static final String LINT_FAIL_ON_NAME = "error";
    /** How many migrations {@code rollback} undoes. */
    public static final int ROLLBACK_COUNT = 1;
    /** How many targets of a fleet run at once ({@code db.parallel}). */
    public static final int PARALLEL = 4;
    /** db:studio's statement timeout when {@code db.statementTimeout} is not set: a page or query never hangs longer. */
    public static final Duration STUDIO_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    /** Relative to the project directory. */
    public static final String EMBEDDED_DATA_DIRECTORY = "target/shale/postgres";
    /** The kind of server {@code db:start} runs: the embedded one. */
    public static final String START_SERVER = "embedded";
    /** Relative to the project directory (or the reactor's root with {@code db.startShared}): db:start's server. */
    public static final String START_DATA_DIRECTORY = "target/shale/start/postgres";
    /** The connection's {@code application_name}, as {@code pg_stat_activity} shows it. */
    public static final String APPLICATION_NAME = "shale";
    /** Embedded server version (Maven coordinates version of the zonky binaries); keep equal to the root pom's shale.defaultPostgresVersion. */
    public static final String POSTGRES_VERSION = "17.6.0";
    /** Environment variables read when the matching setting is unset. */
    /** Read when {@link ShaleSettings#url()} is unset. */
    public static final String ENV_DATABASE_URL = "DATABASE_URL";
    /** Read (in seconds) when {@link ShaleSettings#migrationTimeout()} is unset. */
    public static final String ENV_MIGRATION_TIMEOUT = "MIGRATION_TIMEOUT";

    private Defaults() {
    }
}
