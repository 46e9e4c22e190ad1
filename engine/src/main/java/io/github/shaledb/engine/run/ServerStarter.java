package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.StartRequest;
import io.github.shaledb.engine.api.StartResult;
import io.github.shaledb.engine.api.StopResult;
import io.github.shaledb.engine.server.BuildServer;
import io.github.shaledb.engine.server.BuildServers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/** {@code db:start} and {@code db:stop}: a PostgreSQL for the build's integration tests, with a fresh database. */
public final class ServerStarter {
    private static final int MAX_NAME_BYTES = 63;
    private static final Set<String> RESERVED = Set.of("postgres", "template0", "template1");

    private final ShaleListener listener;

    public ServerStarter(ShaleListener listener) {
        this.listener = listener;
    }

    public StartResult start(RunSettings settings, StartRequest request) throws ShaleException {
        long started = System.nanoTime();
        String kind = kind(request);
        Path data = dataDirectory(settings, request);
        String database = database(request);
        String key = BuildServers.key(kind, data);
        synchronized (BuildServers.lock(key)) {
            BuildServers.Lease lease = BuildServers.acquire(key, kind, data, request.users(), database,
                    () -> TargetVersion.binaries(settings, TargetVersion.configuredBinariesVersion(settings)),
                    // A container's start says so at info: pulling an image can take minutes, which a quiet build hides.
                    line -> listener.onEvent(kind.startsWith("docker:") ? ShaleEvent.info(line) : ShaleEvent.debug(line)),
                    line -> listener.onEvent(ShaleEvent.warn(line)));
            BuildServer server = lease.server();
            if (lease.recovered() != null) {
                listener.onEvent(ShaleEvent.warn(lease.recovered()));
            }
            try {
                String version = recreate(server, database);
                String url = server.jdbcUrl(database);
                String jdbcUrl = url + "?user=" + encode(server.user())
                        + (server.password().isEmpty() ? "" : "&password=" + encode(server.password()));
                return new StartResult(server.host(), server.port(), server.user(), server.password(), database, url,
                        jdbcUrl, version, kind.equals(Defaults.START_SERVER) ? data : null, lease.joined(),
                        lease.recovered(), (System.nanoTime() - started) / 1_000_000);
            } catch (ShaleException | RuntimeException e) {
                BuildServers.forget(key, database);
                BuildServers.release(key);
                throw e;
            }
        }
    }

    public StopResult stop(RunSettings settings, StartRequest request) throws ConfigurationException {
        String key = BuildServers.key(kind(request), dataDirectory(settings, request));
        BuildServers.Released released;
        // Under the key's lock: a module starting meanwhile waits until the server has stopped and freed its directory.
        synchronized (BuildServers.lock(key)) {
            released = BuildServers.release(key);
        }
        if (released == null) {
            return new StopResult(false, false, 0, null);
        }
        return new StopResult(true, released.stopped(), released.remaining(), released.description());
    }

    /** The database name db:start uses: {@code db.start.database}, else one derived from {@code name}. */
    static String database(StartRequest request) throws ConfigurationException {
        String given = request.database();
        if (given != null && !given.isBlank()) {
            given = given.strip();
            if (given.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES || RESERVED.contains(given)) {
                throw new ConfigurationException("db.start.database", "db.start.database=" + given + " cannot be"
                        + " recreated for each build (" + (RESERVED.contains(given) ? "the server needs it"
                        : "PostgreSQL names have at most 63 bytes") + ")", "choose another name, e.g. the artifactId");
            }
            return given;
        }
        String name = request.name() == null ? "" : request.name().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            name = "app";
        } else if (Character.isDigit(name.charAt(0))) {
            name = "db_" + name;
        }
        if (name.length() > MAX_NAME_BYTES) {
            name = name.substring(0, MAX_NAME_BYTES);
        }
        return RESERVED.contains(name) ? name + "_it" : name;
    }

    private static String kind(StartRequest request) {
        return request.server() == null || request.server().isBlank() ? Defaults.START_SERVER : request.server().strip();
    }

    private static Path dataDirectory(RunSettings settings, StartRequest request) {
        Path data = request.dataDirectory() != null ? settings.projectDirectory().resolve(request.dataDirectory())
                : settings.projectDirectory().resolve(Defaults.START_DATA_DIRECTORY);
        return data.toAbsolutePath().normalize();
    }

    /** Drops and creates the database (faster than a fresh data directory); returns the server's version. */
    private String recreate(BuildServer server, String database) throws EnvironmentException {
        Properties properties = new Properties();
        properties.setProperty("user", server.user());
        if (!server.password().isEmpty()) {
            properties.setProperty("password", server.password());
        }
        properties.setProperty("ApplicationName", Defaults.APPLICATION_NAME + " db:start");
        long started = System.nanoTime();
        // The driver directly: DriverManager cannot see drivers in a Maven plugin's class realm.
        try (Connection c = new org.postgresql.Driver().connect(server.jdbcUrl("postgres"), properties);
             Statement st = c.createStatement()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            String quoted = "\"" + database.replace("\"", "\"\"") + "\"";
            if (exists) {
                // FORCE (PostgreSQL 13+) ends sessions a killed build's tests may have left.
                st.execute("drop database " + quoted + (c.getMetaData().getDatabaseMajorVersion() >= 13 ? " with (force)" : ""));
            }
            st.execute("create database " + quoted);
            listener.onEvent(ShaleEvent.debug((exists ? "Recreated" : "Created") + " the database " + database + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms"));
            return c.getMetaData().getDatabaseProductVersion().strip().split(" ")[0];
        } catch (SQLException e) {
            throw new EnvironmentException("Could not create the database " + database + " on the PostgreSQL of"
                    + " db:start at " + server.description() + ": " + e.getMessage(), server.whereToLook(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
