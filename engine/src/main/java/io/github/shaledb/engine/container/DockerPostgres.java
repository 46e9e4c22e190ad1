package io.github.shaledb.engine.container;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A PostgreSQL server in a Docker container of any image compatible with the official {@code postgres} one
 * ({@code postgres:16}, {@code pgvector/pgvector:pg16}, {@code postgis/postgis:16-3.4}), started through
 * Testcontainers and removed by {@link #close()}. Should the JVM die first, Testcontainers' reaper (Ryuk) removes it
 * unless {@code TESTCONTAINERS_RYUK_DISABLED=true}.
 * <p>
 * Testcontainers ({@code org.testcontainers:testcontainers-postgresql}) is an optional dependency of the engine: this
 * class names none of its types, so it loads without it, and {@link #start} says which dependency to add.
 */
public final class DockerPostgres implements AutoCloseable {
    /** The official image's superuser, which every compatible image keeps. */
    static final String USER = "postgres";
    private static final String CONTAINER_CLASS = "org.testcontainers.postgresql.PostgreSQLContainer";
    private static final String DEPENDENCY = "org.testcontainers:testcontainers-postgresql";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String image;
    private final TestcontainersServer server;
    private final String password;
    private final String serverVersion;
    // Read once: Testcontainers answers the mapped port only while the container runs, and db:stop describes the
    // server it has just stopped.
    private final String host;
    private final int port;

    private DockerPostgres(String image, TestcontainersServer server, String password, String serverVersion) {
        this.image = image;
        this.server = server;
        this.password = password;
        this.serverVersion = serverVersion;
        this.host = server.host();
        this.port = server.port();
    }

    /** {@link #start(String, String, Consumer)} for {@code db.url}. */
    public static DockerPostgres start(String image, Consumer<String> log) throws ShaleException {
        return start(image, "db.url", log);
    }

    /**
     * Starts a container of {@code image} (pulling it when Docker lacks it) and waits until the server accepts
     * connections.
     *
     * @param parameter the setting that asked for it, for messages: {@code db.url}, {@code db.shadowUrl}
     * @param log receives progress lines (pulling, started), for the caller's debug output
     */
    public static DockerPostgres start(String image, String parameter, Consumer<String> log) throws ShaleException {
        String spec = parameter + "=docker:" + image;
        if (!ImageReference.valid(image)) {
            throw invalidImage(parameter, image);
        }
        requireTestcontainers(parameter, spec);
        TestcontainersLogging.quiet();
        String unavailable = TestcontainersServer.dockerUnavailable();
        if (unavailable != null) {
            // An engine that answers but cannot be used (set-up inside a container) is not "none was found".
            String found = unavailable.startsWith(DockerEnvironment.SET_UP_FAILED) ? "Docker could not be used"
                    : "none was found";
            throw new EnvironmentException(spec + " needs a Docker engine, and " + found + " (" + unavailable + ").",
                    withoutDocker(parameter) + (parameter.equals("db.start.server") ? ""
                            : (parameter.equals("db.shadowUrl") ? ", or set it to jdbc:postgresql://…"
                            : ", or db.shadowUrl=jdbc:postgresql://…") + " to a server that has the extensions your"
                            + " schema needs"), null);
        }
        String password = HexFormat.of().formatHex(bytes());
        log.accept("Starting a container of " + image + " (Testcontainers)");
        TestcontainersServer server = TestcontainersServer.start(image, USER, password, spec);
        try {
            String version = readServerVersion(server.jdbcUrl("postgres"), password);
            log.accept("Container of " + image + " runs PostgreSQL " + version + " at " + server.host() + ":"
                    + server.port());
            return new DockerPostgres(image, server, password, version);
        } catch (SQLException e) {
            server.stop();
            throw new EnvironmentException("The container of " + image + " (" + spec + ") started, but its server does"
                    + " not answer: " + e.getMessage(), "check that the image runs PostgreSQL as the official postgres"
                    + " image does (POSTGRES_PASSWORD, port 5432)", e);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    /**
     * Why no container can be started here, in a line ("Testcontainers is not on the class path", "Could not find a
     * valid Docker environment: DOCKER_HOST is unset and /var/run/docker.sock does not exist"); null when Docker
     * answers. For callers that choose another server, or tests that skip, when Docker is absent.
     */
    public static String unavailableReason() {
        try {
            Class.forName(CONTAINER_CLASS, false, DockerPostgres.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "Testcontainers is not on the class path";
        }
        TestcontainersLogging.quiet();
        return TestcontainersServer.dockerUnavailable();
    }

    private static byte[] bytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A bad {@code docker:} URL: empty, or not an image reference Docker accepts. */
    public static ConfigurationException invalidImage(String parameter, String image) {
        String shown = image == null || image.isBlank() ? "no image" : "'" + image + "', not a Docker image reference";
        return new ConfigurationException(parameter, parameter + "=docker: names " + shown + ".",
                "name the image and tag after docker:, e.g. " + parameter + "=docker:postgres:16,"
                        + " docker:pgvector/pgvector:pg16 or docker:postgis/postgis:16-3.4");
    }

    /** The server that needs no Docker: the embedded one. */
    private static String withoutDocker(String parameter) {
        if (parameter.equals("db.start.server")) {
            return "use db.start.server=embedded (the default) for a server without Docker";
        }
        return parameter.equals("db.shadowUrl") ? "leave db.shadowUrl unset for a temporary embedded server without Docker"
                : "use " + parameter + "=embedded for a local server without Docker";
    }

    private static void requireTestcontainers(String parameter, String spec) throws ConfigurationException {
        try {
            Class.forName(CONTAINER_CLASS, false, DockerPostgres.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(parameter, spec + " needs Testcontainers, which is not on the class path"
                    + " (the Shale engine declares it optional; the Maven plugin brings it).",
                    "add the dependency " + DEPENDENCY + " (2.0.4 or later) next to shale-engine, or "
                            + withoutDocker(parameter));
        }
    }

    private static String readServerVersion(String jdbcUrl, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection(jdbcUrl, props);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1).strip().split(" ")[0];
        }
    }

    /** The image the container runs, as given: {@code postgres:16}. */
    public String image() {
        return image;
    }

    /** The host the container's port is reached on (the Docker host). */
    public String host() {
        return host;
    }

    /** The host port mapped to the container's 5432. */
    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    /** A random password, new for each container. */
    public String password() {
        return password;
    }

    /** The server's version, {@code 16.4}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** {@code jdbc:postgresql://host:port/database}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) throws EnvironmentException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", password);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), props);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '"
                    + database.replace("'", "''") + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
        } catch (SQLException e) {
            throw new EnvironmentException("Cannot create the database " + database + " in the container of " + image
                    + ": " + e.getMessage(), null, e);
        }
    }

    /** Stops and removes the container. */
    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "container " + image + " at " + host() + ":" + port();
    }
}
