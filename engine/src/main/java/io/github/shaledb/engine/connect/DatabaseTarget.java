package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.Passwords;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.container.DockerPostgres;
import io.github.shaledb.engine.container.ImageReference;
import org.postgresql.Driver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Where to connect, resolved from {@code db.url} (or {@code DATABASE_URL}, or the libpq environment) and the
 * credentials. Either a JDBC URL without user and password (they travel apart, so the URL can be printed) and the
 * credentials, or the embedded server's data directory, or the Docker image of a throwaway container
 * ({@code docker:postgres:16}); once a server is started for the last two, its URL and credentials too.
 *
 * @param source the parameter or variable that named the database, for messages: {@code db.url}, {@code DATABASE_URL}
 * @param via where each value came from, for the line naming the database: "db.url from the command line, password
 *            from ~/.pgpass"
 * @param containerImage the image of {@code docker:IMAGE}, else null
 */
public record DatabaseTarget(String jdbcUrl, String user, String password, Path embeddedDataDirectory,
                             String source, String via, String containerImage) {

    /** The URL form of a throwaway PostgreSQL container of an image: {@code docker:postgres:16}. */
    public static final String DOCKER_PREFIX = "docker:";

    /** A target that is not a container. */
    public DatabaseTarget(String jdbcUrl, String user, String password, Path embeddedDataDirectory, String source,
                          String via) {
        this(jdbcUrl, user, password, embeddedDataDirectory, source, via, null);
    }

    /** The variables that name a server when neither db.url nor DATABASE_URL is set, as libpq reads them. */
    private static final List<String> SERVER_VARIABLES = List.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGSERVICE");
    /** Service-file keys that are parts of the target rather than driver parameters. */
    private static final Set<String> SERVICE_KEYS = Set.of("host", "hostaddr", "port", "dbname", "user", "password");

    /** A target whose every value came from {@code source}. */
    public DatabaseTarget(String jdbcUrl, String user, String password, Path embeddedDataDirectory, String source) {
        this(jdbcUrl, user, password, embeddedDataDirectory, source, source);
    }

    /** libpq parameters and their pgjdbc names; anything else is passed through unchanged. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType",
            "sslpassword", "sslpassword");

    public boolean embedded() {
        return embeddedDataDirectory != null;
    }

    /** Whether this is {@code docker:IMAGE}: a container Shale starts, not a server it connects to. */
    public boolean container() {
        return containerImage != null;
    }

    /** The started container's server as this target: same source, its URL and credentials. */
    public DatabaseTarget startedIn(DockerPostgres server, String database) {
        return new DatabaseTarget(server.jdbcUrl(database), server.user(), server.password(), null, source, via,
                containerImage);
    }

    /** {@code host:port/database}, for messages about connecting; the masked URL when it cannot be read. */
    public String address() {
        if ((embedded() || container()) && jdbcUrl == null) {
            return describe();
        }
        String database = databaseName();
        return hostAndPort() + "/" + (database == null ? "" : database);
    }

    /** The server's {@code host:port} (several, comma-separated, when the URL names several). */
    public String hostAndPort() {
        Properties parsed = jdbcUrl == null ? null : Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            return describe();
        }
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        StringJoiner joined = new StringJoiner(",");
        for (int i = 0; i < hosts.length; i++) {
            joined.add(hosts[i] + ":" + (i < ports.length ? ports[i] : ports[ports.length - 1]));
        }
        return joined.toString();
    }

    /** The database the URL names, or null when the URL cannot be read. */
    public String databaseName() {
        Properties parsed = jdbcUrl == null ? null : Driver.parseURL(jdbcUrl, null);
        return parsed == null ? null : parsed.getProperty("PGDBNAME");
    }

    /** The same server, credentials and parameters, another database. */
    public DatabaseTarget withDatabase(String database) {
        return new DatabaseTarget(withDatabase(jdbcUrl, database), user, password, null, source, via, containerImage);
    }

    /** The JDBC URL with its database replaced. */
    public static String withDatabase(String jdbcUrl, String database) {
        String prefix = "jdbc:postgresql://";
        String encoded = encodePath(database);
        int query = jdbcUrl.indexOf('?');
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        if (!base.startsWith(prefix)) {
            return "jdbc:postgresql:" + encoded + params; // jdbc:postgresql:db names localhost
        }
        int slash = base.indexOf('/', prefix.length());
        return (slash < 0 ? base : base.substring(0, slash)) + "/" + encoded + params;
    }

    /**
     * The target for messages, rebuilt from its parts ({@code postgres://user@host:5432/db}), so it cannot hold the
     * password; the embedded server's data directory.
     */
    public String describe() {
        if (embedded() && jdbcUrl == null) {
            return "embedded server at " + embeddedDataDirectory;
        }
        if (container()) {
            return "container " + containerImage + (jdbcUrl == null ? "" : " at " + hostAndPort());
        }
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            return "a URL the JDBC driver cannot read";
        }
        String sslmode = parsed.getProperty("sslmode");
        return "postgres://" + (user == null ? "" : user + "@") + hostAndPort() + "/" + parsed.getProperty("PGDBNAME", "")
                + (sslmode == null ? "" : "?sslmode=" + sslmode);
    }

    /**
     * The line each verb prints once it is connected: "Database: postgres://app@db:5432/app (PostgreSQL 15.8) via
     * db.url from the command line"; for the embedded server, its directory relative to {@code base}.
     */
    public String announcement(Path base, String serverVersion) {
        String version = serverVersion == null ? "" : " (PostgreSQL " + serverVersion.strip().split(" ")[0] + ")";
        if (container()) {
            return "Database: container " + containerImage + version + (jdbcUrl == null ? "" : " at " + hostAndPort());
        }
        return "Database: " + describe(base) + version + (embedded() ? "" : " via " + via);
    }

    /** What the line naming the database prints: {@link #describe()}, the embedded directory relative to {@code base}. */
    public String describe(Path base) {
        if (embedded()) {
            Path dir = base != null && embeddedDataDirectory.startsWith(base) ? base.relativize(embeddedDataDirectory)
                    : embeddedDataDirectory;
            return "embedded server at " + dir;
        }
        return describe();
    }

    /**
     * Whether the settings name a database at all ({@code db.url}, {@code DATABASE_URL}, or a libpq variable that
     * names a server), as {@link #resolve} would find one; goals for which a database is optional ask this first.
     */
    public static boolean named(ShaleSettings settings) {
        Map<String, String> env = settings.environment();
        return present(settings.url()) || present(env.get(Defaults.ENV_DATABASE_URL))
                || SERVER_VARIABLES.stream().anyMatch(variable -> present(env.get(variable)));
    }

    /**
     * Resolves the target, each value from the first place that has it: {@code db.url} (the command line before the
     * POM, which the front end has decided), {@code DATABASE_URL}, the libpq environment ({@code PGHOST},
     * {@code PGHOSTADDR}, {@code PGPORT}, {@code PGDATABASE}, {@code PGSERVICE} name a server when no URL does;
     * {@code PGUSER}, {@code PGPASSWORD}, {@code PGSSLMODE}, {@code PGPASSFILE}/{@code ~/.pgpass} fill what the URL
     * leaves out), then libpq's defaults. {@code db.user}/{@code db.password} win over the URL's.
     */
    public static DatabaseTarget resolve(ShaleSettings settings) throws ConfigurationException {
        Map<String, String> env = settings.environment();
        String url = settings.url();
        String source = "db.url";
        String via = origin(settings, "db.url", "db.url", "from");
        if (url == null || url.isBlank()) {
            url = env.get(Defaults.ENV_DATABASE_URL);
            source = via = Defaults.ENV_DATABASE_URL;
        }
        ConnectionUrl parts;
        boolean fromEnvironment = false;
        if (url == null || url.isBlank()) {
            StringJoiner named = new StringJoiner("/");
            for (String variable : SERVER_VARIABLES) {
                if (present(env.get(variable))) {
                    named.add(variable);
                }
            }
            if (named.length() == 0) {
                throw new ConfigurationException("db.url", "No database given: db.url is not set, nor are the environment"
                        + " variables DATABASE_URL or PGHOST/PGDATABASE.",
                        "pass -Ddb.url=jdbc:postgresql://host:5432/db (or postgres://user@host/db, or embedded for a local"
                                + " server under target/), set <url> in the plugin configuration, or export DATABASE_URL");
            }
            source = via = named.toString();
            parts = ConnectionUrl.empty();
            fromEnvironment = true;
        } else {
            url = url.trim();
            if (url.equals("embedded") || url.startsWith("embedded:")) {
                return embedded(settings, url.equals("embedded") ? "" : url.substring("embedded:".length()), source, via);
            }
            if (url.startsWith(DOCKER_PREFIX)) {
                return container(url.substring(DOCKER_PREFIX.length()), source, via);
            }
            if (url.startsWith("jdbc:postgresql:")) {
                parts = ConnectionUrl.jdbc(url, source);
            } else if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
                parts = ConnectionUrl.libpq(url, source);
            } else {
                int colon = url.indexOf(':');
                throw new ConfigurationException(source, source + " is not a PostgreSQL URL"
                        + (colon > 0 && colon < 20 ? " (it starts with " + url.substring(0, colon + 1) + ")" : "") + ".",
                        "use jdbc:postgresql://host:5432/db, postgres://user@host:5432/db?sslmode=require (password in"
                                + " db.password or db.serverId), embedded[:dir], or docker:IMAGE (e.g. docker:postgres:16)");
            }
        }
        return complete(settings, parts, source, via, fromEnvironment);
    }

    /** Fills what the URL leaves out from the settings, a service file and the libpq environment; checks the result. */
    private static DatabaseTarget complete(ShaleSettings settings, ConnectionUrl parts, String source, String via,
                                           boolean fromEnvironment) throws ConfigurationException {
        Map<String, String> env = settings.environment();
        StringJoiner extras = new StringJoiner(", ", ", ", "").setEmptyValue("");
        String service = parts.params.remove("service");
        if (service == null && !parts.jdbc()) {
            service = env.get("PGSERVICE");
        }
        if (service != null && !parts.jdbc()) {
            Map<String, String> values = PgService.read(serviceFiles(env), service);
            if (values == null) {
                throw new ConfigurationException(source, "The connection service " + service + " (" + source
                        + ") is in no service file.", "define [" + service + "] in ~/.pg_service.conf or in the file that"
                        + " PGSERVICEFILE names");
            }
            extras.add("service " + service);
            parts.hosts = present(parts.hosts) ? parts.hosts : values.get("host");
            parts.port = parts.port != null ? parts.port : values.get("port");
            parts.database = parts.database != null ? parts.database : values.get("dbname");
            parts.user = parts.user != null ? parts.user : values.get("user");
            parts.password = parts.password != null ? parts.password : values.get("password");
            values.forEach((k, v) -> {
                if (!SERVICE_KEYS.contains(k)) {
                    parts.params.putIfAbsent(k, v);
                }
            });
        }
        String user = settings.user();
        if (user != null) {
            String from = origin(settings, "db.user", "db.user", "in");
            if (!from.equals(via)) {
                extras.add("user from " + from);
            }
        } else if (parts.user != null) {
            user = parts.user;
        } else if (present(env.get("PGUSER"))) {
            user = env.get("PGUSER");
            extras.add("user from PGUSER");
        }
        String jdbcUrl;
        if (parts.jdbc()) {
            jdbcUrl = parts.jdbcBase;
            if (present(env.get("PGSSLMODE")) && !jdbcUrl.contains("sslmode=") && !jdbcUrl.contains("ssl=")) {
                jdbcUrl += (jdbcUrl.contains("?") ? "&" : "?") + "sslmode=" + encode(env.get("PGSSLMODE"));
                extras.add("sslmode from PGSSLMODE");
            }
        } else {
            String hosts = present(parts.hosts) ? parts.hosts
                    : present(env.get("PGHOST")) ? env.get("PGHOST") : present(env.get("PGHOSTADDR")) ? env.get("PGHOSTADDR") : "localhost";
            if (hosts.startsWith("/")) {
                throw new ConfigurationException(source, source + " names a Unix socket directory (" + hosts
                        + "), which the JDBC driver cannot use.", "connect over TCP: PGHOST=localhost, or postgres://user@localhost:5432/db");
            }
            String port = parts.port != null ? parts.port : env.get("PGPORT");
            if (present(port) && !hosts.matches(".*:[0-9]+$")) {
                hosts = hosts + ":" + port;
            }
            String database = parts.database != null ? parts.database : present(env.get("PGDATABASE")) ? env.get("PGDATABASE")
                    : user != null ? user : "postgres";
            if (!parts.params.containsKey("sslmode") && present(env.get("PGSSLMODE"))) {
                parts.params.put("sslmode", env.get("PGSSLMODE"));
                if (!fromEnvironment) {
                    extras.add("sslmode from PGSSLMODE");
                }
            }
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(encodePath(database));
            StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
            parts.params.forEach((k, v) -> query.add(LIBPQ_TO_JDBC.getOrDefault(k, k) + "=" + encode(v)));
            jdbcUrl = jdbc.append(query).toString();
        }
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new ConfigurationException(source, source + " is not a URL the JDBC driver can read: "
                    + Passwords.mask(jdbcUrl) + " (its password left out).", "see https://jdbc.postgresql.org/documentation/use/#connecting-to-the-database");
        }
        String password = settings.password();
        if (password != null) {
            if (!"db:start".equals(settings.origins().get("db.password"))) { // "via db:start" says it already
                extras.add("password from " + origin(settings, "db.password", "db.password", "in"));
            }
        } else if (parts.password != null) {
            password = parts.password;
        } else if (env.get("PGPASSWORD") != null) {
            password = env.get("PGPASSWORD");
            extras.add("password from PGPASSWORD");
        } else {
            Path file = passFile(env);
            String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
            String port = parsed.getProperty("PGPORT", "5432").split(",")[0];
            password = PgPass.password(file, host, port, parsed.getProperty("PGDBNAME", ""),
                    user != null ? user : System.getProperty("user.name"));
            if (password != null) {
                extras.add("password from " + (present(env.get("PGPASSFILE")) ? "PGPASSFILE" : "~/.pgpass"));
            }
        }
        return new DatabaseTarget(jdbcUrl, user, password, null, source, via + extras);
    }

    /**
     * Where a setting came from, as the front end told: "db.url from the command line", "db.user in the POM",
     * "&lt;server&gt; prod"; just its name when the front end did not say.
     */
    private static String origin(ShaleSettings settings, String property, String name, String preposition) {
        String where = settings.origins().get(property);
        if (where == null) {
            return name;
        }
        if (where.startsWith("<") || where.startsWith("db:")) {
            return where; // "<server> prod", "db:start"
        }
        return name + " " + (preposition.equals("in") && where.equals("the command line") ? "on" : preposition) + " " + where;
    }

    private static List<Path> serviceFiles(Map<String, String> env) {
        List<Path> files = new ArrayList<>();
        if (present(env.get("PGSERVICEFILE"))) {
            files.add(Path.of(env.get("PGSERVICEFILE")));
        } else {
            files.add(home(env).resolve(".pg_service.conf"));
        }
        if (present(env.get("PGSYSCONFDIR"))) {
            files.add(Path.of(env.get("PGSYSCONFDIR"), "pg_service.conf"));
        }
        return files;
    }

    private static Path passFile(Map<String, String> env) {
        return present(env.get("PGPASSFILE")) ? Path.of(env.get("PGPASSFILE")) : home(env).resolve(".pgpass");
    }

    private static Path home(Map<String, String> env) {
        return Path.of(present(env.get("HOME")) ? env.get("HOME") : System.getProperty("user.home"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static DatabaseTarget embedded(ShaleSettings settings, String dir, String source, String via) {
        Path base = settings.projectDirectory() == null ? Path.of("").toAbsolutePath() : settings.projectDirectory();
        Path data = dir.isBlank() ? base.resolve(Defaults.EMBEDDED_DATA_DIRECTORY) : base.resolve(dir);
        return new DatabaseTarget(null, "postgres", null, data.toAbsolutePath().normalize(), source, via);
    }

    /** {@code docker:IMAGE}: checked here, started by the verb that connects (Testcontainers is needed only then). */
    private static DatabaseTarget container(String image, String source, String via) throws ConfigurationException {
        String trimmed = image.strip();
        if (!ImageReference.valid(trimmed)) {
            throw DockerPostgres.invalidImage(source, image);
        }
        return new DatabaseTarget(null, null, null, null, source, via, trimmed);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String encodePath(String database) {
        return URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + describe() + ", user=" + user + "]";
    }
}
