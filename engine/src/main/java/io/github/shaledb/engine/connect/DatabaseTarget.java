package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.Passwords;
import io.github.shaledb.engine.api.ShaleSettings;
import org.postgresql.Driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Where to connect, resolved from {@code db.url} (or {@code DATABASE_URL}) and the credentials.
 * Either a JDBC URL with user and password, or the embedded server's data directory.
 */
public record DatabaseTarget(String jdbcUrl, String user, String password, Path embeddedDataDirectory,
                             String source) {

    /** libpq parameters and their pgjdbc names; anything else is passed through unchanged. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType",
            "sslpassword", "sslpassword");

    public boolean embedded() {
        return embeddedDataDirectory != null;
    }

    /** {@code host:port/database}, for messages about connecting; the masked URL when it cannot be read. */
    public String address() {
        if (embedded() && jdbcUrl == null) {
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
        return new DatabaseTarget(withDatabase(jdbcUrl, database), user, password, null, source);
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

    /** The URL with any password masked, for messages. */
    public String describe() {
        return embedded() ? "embedded server at " + embeddedDataDirectory : Passwords.mask(jdbcUrl);
    }

    public static DatabaseTarget resolve(ShaleSettings settings) throws ConfigurationException {
        String url = settings.url();
        String source = "db.url";
        if (url == null || url.isBlank()) {
            url = settings.environment().get(Defaults.ENV_DATABASE_URL);
            source = Defaults.ENV_DATABASE_URL;
        }
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("db.url", "No database given: db.url is not set and neither is the environment variable DATABASE_URL.",
                    "pass -Ddb.url=jdbc:postgresql://host:5432/db (or postgres://user@host/db, or embedded for a local server "
                            + "under target/), set <url> in the plugin configuration, or export DATABASE_URL");
        }
        url = url.trim();
        if (url.equals("embedded") || url.startsWith("embedded:")) {
            return embedded(settings, url.equals("embedded") ? "" : url.substring("embedded:".length()), source);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseTarget(url, settings.user(), settings.password(), null, source);
        }
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            return fromLibpq(settings, url, source);
        }
        throw new ConfigurationException(source, source + " is not a PostgreSQL URL: " + Passwords.mask(url),
                "use jdbc:postgresql://host:5432/db, postgres://user@host:5432/db?sslmode=require (password in db.password or db.serverId), or embedded[:dir]");
    }

    private static DatabaseTarget embedded(ShaleSettings settings, String dir, String source) {
        Path base = settings.projectDirectory() == null ? Path.of("").toAbsolutePath() : settings.projectDirectory();
        Path data = dir.isBlank() ? base.resolve(Defaults.EMBEDDED_DATA_DIRECTORY) : base.resolve(dir);
        return new DatabaseTarget(null, "postgres", null, data.toAbsolutePath().normalize(), source);
    }

    private static DatabaseTarget fromLibpq(ShaleSettings settings, String url, String source) throws ConfigurationException {
        String rest = url.substring(url.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
        }
        int slash = rest.indexOf('/');
        String hosts = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1)) : "";
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            switch (key) {
                case "user" -> user = value;
                case "password" -> password = value;
                case "dbname" -> database = value;
                case "host" -> {
                    if (value.startsWith("/")) {
                        throw new ConfigurationException(source, source + " names a Unix socket directory (" + value
                                + "), which the JDBC driver cannot use.", "connect over TCP: postgres://user@localhost:5432/db");
                    }
                    hosts = value;
                }
                case "port" -> hosts = hosts.contains(":") ? hosts : hosts + ":" + value;
                default -> params.put(LIBPQ_TO_JDBC.getOrDefault(key, key), value);
            }
        }
        if (hosts.isEmpty()) {
            hosts = "localhost";
        }
        if (database.isEmpty()) {
            database = user != null ? user : "postgres";
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hosts).append('/').append(encodePath(database));
        if (!params.isEmpty()) {
            StringJoiner joined = new StringJoiner("&", "?", "");
            params.forEach((k, v) -> joined.add(k + "=" + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
            jdbc.append(joined);
        }
        // Explicit db.user / db.password win over what the URL carries.
        return new DatabaseTarget(jdbc.toString(),
                settings.user() != null ? settings.user() : user,
                settings.password() != null ? settings.password() : password,
                null, source);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encodePath(String database) {
        return java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + describe() + ", user=" + user + "]";
    }
}
