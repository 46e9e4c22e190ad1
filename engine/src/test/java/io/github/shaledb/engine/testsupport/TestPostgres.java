package io.github.shaledb.engine.testsupport;

import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server per JVM for the tests, and a fresh database per test. The server is the
 * embedded one (version from {@code -Dpg.version} through the binaries test dependency), started on
 * first use and stopped by a shutdown hook; or, when env {@code SHALE_TEST_DB_URL} is set (with
 * optional {@code SHALE_TEST_DB_USER}/{@code SHALE_TEST_DB_PASSWORD}), that external server.
 *
 * <p>As a JUnit extension, {@code @ExtendWith(TestPostgres.class)}, it resolves {@link TestDatabase}
 * parameters and drops each database after its test. Without JUnit, {@link #newDatabase()}.
 */
public final class TestPostgres implements ParameterResolver {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestPostgres.class);

    private static Server server;

    /** Where databases are created: host, port, credentials, and the database to connect to for admin work. */
    private record Server(String host, int port, String user, String password, String adminDatabase, String query) {
        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + query;
        }
    }

    /** A new, empty database; the caller drops it with {@link TestDatabase#close()}. */
    public static TestDatabase newDatabase() {
        Server server = server();
        String name = "test_" + COUNTER.incrementAndGet() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        try (Connection admin = admin(server); Statement statement = admin.createStatement()) {
            // FILE_COPY skips WAL-logging the template's pages (PostgreSQL 15+ defaults to WAL_LOG).
            String strategy = admin.getMetaData().getDatabaseMajorVersion() >= 15 ? " strategy file_copy" : "";
            statement.execute("create database " + name + " template template1" + strategy);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return new TestDatabase(name, server.jdbcUrl(name), server.user(), server.password(), server.host(), server.port());
    }

    static void drop(TestDatabase database) throws SQLException {
        try (Connection admin = admin(server()); Statement statement = admin.createStatement()) {
            if (admin.getMetaData().getDatabaseMajorVersion() >= 13) {
                statement.execute("drop database if exists " + database.name() + " with (force)");
            } else {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                        + database.name() + "'");
                statement.execute("drop database if exists " + database.name());
            }
        }
    }

    /** The server's {@code select version()}. */
    public static String serverVersion() {
        try (Connection admin = admin(server()); Statement statement = admin.createStatement();
             var rows = statement.executeQuery("select version()")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query the test server's version: " + e.getMessage(), e);
        }
    }

    /** Whether the tests run against an external server ({@code SHALE_TEST_DB_URL}). */
    public static boolean external() {
        return System.getenv("SHALE_TEST_DB_URL") != null;
    }

    /**
     * Roles the change cases grant to and write policies for. Roles belong to the server, not to a database,
     * and migrations assume they exist (as production's do), so the test server has them from the start.
     */
    public static final List<String> ROLES = List.of("app_reader", "app_writer", "app_admin");

    private static synchronized Server server() {
        if (server == null) {
            server = external() ? externalServer(System.getenv("SHALE_TEST_DB_URL")) : startEmbedded();
            createRoles(server);
        }
        return server;
    }

    private static void createRoles(Server server) {
        try (Connection admin = admin(server); Statement statement = admin.createStatement()) {
            for (String role : ROLES) {
                statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "')"
                        + " then create role " + role + " nologin; end if; end $$");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test roles " + ROLES + ": " + e.getMessage(), e);
        }
    }

    private static Server startEmbedded() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.start(new EmbeddedPostgres.Options(null, null, null, line -> { }));
        } catch (ShaleException e) {
            throw new IllegalStateException("cannot start the embedded test server: " + e.describe(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "shale-test-postgres-stop"));
        return new Server(postgres.host(), postgres.port(), postgres.user(), null, "postgres", "");
    }

    /** {@code jdbc:postgresql://host[:port]/db[?user=u&password=p&other=x]}; env user/password win. */
    static Server externalServer(String url) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalStateException("SHALE_TEST_DB_URL must look like jdbc:postgresql://host:5432/postgres, not " + url);
        }
        String rest = url.substring("jdbc:postgresql://".length());
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String path = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int slash = path.indexOf('/');
        String hostPort = slash < 0 ? path : path.substring(0, slash);
        String database = slash < 0 || slash == path.length() - 1 ? "postgres" : path.substring(slash + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 || hostPort.endsWith("]") ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 || hostPort.endsWith("]") ? 5432 : Integer.parseInt(hostPort.substring(colon + 1));
        String user = null;
        String password = null;
        List<String> kept = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("user=")) {
                user = URLDecoder.decode(parameter.substring(5), StandardCharsets.UTF_8);
            } else if (parameter.startsWith("password=")) {
                password = URLDecoder.decode(parameter.substring(9), StandardCharsets.UTF_8);
            } else if (!parameter.isEmpty()) {
                kept.add(parameter);
            }
        }
        user = System.getenv().getOrDefault("SHALE_TEST_DB_USER", user == null ? "postgres" : user);
        password = System.getenv().getOrDefault("SHALE_TEST_DB_PASSWORD", password);
        return new Server(host, port, user, password, database, kept.isEmpty() ? "" : "?" + String.join("&", kept));
    }

    private static Connection admin(Server server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(server.adminDatabase()), server.user(), server.password());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        TestDatabase database = newDatabase();
        context.getStore(NAMESPACE).put(database.name(), (ExtensionContext.Store.CloseableResource) database::close);
        return database;
    }
}
