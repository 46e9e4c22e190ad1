package io.github.shaledb.engine.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an engine verb needs to know, as the user gave it. Unset values are {@code null};
 * the engine decides their defaults (see {@link Defaults}), so every front end gets the same ones. Each getter names
 * the Maven property ({@code db.…}) that sets it in the plugin; the exceptions name settings by that property too.
 *
 * <p>A library user needs only a URL (or {@code DATABASE_URL} in the environment) and the migrations folder:
 * <pre>{@code
 * ShaleSettings settings = ShaleSettings.builder()
 *         .url("jdbc:postgresql://db.internal:5432/orders")
 *         .user("orders").password(System.getenv("ORDERS_DB_PASSWORD"))
 *         .migrationsDirectory(Path.of("/opt/orders/db/migrations"))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the password. Values are checked when a verb runs,
 * not when built: a wrong one makes the verb throw a {@link ConfigurationException} naming its property.
 */
public final class ShaleSettings {

    /** How migrations are grouped into transactions ({@code db.transaction}). */
    public enum TransactionMode {
        /** One transaction per migration, its tracking row inside it (the default). */
        EACH,
        /** One transaction for the whole run, as Drizzle does: all pending migrations apply, or none. */
        ALL
    }

    /** What a fleet run does after a target fails ({@code db.onError}). */
    public enum OnError {
        /** Start no further target; those running finish (the default). */
        FAIL,
        /** Run every other target, then fail naming the failed ones. */
        CONTINUE
    }

    private final String url;
    private final String user;
    private final String password;
    private final Path projectDirectory;
    private final Path migrationsDirectory;
    private final String trackingSchema;
    private final String trackingTable;
    private final Long lockId;
    private final Duration lockTimeout;
    private final TransactionMode transactionMode;
    private final Boolean outOfOrder;
    private final Boolean dryRun;
    private final String baseline;
    private final Integer count;
    private final String to;
    private final Duration statementTimeout;
    private final Duration lockTimeoutPerStatement;
    private final String applicationName;
    private final Boolean force;
    private final Path postgresBinaries;
    private final BinariesResolver binariesResolver;
    private final String postgresVersion;
    private final Path schemaDirectory;
    private final List<String> schemas;
    private final String shadowUrl;
    private final String name;
    private final Boolean custom;
    private final String renames;
    private final List<String> ignore;
    private final Integer connectRetries;
    private final Duration connectRetryDelay;
    private final Duration migrationTimeout;
    private final Boolean createDatabase;
    private final List<String> forget;
    private final String lintSince;
    private final LintSeverity lintFailOn;
    private final Boolean lintTrace;
    private final Long lintMinRows;
    private final List<String> lintDisable;
    private final Path lintReport;
    private final String targets;
    private final Integer parallel;
    private final OnError onError;
    private final String canary;
    private final Path report;
    private final Map<String, String> environment;
    private final Map<String, String> origins;

    private ShaleSettings(Builder b) {
        this.url = b.url;
        this.user = b.user;
        this.password = b.password;
        this.projectDirectory = b.projectDirectory;
        this.migrationsDirectory = b.migrationsDirectory;
        this.trackingSchema = b.trackingSchema;
        this.trackingTable = b.trackingTable;
        this.lockId = b.lockId;
        this.lockTimeout = b.lockTimeout;
        this.transactionMode = b.transactionMode;
        this.outOfOrder = b.outOfOrder;
        this.dryRun = b.dryRun;
        this.baseline = b.baseline;
        this.count = b.count;
        this.to = b.to;
        this.statementTimeout = b.statementTimeout;
        this.lockTimeoutPerStatement = b.lockTimeoutPerStatement;
        this.applicationName = b.applicationName;
        this.force = b.force;
        this.postgresBinaries = b.postgresBinaries;
        this.binariesResolver = b.binariesResolver;
        this.postgresVersion = b.postgresVersion;
        this.schemaDirectory = b.schemaDirectory;
        this.shadowUrl = b.shadowUrl;
        this.name = b.name;
        this.custom = b.custom;
        this.renames = b.renames;
        this.schemas = b.schemas == null ? null : List.copyOf(b.schemas);
        this.ignore = b.ignore == null ? null : List.copyOf(b.ignore);
        this.connectRetries = b.connectRetries;
        this.connectRetryDelay = b.connectRetryDelay;
        this.migrationTimeout = b.migrationTimeout;
        this.createDatabase = b.createDatabase;
        this.forget = b.forget == null ? null : List.copyOf(b.forget);
        this.lintSince = b.lintSince;
        this.lintFailOn = b.lintFailOn;
        this.lintTrace = b.lintTrace;
        this.lintMinRows = b.lintMinRows;
        this.lintDisable = b.lintDisable == null ? null : List.copyOf(b.lintDisable);
        this.lintReport = b.lintReport;
        this.targets = b.targets;
        this.parallel = b.parallel;
        this.onError = b.onError;
        this.canary = b.canary;
        this.report = b.report;
        this.environment = b.environment == null ? System.getenv() : Map.copyOf(b.environment);
        this.origins = Map.copyOf(b.origins);
    }

    /** @return a builder with every setting unset */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings, to derive others from them */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.user = user;
        b.password = password;
        b.projectDirectory = projectDirectory;
        b.migrationsDirectory = migrationsDirectory;
        b.trackingSchema = trackingSchema;
        b.trackingTable = trackingTable;
        b.lockId = lockId;
        b.lockTimeout = lockTimeout;
        b.transactionMode = transactionMode;
        b.outOfOrder = outOfOrder;
        b.dryRun = dryRun;
        b.baseline = baseline;
        b.count = count;
        b.to = to;
        b.statementTimeout = statementTimeout;
        b.lockTimeoutPerStatement = lockTimeoutPerStatement;
        b.applicationName = applicationName;
        b.force = force;
        b.postgresBinaries = postgresBinaries;
        b.binariesResolver = binariesResolver;
        b.postgresVersion = postgresVersion;
        b.schemaDirectory = schemaDirectory;
        b.schemas = schemas;
        b.shadowUrl = shadowUrl;
        b.name = name;
        b.custom = custom;
        b.renames = renames;
        b.ignore = ignore;
        b.connectRetries = connectRetries;
        b.connectRetryDelay = connectRetryDelay;
        b.migrationTimeout = migrationTimeout;
        b.createDatabase = createDatabase;
        b.forget = forget;
        b.lintSince = lintSince;
        b.lintFailOn = lintFailOn;
        b.lintTrace = lintTrace;
        b.lintMinRows = lintMinRows;
        b.lintDisable = lintDisable;
        b.lintReport = lintReport;
        b.targets = targets;
        b.parallel = parallel;
        b.onError = onError;
        b.canary = canary;
        b.report = report;
        b.environment = environment;
        b.origins.putAll(origins);
        return b;
    }

    /** {@code db.url}: JDBC URL, libpq URL, or {@code embedded[:dir]}; null falls back to {@code DATABASE_URL}. */
    public String url() { return url; }
    /** {@code db.user}: the database user; null takes it from the URL, a service file or the server's default. */
    public String user() { return user; }
    /** {@code db.password}: the user's password; null takes it from the URL or {@code .pgpass}. Never printed. */
    public String password() { return password; }
    /** Base for relative paths and for the embedded server's default data directory. */
    public Path projectDirectory() { return projectDirectory; }
    /** {@code db.migrationsDir}: the migrations folder, relative to {@link #projectDirectory()}; null means
     * {@link Defaults#MIGRATIONS_DIRECTORY}. A path of another file system (a folder inside a jar opened with
     * {@link java.nio.file.FileSystems#newFileSystem(Path)}) is read as it is: migrate, rollback, status and repair
     * read migrations through NIO only; {@code generate} writes and needs a writable folder. */
    public Path migrationsDirectory() { return migrationsDirectory; }
    /** {@code db.trackingSchema}: the tracking table's schema; null means {@link Defaults#TRACKING_SCHEMA}. */
    public String trackingSchema() { return trackingSchema; }
    /** {@code db.trackingTable}: the tracking table's name; null means {@link Defaults#TRACKING_TABLE}. */
    public String trackingTable() { return trackingTable; }
    /** {@code db.lockId}: the advisory lock's 64-bit key; null derives it from the tracking table's qualified name. */
    public Long lockId() { return lockId; }
    /** {@code db.lockTimeout}: how long to wait for the migration lock; null takes {@link #migrationTimeout()}. */
    public Duration lockTimeout() { return lockTimeout; }
    /** {@code db.transaction}: one transaction per migration or one for the run; null means {@link Defaults#TRANSACTION_MODE}. */
    public TransactionMode transactionMode() { return transactionMode; }
    /** {@code db.outOfOrder}: apply a pending migration older than the newest applied one instead of failing; null means false. */
    public Boolean outOfOrder() { return outOfOrder; }
    /** {@code db.dryRun}: plan and report, change nothing; null means false. */
    public Boolean dryRun() { return dryRun; }
    /** {@code db.baseline}: record migrations up to this tag as applied without running them; null: none. */
    public String baseline() { return baseline; }
    /** {@code db.count}: how many migrations {@code rollback} undoes; null means {@link Defaults#ROLLBACK_COUNT}. */
    public Integer count() { return count; }
    /** {@code db.to}: the tag {@code rollback} returns to (it stays applied); null: use {@link #count()}. */
    public String to() { return to; }
    /** {@code db.statementTimeout}: PostgreSQL's {@code statement_timeout} for each statement; null: none. */
    public Duration statementTimeout() { return statementTimeout; }
    /** {@code db.lockTimeoutPerStatement}: how long a statement waits for a table lock before its migration is retried; null means {@link Defaults#LOCK_TIMEOUT_PER_STATEMENT}. */
    public Duration lockTimeoutPerStatement() { return lockTimeoutPerStatement; }
    /** What the connection reports as {@code application_name}, e.g. "shale db:migrate my-service". */
    public String applicationName() { return applicationName; }
    /** {@code db.force}: accept what otherwise needs a confirmation (data loss, drop+add renames, ending a lock holder); null means false. */
    public Boolean force() { return force; }
    /**
     * A jar or {@code .txz} holding the embedded server's binaries, used for every embedded server whatever its
     * version; null asks {@link #binariesResolver()} for the version needed, else looks on the class path.
     */
    public Path postgresBinaries() { return postgresBinaries; }
    /** Supplies the embedded server's binaries of the version the engine needs; null: see {@link #postgresBinaries()}. */
    public BinariesResolver binariesResolver() { return binariesResolver; }
    /**
     * {@code db.postgresVersion}: a major version ({@code 15}) or a binaries version ({@code 15.10.0}). The version of
     * the embedded {@code db.url} server, and the target of {@code db:generate} when {@code db.url} is unset.
     */
    public String postgresVersion() { return postgresVersion; }
    /** {@code db.schemaDir}: the schema files ({@code *.sql}, applied in file-name order); null means {@link Defaults#SCHEMA_DIRECTORY}. */
    public Path schemaDirectory() { return schemaDirectory; }
    /** {@code db.schemas}: the managed schemas; null means {@link Defaults#SCHEMAS}. */
    public List<String> schemas() { return schemas; }
    /** {@code db.shadowUrl}: a server on which scratch databases are created and dropped; null uses a temporary embedded server. */
    public String shadowUrl() { return shadowUrl; }
    /** {@code db.name}: the name of the generated migration; null derives one from the changes. */
    public String name() { return name; }
    /** {@code db.custom}: generate an empty migration for hand-written SQL. */
    public Boolean custom() { return custom; }
    /** {@code db.renames}: rename hints, {@code table.old:new} for columns and {@code oldtable:newtable} for tables, comma-separated. */
    public String renames() { return renames; }
    /**
     * {@code db.ignore}: objects Shale does not manage that generate, push and check keep quiet about; entries
     * {@code kind:schema.name} or {@code schema.name}, {@code *} for any run of characters, comma-separated
     * (also within an entry). Null: none.
     */
    public List<String> ignore() { return ignore; }
    /** {@code db.connectRetries}: connection attempts after the first on a transient failure; null means {@link Defaults#CONNECT_RETRIES}. */
    public Integer connectRetries() { return connectRetries; }
    /** {@code db.connectRetryDelay}: the wait before retry n is n times this; null means {@link Defaults#CONNECT_RETRY_DELAY}. */
    public Duration connectRetryDelay() { return connectRetryDelay; }
    /** {@code db.migrationTimeout}: bounds each migration's run and, unless {@link #lockTimeout()} is set, the lock wait; zero means no bound; null falls back to {@code MIGRATION_TIMEOUT}, else {@link Defaults#MIGRATION_TIMEOUT}. */
    public Duration migrationTimeout() { return migrationTimeout; }
    /** {@code db.createDatabase}: create the target database when it does not exist. */
    public Boolean createDatabase() { return createDatabase; }
    /** {@code db.forget}: tags of applied migrations, absent on disk, whose tracking rows {@code repair} removes. */
    public List<String> forget() { return forget; }
    /** {@code db.lintSince}: without a database URL, lint only the migrations after this tag; null: all of them (or, with {@link #url()}, those not applied there). */
    public String lintSince() { return lintSince; }
    /** {@code db.lint.failOn}: the least severity that fails the run; null means {@link LintSeverity#ERROR}. */
    public LintSeverity lintFailOn() { return lintFailOn; }
    /** {@code db.lint.trace}: run each linted migration on a scratch database and read the locks it really takes; null: on when a scratch server can be started. */
    public Boolean lintTrace() { return lintTrace; }
    /** {@code db.lint.minRows}: findings on tables of fewer estimated rows (read from {@link #url()}) are warnings, not errors; null: every table counts. */
    public Long lintMinRows() { return lintMinRows; }
    /** {@code db.lint.disable}: rule ids switched off for the whole project; null: none. */
    public List<String> lintDisable() { return lintDisable; }
    /** {@code db.lint.report}: write the findings as SARIF ({@code .sarif}) or JUnit XML ({@code .xml}) to this file, relative to {@link #projectDirectory()}; null: none. */
    public Path lintReport() { return lintReport; }
    /**
     * {@code db.targets}: the fleet the verb runs over, instead of the one database: URLs and schema names separated by
     * commas or line breaks, {@code file:PATH} (one target per line, or JSON with names and groups), or
     * {@code sql:QUERY} run against {@link #url()}. A target that is not a URL is a schema of {@link #url()}'s
     * database (schema-per-tenant). Null: the one database of {@link #url()}.
     */
    public String targets() { return targets; }
    /** {@code db.parallel}: how many targets of a fleet run at once, one connection each; null means {@link Defaults#PARALLEL}. */
    public Integer parallel() { return parallel; }
    /** {@code db.onError}: whether a fleet run stops starting targets after the first failure; null means {@link OnError#FAIL}. */
    public OnError onError() { return onError; }
    /** {@code db.canary}: a number of targets, or a group's name, run first and alone; the rest run only if all of them succeed. Null: one wave. */
    public String canary() { return canary; }
    /** {@code db.report}: write a fleet run's per-target results as JSON to this file, relative to {@link #projectDirectory()}; null: none. */
    public Path report() { return report; }
    /** The process environment ({@code DATABASE_URL}, {@code MIGRATION_TIMEOUT}); replaceable in tests. */
    public Map<String, String> environment() { return environment; }
    /**
     * Where the front end took a setting from, by property ({@code db.url} → "the command line", "the POM",
     * "&lt;server&gt; prod"), for the line that names the database; a setting without one is named by its property.
     */
    public Map<String, String> origins() { return origins; }

    @Override
    public String toString() {
        // Never print the password.
        return "ShaleSettings[url=" + Passwords.mask(url) + ", user=" + user
                + ", migrationsDirectory=" + migrationsDirectory + "]";
    }

    /** Builds {@link ShaleSettings}; every setter returns this builder. Not thread-safe. */
    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private Path projectDirectory;
        private Path migrationsDirectory;
        private String trackingSchema;
        private String trackingTable;
        private Long lockId;
        private Duration lockTimeout;
        private TransactionMode transactionMode;
        private Boolean outOfOrder;
        private Boolean dryRun;
        private String baseline;
        private Integer count;
        private String to;
        private Duration statementTimeout;
        private Duration lockTimeoutPerStatement;
        private String applicationName;
        private Boolean force;
        private Path postgresBinaries;
        private BinariesResolver binariesResolver;
        private String postgresVersion;
        private Path schemaDirectory;
        private List<String> schemas;
        private String shadowUrl;
        private String name;
        private Boolean custom;
        private String renames;
        private List<String> ignore;
        private Integer connectRetries;
        private Duration connectRetryDelay;
        private Duration migrationTimeout;
        private Boolean createDatabase;
        private List<String> forget;
        private String lintSince;
        private LintSeverity lintFailOn;
        private Boolean lintTrace;
        private Long lintMinRows;
        private List<String> lintDisable;
        private Path lintReport;
        private String targets;
        private Integer parallel;
        private OnError onError;
        private String canary;
        private Path report;
        private Map<String, String> environment;
        private final Map<String, String> origins = new java.util.HashMap<>();

        private Builder() {
        }

        /** Sets {@link ShaleSettings#url()}; null unsets it. */
        public Builder url(String v) { url = v; return this; }
        /** Sets {@link ShaleSettings#user()}; null unsets it. */
        public Builder user(String v) { user = v; return this; }
        /** Sets {@link ShaleSettings#password()}; null unsets it. */
        public Builder password(String v) { password = v; return this; }
        /** Sets {@link ShaleSettings#projectDirectory()}; null unsets it. */
        public Builder projectDirectory(Path v) { projectDirectory = v; return this; }
        /** Sets {@link ShaleSettings#migrationsDirectory()}; null unsets it. */
        public Builder migrationsDirectory(Path v) { migrationsDirectory = v; return this; }
        /** Sets {@link ShaleSettings#trackingSchema()}; null unsets it. */
        public Builder trackingSchema(String v) { trackingSchema = v; return this; }
        /** Sets {@link ShaleSettings#trackingTable()}; null unsets it. */
        public Builder trackingTable(String v) { trackingTable = v; return this; }
        /** Sets {@link ShaleSettings#lockId()}; null unsets it. */
        public Builder lockId(Long v) { lockId = v; return this; }
        /** Sets {@link ShaleSettings#lockTimeout()}; null unsets it. */
        public Builder lockTimeout(Duration v) { lockTimeout = v; return this; }
        /** Sets {@link ShaleSettings#transactionMode()}; null unsets it. */
        public Builder transactionMode(TransactionMode v) { transactionMode = v; return this; }
        /** Sets {@link ShaleSettings#outOfOrder()}; null unsets it. */
        public Builder outOfOrder(Boolean v) { outOfOrder = v; return this; }
        /** Sets {@link ShaleSettings#dryRun()}; null unsets it. */
        public Builder dryRun(Boolean v) { dryRun = v; return this; }
        /** Sets {@link ShaleSettings#baseline()}; null unsets it. */
        public Builder baseline(String v) { baseline = v; return this; }
        /** Sets {@link ShaleSettings#count()}; null unsets it. */
        public Builder count(Integer v) { count = v; return this; }
        /** Sets {@link ShaleSettings#to()}; null unsets it. */
        public Builder to(String v) { to = v; return this; }
        /** Sets {@link ShaleSettings#statementTimeout()}; null unsets it. */
        public Builder statementTimeout(Duration v) { statementTimeout = v; return this; }
        /** Sets {@link ShaleSettings#lockTimeoutPerStatement()}; null unsets it. */
        public Builder lockTimeoutPerStatement(Duration v) { lockTimeoutPerStatement = v; return this; }
        /** Sets {@link ShaleSettings#applicationName()}; null unsets it. */
        public Builder applicationName(String v) { applicationName = v; return this; }
        /** Sets {@link ShaleSettings#force()}; null unsets it. */
        public Builder force(Boolean v) { force = v; return this; }
        /** Sets {@link ShaleSettings#postgresBinaries()}; null unsets it. */
        public Builder postgresBinaries(Path v) { postgresBinaries = v; return this; }
        /** Sets {@link ShaleSettings#binariesResolver()}; null unsets it. */
        public Builder binariesResolver(BinariesResolver v) { binariesResolver = v; return this; }
        /** Sets {@link ShaleSettings#postgresVersion()}; null unsets it. */
        public Builder postgresVersion(String v) { postgresVersion = v; return this; }
        /** Sets {@link ShaleSettings#schemaDirectory()}; null unsets it. */
        public Builder schemaDirectory(Path v) { schemaDirectory = v; return this; }
        /** Sets {@link ShaleSettings#schemas()}; null unsets it. */
        public Builder schemas(List<String> v) { schemas = v; return this; }
        /** Sets {@link ShaleSettings#shadowUrl()}; null unsets it. */
        public Builder shadowUrl(String v) { shadowUrl = v; return this; }
        /** Sets {@link ShaleSettings#name()}; null unsets it. */
        public Builder name(String v) { name = v; return this; }
        /** Sets {@link ShaleSettings#custom()}; null unsets it. */
        public Builder custom(Boolean v) { custom = v; return this; }
        /** Sets {@link ShaleSettings#renames()}; null unsets it. */
        public Builder renames(String v) { renames = v; return this; }
        /** Sets {@link ShaleSettings#ignore()}; null unsets it. */
        public Builder ignore(List<String> v) { ignore = v; return this; }
        /** Sets {@link ShaleSettings#connectRetries()}; null unsets it. */
        public Builder connectRetries(Integer v) { connectRetries = v; return this; }
        /** Sets {@link ShaleSettings#connectRetryDelay()}; null unsets it. */
        public Builder connectRetryDelay(Duration v) { connectRetryDelay = v; return this; }
        /** Sets {@link ShaleSettings#migrationTimeout()}; null unsets it. */
        public Builder migrationTimeout(Duration v) { migrationTimeout = v; return this; }
        /** Sets {@link ShaleSettings#createDatabase()}; null unsets it. */
        public Builder createDatabase(Boolean v) { createDatabase = v; return this; }
        /** Sets {@link ShaleSettings#forget()}; null unsets it. */
        public Builder forget(List<String> v) { forget = v; return this; }
        /** Sets {@link ShaleSettings#lintSince()}; null unsets it. */
        public Builder lintSince(String v) { lintSince = v; return this; }
        /** Sets {@link ShaleSettings#lintFailOn()}; null unsets it. */
        public Builder lintFailOn(LintSeverity v) { lintFailOn = v; return this; }
        /** Sets {@link ShaleSettings#lintTrace()}; null unsets it. */
        public Builder lintTrace(Boolean v) { lintTrace = v; return this; }
        /** Sets {@link ShaleSettings#lintMinRows()}; null unsets it. */
        public Builder lintMinRows(Long v) { lintMinRows = v; return this; }
        /** Sets {@link ShaleSettings#lintDisable()}; null unsets it. */
        public Builder lintDisable(List<String> v) { lintDisable = v; return this; }
        /** Sets {@link ShaleSettings#lintReport()}; null unsets it. */
        public Builder lintReport(Path v) { lintReport = v; return this; }
        /** Sets {@link ShaleSettings#targets()}; null unsets it. */
        public Builder targets(String v) { targets = v; return this; }
        /** Sets {@link ShaleSettings#parallel()}; null unsets it. */
        public Builder parallel(Integer v) { parallel = v; return this; }
        /** Sets {@link ShaleSettings#onError()}; null unsets it. */
        public Builder onError(OnError v) { onError = v; return this; }
        /** Sets {@link ShaleSettings#canary()}; null unsets it. */
        public Builder canary(String v) { canary = v; return this; }
        /** Sets {@link ShaleSettings#report()}; null unsets it. */
        public Builder report(Path v) { report = v; return this; }
        /** Replaces the process environment (tests); must not be null. Unset, {@link System#getenv()} is read. */
        public Builder environment(Map<String, String> v) { environment = Objects.requireNonNull(v); return this; }
        /** Records where {@code property}'s value came from, e.g. {@code origin("db.url", "the command line")}. */
        public Builder origin(String property, String where) { origins.put(property, where); return this; }

        /** @return the settings as set so far; the builder may be used again afterwards */
        public ShaleSettings build() {
            return new ShaleSettings(this);
        }
    }
}
