package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.connect.Connector;
import io.github.shaledb.engine.connect.DatabaseTarget;
import io.github.shaledb.engine.container.DockerPostgres;
import io.github.shaledb.engine.container.ImageReference;
import io.github.shaledb.engine.embedded.EmbeddedPostgres;
import io.github.shaledb.engine.embedded.PostgresVersions;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.introspect.PrivilegeNotes;
import io.github.shaledb.engine.introspect.UnmanagedObject;
import io.github.shaledb.engine.introspect.UnmanagedReader;
import io.github.shaledb.engine.schema.Schema;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.sql.SqlScript;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server for scratch databases: a temporary embedded PostgreSQL (the default), {@code db.shadowUrl}, or a
 * throwaway container of the image {@code db.shadowUrl=docker:IMAGE} names (else {@code db.url=docker:IMAGE}).
 * Each scratch database is named {@code shale_shadow_<random>} and dropped when it is closed, and
 * every one still open is dropped when the shadow closes, failure or not.
 */
public final class ShadowDatabase implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The first key of the advisory locks (two-key form, apart from the migration lock's 64-bit keys) that a run
     * holds on its scratch databases, by name: {@code (SCRATCH_LOCKS, name.hashCode())}.
     */
    static final int SCRATCH_LOCKS = 0x5348414c;
    /** A statement that would end or nest the transaction the schema files are tried in (a file's own BEGIN … COMMIT). */
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?i)(BEGIN|START|COMMIT|END|ROLLBACK|ABORT|PREPARE|SAVEPOINT|RELEASE)\\b");
    /** A statement that changes rows, not the schema: seed data, a sequence's position. */
    private static final Pattern DATA_STATEMENT = Pattern.compile(
            "(?is)(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY)\\b.*|SELECT\\b.*\\b(setval|nextval)\\s*\\(.*");
    /**
     * A statement about roles, the database or the server rather than the managed schemas: role membership is a
     * GRANT or REVOKE without ON.
     */
    private static final Pattern SERVER_STATEMENT = Pattern.compile(
            "(?is)((CREATE|ALTER|DROP)\\s+(ROLE|USER(?!\\s+MAPPING\\b)|GROUP)|ALTER\\s+(DATABASE|SYSTEM))\\b.*"
                    + "|(GRANT|REVOKE)\\b(?!.*\\bON\\b).*");

    private final RunSettings settings;
    private final ShaleListener listener;
    private final EmbeddedPostgres server;
    private final DockerPostgres container;
    private final DatabaseTarget admin;
    private final Connection adminConnection;
    private String createOptions;
    private final List<Scratch> open = new ArrayList<>();
    private List<UnmanagedObject> unmanaged;
    /** Roles this shadow created on an external server ({@code db.shadowUrl}), dropped again when it closes. */
    private final List<String> createdRoles = new ArrayList<>();
    /** Schema files already warned about for their data and server statements (read twice in some runs). */
    private final Set<Path> dataWarned = new HashSet<>();

    private ShadowDatabase(RunSettings settings, ShaleListener listener, EmbeddedPostgres server, DockerPostgres container,
                           DatabaseTarget admin, Connection adminConnection) {
        this.settings = settings;
        this.listener = listener;
        this.server = server;
        this.container = container;
        this.admin = admin;
        this.adminConnection = adminConnection;
    }

    /** A fresh database on the shadow server; closing it drops it. */
    final class Scratch implements AutoCloseable {
        private final String name;
        private final Connection connection;

        private Scratch(String name, Connection connection) {
            this.name = name;
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        /** A second connection to this database (closed by the caller), e.g. to read it as others see it. */
        Connection connectAgain() throws ShaleException {
            DatabaseTarget target = new DatabaseTarget(withDatabase(admin.jdbcUrl(), name), admin.user(),
                    admin.password(), null, "shadow");
            return connector(settings, listener).connect(target, settings.applicationName() + " (shadow)");
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                listener.onEvent(ShaleEvent.debug("Closing the connection to " + name + " failed: " + e.getMessage()));
            }
            drop(name);
            open.remove(this);
        }
    }

    /** On {@code db.shadowUrl}, else on an embedded server of the version {@code db.postgresVersion} asks for (else the default). */
    public static ShadowDatabase start(RunSettings settings, ShaleListener listener) throws ShaleException {
        return start(settings, listener, null);
    }

    /**
     * On {@code db.shadowUrl}, else on an embedded server of the target's major version, so that what is applied
     * there (schema files, generated migrations) meets the rules of the server it is for.
     */
    static ShadowDatabase start(RunSettings settings, ShaleListener listener, TargetVersion version) throws ShaleException {
        String shadowUrl = settings.raw().shadowUrl();
        String application = settings.applicationName() + " (shadow)";
        String url = settings.raw().url();
        if ((shadowUrl == null || shadowUrl.isBlank()) && url != null && url.strip().startsWith(DatabaseTarget.DOCKER_PREFIX)) {
            // The target is a server of that image: its scratch databases run on one too.
            return inContainer(settings, listener, url.strip().substring(DatabaseTarget.DOCKER_PREFIX.length()), "db.url");
        }
        if (shadowUrl != null && shadowUrl.strip().startsWith(DatabaseTarget.DOCKER_PREFIX)) {
            return inContainer(settings, listener, shadowUrl.strip().substring(DatabaseTarget.DOCKER_PREFIX.length()),
                    "db.shadowUrl");
        }
        if (shadowUrl == null || shadowUrl.isBlank()) {
            String binariesVersion = version == null ? TargetVersion.configuredBinariesVersion(settings)
                    : TargetVersion.binariesVersion(settings, version.major());
            Path binaries = TargetVersion.binaries(settings, binariesVersion);
            listener.onEvent(ShaleEvent.info("Starting a temporary PostgreSQL server for the shadow database"
                    + (settings.raw().postgresBinaries() == null && settings.raw().binariesResolver() != null
                    ? " (PostgreSQL " + binariesVersion + ")" : "")));
            EmbeddedPostgres.removeAbandonedTemporaryServers(line -> listener.onEvent(ShaleEvent.info(line)));
            EmbeddedPostgres server = EmbeddedPostgres.start(new EmbeddedPostgres.Options(null,
                    binaries, null, line -> listener.onEvent(ShaleEvent.debug(line))));
            try {
                DatabaseTarget admin = new DatabaseTarget(server.jdbcUrl("postgres"), server.user(), null, null, "shadow");
                Connection c = connector(settings, listener).connect(admin, application);
                return new ShadowDatabase(settings, listener, server, null, admin, c);
            } catch (ShaleException | RuntimeException e) {
                server.close();
                throw e;
            }
        }
        DatabaseTarget target;
        try {
            target = DatabaseTarget.resolve(settings.raw().toBuilder().url(shadowUrl.trim()).build());
        } catch (ConfigurationException e) {
            throw new ConfigurationException("db.shadowUrl", e.getMessage().replace("db.url", "db.shadowUrl"),
                    "use jdbc:postgresql://host:5432/postgres (a user allowed to create databases), or leave"
                            + " db.shadowUrl unset for a temporary embedded server", e);
        }
        if (target.embedded()) {
            throw new ConfigurationException("db.shadowUrl", "db.shadowUrl is " + shadowUrl + ".",
                    "leave db.shadowUrl unset to use a temporary embedded server, or give a server URL");
        }
        target = new DatabaseTarget(target.jdbcUrl(), target.user(), target.password(), null, "db.shadowUrl");
        listener.onEvent(ShaleEvent.info("Using " + target.describe() + " for shadow databases"));
        Connection c = connector(settings, listener).connect(target, application);
        ShadowDatabase shadow = new ShadowDatabase(settings, listener, null, null, target, c);
        shadow.dropStale();
        return shadow;
    }

    /** Scratch databases in a throwaway container of {@code image}: a server with the extensions production has. */
    private static ShadowDatabase inContainer(RunSettings settings, ShaleListener listener, String image, String parameter)
            throws ShaleException {
        String trimmed = image.strip();
        if (!ImageReference.valid(trimmed)) {
            throw DockerPostgres.invalidImage(parameter, image);
        }
        listener.onEvent(ShaleEvent.info("Starting a container of " + trimmed + " for the shadow database (" + parameter
                + ")"));
        DockerPostgres container = DockerPostgres.start(trimmed, parameter, line -> listener.onEvent(ShaleEvent.debug(line)));
        try {
            DatabaseTarget admin = new DatabaseTarget(container.jdbcUrl("postgres"), container.user(),
                    container.password(), null, "shadow", "shadow", trimmed);
            Connection c = connector(settings, listener).connect(admin, settings.applicationName() + " (shadow)");
            return new ShadowDatabase(settings, listener, null, container, admin, c);
        } catch (ShaleException | RuntimeException e) {
            container.close();
            throw e;
        }
    }

    private static Connector connector(RunSettings settings, ShaleListener listener) {
        return new Connector(listener, settings.connectRetries(), settings.connectRetryDelay(), false);
    }

    /**
     * Drops the scratch databases of runs that were killed: those no session is connected to whose lock
     * ({@link #SCRATCH_LOCKS}, the name's hash) nobody holds. A live run holds it from before it creates its scratch
     * database until after it drops it, so its database is never taken for stale.
     */
    private void dropStale() {
        List<String> candidates = new ArrayList<>();
        try (Statement s = adminConnection.createStatement();
             var rs = s.executeQuery("select d.datname from pg_database d where d.datname like '"
                     + Defaults.SHADOW_DATABASE_PREFIX.replace("_", "\\_") + "%' and not exists"
                     + " (select 1 from pg_stat_activity a where a.datname = d.datname) order by 1")) {
            while (rs.next()) {
                candidates.add(rs.getString(1));
            }
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.debug("Could not look for scratch databases left by killed runs: " + e.getMessage()));
            return;
        }
        for (String name : candidates) {
            try (Statement s = adminConnection.createStatement()) {
                if (!stale(s, name)) {
                    continue; // a live run's, or dropped by its run meanwhile
                }
                s.execute("drop database " + ScriptRunner.quote(name));
                listener.onEvent(ShaleEvent.info("Dropped scratch database " + name + " on " + admin.hostAndPort()
                        + " left by a run that was killed"));
            } catch (SQLException e) {
                // Connected to or dropped meanwhile (55006, 3D000), or another user's (42501): left alone.
                listener.onEvent(ShaleEvent.debug("Left the scratch database " + name + ": " + e.getMessage()));
            }
        }
    }

    /**
     * Whether the database still exists, no session is connected to it, and no session holds its lock. The lock is
     * read from pg_locks, not tried: advisory locks belong to the database their session is connected to, and two
     * runs may reach the server through different databases.
     */
    private static boolean stale(Statement s, String name) throws SQLException {
        String literal = "'" + name.replace("'", "''") + "'";
        try (var rs = s.executeQuery("select exists (select 1 from pg_database where datname = " + literal + ")"
                + " and not exists (select 1 from pg_stat_activity where datname = " + literal + ")"
                + " and not exists (select 1 from pg_locks where locktype = 'advisory' and objsubid = 2"
                + " and classid = " + SCRATCH_LOCKS + " and objid = " + Integer.toUnsignedLong(name.hashCode()) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean tryLock(Statement s, String name) throws SQLException {
        try (var rs = s.executeQuery("select pg_try_advisory_lock(" + SCRATCH_LOCKS + ", " + name.hashCode() + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static void unlock(Statement s, String name) throws SQLException {
        s.execute("select pg_advisory_unlock(" + SCRATCH_LOCKS + ", " + name.hashCode() + ")");
    }

    /** Creates a fresh, empty database, holding its lock (see {@link #dropStale()}) until it is dropped. */
    Scratch create() throws EnvironmentException {
        String name;
        try (Statement s = adminConnection.createStatement()) {
            do {
                byte[] suffix = new byte[6];
                RANDOM.nextBytes(suffix);
                name = Defaults.SHADOW_DATABASE_PREFIX + HexFormat.of().formatHex(suffix);
            } while (!tryLock(s, name));
        } catch (SQLException e) {
            throw new EnvironmentException("Cannot take the lock of a scratch database on " + admin.describe() + ": "
                    + e.getMessage(), null, e);
        }
        try (Statement s = adminConnection.createStatement()) {
            s.execute("create database " + name + createOptions(s));
        } catch (SQLException e) {
            unlockQuietly(name);
            throw new EnvironmentException("Cannot create the scratch database " + name + " on " + admin.describe()
                    + ": " + e.getMessage(), "give db.shadowUrl a user allowed to create databases (CREATEDB), or leave"
                    + " it unset to use a temporary embedded server", e);
        }
        try {
            DatabaseTarget target = new DatabaseTarget(withDatabase(admin.jdbcUrl(), name), admin.user(),
                    admin.password(), null, "shadow");
            Connection c = connector(settings, listener).connect(target, settings.applicationName() + " (shadow)");
            Scratch scratch = new Scratch(name, c);
            open.add(scratch);
            return scratch;
        } catch (ShaleException | RuntimeException e) {
            drop(name);
            throw e instanceof EnvironmentException env ? env
                    : new EnvironmentException("Cannot connect to the scratch database " + name + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * {@code STRATEGY FILE_COPY} on a server that runs without fsync (the embedded one, a test
     * server): there the checkpoint it needs is cheap and it copies the template several times faster
     * than PostgreSQL 15's default, which writes every page to the WAL. Elsewhere the server's default,
     * which spares a shared server that checkpoint.
     */
    private String createOptions(Statement s) throws SQLException {
        if (createOptions == null) {
            try (var rs = s.executeQuery("select current_setting('server_version_num')::int >= 150000"
                    + " and current_setting('fsync') = 'off'")) {
                rs.next();
                createOptions = rs.getBoolean(1) ? " strategy file_copy" : "";
            }
        }
        return createOptions;
    }

    /** The shadow server's major version: the diff writes the forms this version takes (db.postgresVersion). */
    int serverMajorVersion() throws EnvironmentException {
        try {
            return adminConnection.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new EnvironmentException("Cannot read the version of the shadow server " + admin.describe() + ": "
                    + e.getMessage(), null, e);
        }
    }

    /**
     * The target itself, unless it is only the default and the shadow is a container: the image is then the one
     * production runs ({@code db.shadowUrl=docker:postgis/postgis:16-3.4}), and so is its major version.
     */
    TargetVersion targetFor(TargetVersion target) throws EnvironmentException {
        if (container == null || !target.defaulted()) {
            return target;
        }
        int major = Math.max(PostgresVersions.OLDEST, Math.min(PostgresVersions.NEWEST, serverMajorVersion()));
        return new TargetVersion(major, "the shadow container " + container.image());
    }

    /**
     * The major version migrations are written for: the target's, or the shadow server's when that is older
     * ({@code db.shadowUrl}, or binaries fixed by the front end), since they must run there first.
     */
    int writesFor(TargetVersion target) throws EnvironmentException {
        int server = serverMajorVersion();
        if (server == target.major()) {
            return server;
        }
        int major = Math.min(server, target.major());
        listener.onEvent(ShaleEvent.info("The shadow server " + admin.describe() + " runs PostgreSQL " + server
                + ", the target PostgreSQL " + target.major() + " (from " + target.source() + "): the migration is"
                + " written for PostgreSQL " + major + ", which both run."));
        return major;
    }

    /** The schema the schema files describe: applied in file-name order to a scratch database, then introspected. */
    public SchemaModel desired() throws ShaleException {
        List<Path> files = schemaFiles(settings);
        try (Scratch scratch = create()) {
            applySchemaFiles(scratch.connection(), files);
            unmanaged = UnmanagedReader.read(scratch.connection(), settings.schemas());
            return withNotes(scratch.connection(), Introspector.introspect(scratch.connection(), settings.schemas()));
        }
    }

    /** What the schema files hold that Shale does not manage, read with the desired schema; null until then. */
    public List<UnmanagedObject> unmanaged() {
        return unmanaged;
    }

    /** Warns about the privileges of the schema files that migrations cannot write as they are. */
    private SchemaModel withNotes(Connection c, SchemaModel desired) throws EnvironmentException {
        try {
            PrivilegeNotes.read(c, desired.schemas().stream().map(Schema::name).toList())
                    .forEach(note -> listener.onEvent(ShaleEvent.warn(note)));
        } catch (SQLException e) {
            throw new EnvironmentException("Cannot read the privileges of the scratch database: " + e.getMessage(), null, e);
        }
        return desired;
    }

    /** The {@code *.sql} files of {@code db.schemaDir}, in file-name order; fails naming db.schemaDir when there are none. */
    static List<Path> schemaFiles(RunSettings settings) throws ConfigurationException {
        Path dir = settings.schemaDirectory();
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("db.schemaDir", "The schema directory " + dir + " does not exist.",
                    "write the desired schema as CREATE statements in .sql files there, or point -Ddb.schemaDir at"
                            + " the folder that holds them");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new ConfigurationException("db.schemaDir", "The schema directory " + dir + " cannot be listed: "
                    + e.getMessage(), "check that it is a readable folder", e);
        }
        if (files.isEmpty()) {
            throw new ConfigurationException("db.schemaDir", "The schema directory " + dir + " holds no .sql file.",
                    "write the desired schema as CREATE statements in .sql files there, or point -Ddb.schemaDir at"
                            + " the folder that holds them");
        }
        return files;
    }

    /**
     * A runner for a scratch database: a role a statement names that the server lacks is created ({@code NOLOGIN})
     * and the statement runs again. Schema files and migrations name production's roles, which are managed outside
     * migrations; the scratch server is the one place Shale creates them.
     */
    ScriptRunner runner(Connection c) {
        return new ScriptRunner(c, settings.projectDirectory(), this::createRole);
    }

    void createRole(String role) throws SQLException {
        try (Statement s = adminConnection.createStatement()) {
            s.execute("create role " + ScriptRunner.quote(role) + " nologin");
        } catch (SQLException e) {
            if ("42710".equals(e.getSQLState())) {
                return; // created meanwhile by another run on the same server
            }
            throw e;
        }
        if (server == null && container == null) {
            createdRoles.add(role);
        }
        listener.onEvent(ShaleEvent.info("Created the role " + role + " (NOLOGIN) on the scratch server, which the SQL"
                + " names: roles are managed outside migrations, so every server the migrations run on must have it."));
    }

    private void applySchemaFiles(Connection c, List<Path> files) throws ShaleException {
        ScriptRunner runner = runner(c);
        for (Path file : files) {
            listener.onEvent(ShaleEvent.debug("Applying schema file " + file.getFileName()));
            // Autocommit: a schema file may hold statements PostgreSQL refuses in a transaction block.
            runner.run("Schema file " + file.getFileName(), file, read(file), true,
                    "Only the scratch database saw it; it is dropped and nothing else was changed.");
        }
    }

    /**
     * The schema the schema files describe, read on {@code scratch} inside a transaction that is then rolled back,
     * so the database is as fresh as before and one scratch database serves both the schema files and what is
     * checked after them. Null when the files cannot run in one transaction (a statement PostgreSQL refuses in
     * one, or one that fails there): {@link #desired()} then applies them as always, in autocommit on a database
     * of their own, and gives the schema or the error.
     */
    SchemaModel desiredInTransaction(Scratch scratch) throws ShaleException {
        List<Path> files = schemaFiles(settings);
        List<SqlScript> scripts = new ArrayList<>();
        for (Path file : files) {
            SqlScript script = read(file);
            if (script.requiresNoTransaction() || script.statements().stream().anyMatch(st -> TRANSACTION_CONTROL
                    .matcher(st.text()).lookingAt())) {
                return null;
            }
            scripts.add(script);
        }
        Connection c = scratch.connection();
        ScriptRunner runner = runner(c);
        try {
            c.setAutoCommit(false);
            for (int i = 0; i < files.size(); i++) {
                listener.onEvent(ShaleEvent.debug("Applying schema file " + files.get(i).getFileName() + " in a transaction"));
                runner.run("Schema file " + files.get(i).getFileName(), files.get(i), scripts.get(i), true, "");
            }
            unmanaged = UnmanagedReader.read(c, settings.schemas());
            return withNotes(c, Introspector.introspect(c, settings.schemas()));
        } catch (MigrationSqlException e) {
            listener.onEvent(ShaleEvent.debug("The schema files do not run in one transaction (" + e.getMessage().lines()
                    .findFirst().orElse("") + "); applying them in autocommit on a database of their own"));
            return null;
        } catch (SQLException e) {
            throw new EnvironmentException("The scratch database's connection failed: " + e.getMessage(), null, e);
        } finally {
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException e) {
                listener.onEvent(ShaleEvent.debug("Ending the schema files' transaction failed: " + e.getMessage()));
            }
        }
    }

    /**
     * Names the statements of a schema file that change data, roles or settings beyond the managed schemas: they
     * run on the scratch server only, since a migration is written from the schema the files leave, not from their
     * statements.
     */
    private SqlScript read(Path file) throws MigrationFileException {
        SqlScript script = parse(file);
        if (dataWarned.add(file)) {
            List<String> data = where(script, DATA_STATEMENT);
            if (!data.isEmpty()) {
                listener.onEvent(ShaleEvent.warn("Schema file " + file.getFileName() + " holds " + count(data)
                        + " that change data, not the schema (" + list(data) + "). They run on the scratch database"
                        + " only: migrations carry the schema, not rows. Put seed data in a migration of its own"
                        + " (mvn db:generate -Ddb.custom=true) and take it out of the schema files."));
            }
            List<String> server = where(script, SERVER_STATEMENT);
            if (!server.isEmpty()) {
                listener.onEvent(ShaleEvent.warn("Schema file " + file.getFileName() + " holds " + count(server)
                        + " about roles, the database or the server, not the managed schemas (" + list(server)
                        + "). They run on the scratch server only: migrations do not create roles or change settings"
                        + " outside the managed schemas. Manage roles and settings outside migrations, or write the"
                        + " statement in a migration of its own (mvn db:generate -Ddb.custom=true)."));
            }
        }
        return script;
    }

    /** Where the statements of {@code script} that {@code kind} matches stand: line and first words. */
    private static List<String> where(SqlScript script, Pattern kind) {
        return script.statements().stream()
                .filter(st -> kind.matcher(st.text()).matches())
                .map(st -> "line " + st.line() + ": " + firstWords(st.text()))
                .toList();
    }

    private static String count(List<String> statements) {
        return statements.size() + (statements.size() == 1 ? " statement" : " statements");
    }

    private static String list(List<String> statements) {
        return String.join("; ", statements.subList(0, Math.min(5, statements.size())))
                + (statements.size() > 5 ? "; …" : "");
    }

    private static String firstWords(String statement) {
        String[] words = statement.strip().split("\\s+", 4);
        return String.join(" ", Arrays.asList(words).subList(0, Math.min(3, words.length)));
    }

    private static SqlScript parse(Path file) throws MigrationFileException {
        try {
            return SqlScript.parse(Files.readString(file));
        } catch (CharacterCodingException e) {
            throw new MigrationFileException(file, "The schema file " + file + " is not UTF-8 text.",
                    "save it as UTF-8", e);
        } catch (IOException e) {
            throw new MigrationFileException(file, "Cannot read the schema file " + file + ": " + e.getMessage(),
                    "check that it is readable", e);
        }
    }

    private void drop(String name) {
        try (Statement s = adminConnection.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            try (Statement s = adminConnection.createStatement()) {
                // Servers before 13 have no WITH (FORCE).
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
                s.execute("drop database if exists " + name);
            } catch (SQLException again) {
                listener.onEvent(ShaleEvent.warn("Could not drop the scratch database " + name + " on "
                        + admin.describe() + ": " + again.getMessage() + "; drop it by hand."));
            }
        }
        unlockQuietly(name);
    }

    private void unlockQuietly(String name) {
        try (Statement s = adminConnection.createStatement()) {
            unlock(s, name);
        } catch (SQLException e) {
            // The lock ends with the shadow's connection anyway.
            listener.onEvent(ShaleEvent.debug("Releasing the lock of " + name + " failed: " + e.getMessage()));
        }
    }

    /**
     * Best effort: roles belong to the whole server, and another run may still use one (its privileges then keep
     * it), so a role that cannot be dropped stays, and the next run finds it.
     */
    private void dropCreatedRoles() {
        for (String role : createdRoles) {
            try (Statement s = adminConnection.createStatement()) {
                s.execute("drop role if exists " + ScriptRunner.quote(role));
            } catch (SQLException e) {
                listener.onEvent(ShaleEvent.debug("The role " + role + " created on " + admin.describe()
                        + " for the scratch databases was not dropped: " + e.getMessage()));
            }
        }
        createdRoles.clear();
    }

    static String withDatabase(String jdbcUrl, String database) {
        return DatabaseTarget.withDatabase(jdbcUrl, database);
    }

    @Override
    public void close() {
        for (Scratch scratch : List.copyOf(open)) {
            scratch.close();
        }
        dropCreatedRoles();
        try {
            adminConnection.close();
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.debug("Closing the shadow connection failed: " + e.getMessage()));
        }
        if (server != null) {
            server.close();
        }
        if (container != null) {
            container.close();
        }
    }
}
