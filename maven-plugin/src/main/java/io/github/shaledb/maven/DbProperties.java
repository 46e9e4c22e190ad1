package io.github.shaledb.maven;

/**
 * Every user property the plugin reads, in one place. Each is also the name printed in messages that
 * tell the user what to set, so a rename here changes the documentation, the mojos and the errors together.
 */
public final class DbProperties {
    public static final String URL = "db.url";
    public static final String USER = "db.user";
    public static final String PASSWORD = "db.password";
    public static final String SERVER_ID = "db.serverId";
    public static final String MIGRATIONS_DIR = "db.migrationsDir";
    public static final String MIGRATIONS_ARTIFACT = "db.migrationsArtifact";
    public static final String TRACKING_SCHEMA = "db.trackingSchema";
    public static final String TRACKING_TABLE = "db.trackingTable";
    public static final String LOCK_ID = "db.lockId";
    public static final String LOCK_TIMEOUT = "db.lockTimeout";
    public static final String TRANSACTION = "db.transaction";
    public static final String OUT_OF_ORDER = "db.outOfOrder";
    public static final String DRY_RUN = "db.dryRun";
    public static final String DRY_RUN_OUTPUT = "db.dryRunOutput";
    public static final String PENDING = "db.pending";
    public static final String BASELINE = "db.baseline";
    public static final String COUNT = "db.count";
    public static final String TO = "db.to";
    public static final String STATEMENT_TIMEOUT = "db.statementTimeout";
    public static final String LOCK_TIMEOUT_PER_STATEMENT = "db.lockTimeoutPerStatement";
    public static final String FORCE = "db.force";
    public static final String POSTGRES_VERSION = "db.postgresVersion";
    public static final String FAIL_ON_PENDING = "db.failOnPending";
    public static final String SCHEMA_DIR = "db.schemaDir";
    public static final String SCHEMAS = "db.schemas";
    public static final String SHADOW_URL = "db.shadowUrl";
    public static final String NAME = "db.name";
    public static final String CUSTOM = "db.custom";
    public static final String RENAMES = "db.renames";
    public static final String IGNORE = "db.ignore";
    public static final String CONNECT_RETRIES = "db.connectRetries";
    public static final String CONNECT_RETRY_DELAY = "db.connectRetryDelay";
    public static final String MIGRATION_TIMEOUT = "db.migrationTimeout";
    public static final String CREATE_DATABASE = "db.createDatabase";
    public static final String FORGET = "db.forget";
    public static final String START_SERVER = "db.start.server";
    public static final String START_DATABASE = "db.start.database";
    public static final String START_SHARED = "db.startShared";
    public static final String LINT_SINCE = "db.lintSince";
    public static final String LINT_FAIL_ON = "db.lint.failOn";
    public static final String LINT_TRACE = "db.lint.trace";
    public static final String LINT_MIN_ROWS = "db.lint.minRows";
    public static final String LINT_DISABLE = "db.lint.disable";
    public static final String LINT_REPORT = "db.lint.report";
    public static final String TARGETS = "db.targets";
    public static final String PARALLEL = "db.parallel";
    public static final String ON_ERROR = "db.onError";
    public static final String CANARY = "db.canary";
    public static final String REPORT = "db.report";

    public static final String SKIP = "db.skip";
    public static final String MIGRATE_SKIP = "db.migrate.skip";
    public static final String ROLLBACK_SKIP = "db.rollback.skip";
    public static final String STATUS_SKIP = "db.status.skip";
    public static final String STUDIO_PORT = "db.studio.port";
    public static final String STUDIO_OPEN = "db.studio.open";
    public static final String STUDIO_WRITE = "db.studio.write";
    public static final String STUDIO_SKIP = "db.studio.skip";
    public static final String UNLOCK_SKIP = "db.unlock.skip";
    public static final String GENERATE_SKIP = "db.generate.skip";
    public static final String PUSH_SKIP = "db.push.skip";
    public static final String CHECK_SKIP = "db.check.skip";
    public static final String REPAIR_SKIP = "db.repair.skip";
    public static final String START_SKIP = "db.start.skip";
    public static final String LINT_SKIP = "db.lint.skip";

    /** The Maven project property that {@code migrate} and {@code rollback} set to the latest applied tag. */
    public static final String CURRENT = "db.current";

    /** The project properties {@code db:start} sets to its server's coordinates ({@link #URL}, {@link #USER} too). */
    public static final String JDBC_URL = "db.jdbcUrl";
    public static final String HOST = "db.host";
    public static final String PORT = "db.port";
    public static final String DATABASE = "db.database";

    private DbProperties() {
    }
}
