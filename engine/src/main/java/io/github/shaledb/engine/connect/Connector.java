package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;

import javax.net.ssl.SSLHandshakeException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Opens the one dedicated connection a verb uses. Retries transient faults only — the network (refused,
 * reset, unknown host while DNS settles, no route, timeout: an I/O error under the driver's) and a server
 * that is starting, stopping or full (57P03, 53300) — {@code retries} times, retry n after n × {@code retryDelay}.
 * Configuration, credentials and a missing database fail at once, naming the parameter to fix.
 */
public final class Connector {
    /** Seconds a TCP connect, and then each read while logging in, may take before the attempt counts as failed. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    static final int LOGIN_TIMEOUT_SECONDS = 20;
    /** The longest one attempt can take: what a thread waiting for a connecting one must allow. */
    public static final Duration LONGEST_ATTEMPT = Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS + LOGIN_TIMEOUT_SECONDS + 5);
    /** Databases every server has, to connect to when the target's database is still to be created. */
    private static final List<String> MAINTENANCE_DATABASES = List.of("postgres", "template1");

    private final ShaleListener listener;
    private final int retries;
    private final Duration retryDelay;
    private final boolean createDatabase;

    /**
     * @param retries attempts after the first on a transient fault ({@code db.connectRetries})
     * @param retryDelay the wait before the first retry; retry n waits n times that ({@code db.connectRetryDelay})
     * @param createDatabase whether a missing database is created ({@code db.createDatabase})
     */
    public Connector(ShaleListener listener, int retries, Duration retryDelay, boolean createDatabase) {
        this.listener = listener;
        this.retries = retries;
        this.retryDelay = retryDelay;
        this.createDatabase = createDatabase;
    }

    /** The driver properties every Shale connection starts from: credentials and the application's name. */
    public static Properties properties(DatabaseTarget target, String applicationName) {
        Properties props = new Properties();
        if (target.user() != null) {
            props.setProperty("user", target.user());
        }
        if (target.password() != null) {
            props.setProperty("password", target.password());
        }
        props.setProperty("ApplicationName", applicationName);
        return props;
    }

    public Connection connect(DatabaseTarget target, String applicationName) throws ShaleException {
        boolean created = false;
        int attempts = 1 + retries;
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(target, applicationName);
            } catch (SQLException e) {
                String reason = reason(e, target);
                if ("3D000".equals(e.getSQLState()) && createDatabase && !created) {
                    create(target, applicationName);
                    created = true;
                    attempt--; // the database is there now; this was no failed attempt
                    continue;
                }
                if (!isTransient(e)) {
                    throw permanentFailure(target, e, reason);
                }
                if (attempt >= attempts) {
                    throw new EnvironmentException("Could not connect to " + target.address() + " after " + attempts
                            + (attempts == 1 ? " attempt" : " attempts") + ": " + reason + " (SQLSTATE " + e.getSQLState() + ")",
                            "check that the server is running and reachable from this machine and the host and port in "
                                    + target.source() + "; -Ddb.connectRetries and -Ddb.connectRetryDelay give a server"
                                    + " that is starting more time", e);
                }
                Duration wait = retryDelay.multipliedBy(attempt);
                listener.onEvent(ShaleEvent.warn("Connection attempt " + attempt + " of " + attempts + " to "
                        + target.address() + " failed: " + reason + " (SQLSTATE " + e.getSQLState() + "); retrying in "
                        + format(wait)));
                sleep(wait, target);
            }
        }
    }

    /** One attempt; a login that hangs ends after {@link #LOGIN_TIMEOUT_SECONDS} unless the URL sets its own socketTimeout. */
    private static Connection attempt(DatabaseTarget target, String applicationName) throws SQLException {
        Properties props = properties(target, applicationName);
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("tcpKeepAlive", "true");
        // One round trip per statement; the error position is relative to exactly the text we sent.
        props.setProperty("preferQueryMode", "simple");
        boolean loginTimeout = !target.jdbcUrl().contains("socketTimeout=");
        if (loginTimeout) {
            props.setProperty("socketTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        }
        Connection connection = DriverManager.getConnection(target.jdbcUrl(), props);
        if (loginTimeout) {
            // Migrations may run for long: no read timeout once logged in (the driver ignores the executor).
            connection.setNetworkTimeout(null, 0);
        }
        return connection;
    }

    /**
     * A fault that may pass by itself: an I/O error under the driver's (refused, reset, unknown host, no route,
     * timeout, end of stream) or a server starting, stopping or out of connection slots. Not an invalid setting
     * (the driver's 08001 without an I/O cause), a certificate the client rejects, a missing key file,
     * credentials or a missing database.
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if ("57P03".equals(state) || "53300".equals(state)) {
            return true;
        }
        if (state != null && !state.startsWith("08")) {
            return false;
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException || cause instanceof FileNotFoundException
                    || cause instanceof FileSystemException) {
                return false;
            }
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private ShaleException permanentFailure(DatabaseTarget target, SQLException e, String reason) {
        String state = String.valueOf(e.getSQLState());
        String where = target.address();
        String credentials = "db.user and db.password (-Ddb.user=… -Ddb.password=…, or the settings.xml <server> named by"
                + " db.serverId" + (target.source().equals("db.url") ? "" : ", or the user info in " + target.source()) + ")";
        return switch (state) {
            case "28P01" -> new ConfigurationException("db.password", "The server at " + where
                    + " refused the password of user " + target.user() + ": " + reason + " (SQLSTATE 28P01)",
                    "check " + credentials, e);
            case "28000" -> new ConfigurationException("db.user", "The server at " + where + " refused user "
                    + target.user() + ": " + reason + " (SQLSTATE 28000)",
                    "check " + credentials + ", and that the server's pg_hba.conf lets this user in from this machine", e);
            case "08004" -> new ConfigurationException("db.password", "The server at " + where + " asks user "
                    + target.user() + " for a password, and none was given: " + reason + " (SQLSTATE 08004)",
                    "set " + credentials, e);
            case "3D000" -> new ConfigurationException(target.source(), "The database " + target.databaseName()
                    + " does not exist on " + target.hostAndPort() + ": " + reason + " (SQLSTATE 3D000)",
                    "pass -Ddb.createDatabase=true to create it, create it beforehand (createdb "
                            + target.databaseName() + "), or fix the database name in " + target.source(), e);
            default -> new ConfigurationException(target.source(), "Could not connect to " + where + ": " + reason
                    + " (SQLSTATE " + state + "). This is not a network fault, so it was not retried.",
                    "check the parameters in " + target.source()
                            + " (see https://jdbc.postgresql.org/documentation/use/#connection-parameters) and "
                            + credentials, e);
        };
    }

    /**
     * Creates the target's database through a maintenance database of the same server with the same credentials;
     * one that a concurrent run created meanwhile is fine.
     */
    private void create(DatabaseTarget target, String applicationName) throws ShaleException {
        String name = target.databaseName();
        SQLException last = null;
        for (String maintenance : MAINTENANCE_DATABASES) {
            if (maintenance.equals(name)) {
                continue;
            }
            Connection c;
            try {
                c = attempt(target.withDatabase(maintenance), applicationName);
            } catch (SQLException e) {
                last = e;
                if ("3D000".equals(e.getSQLState()) || "42501".equals(e.getSQLState())) {
                    continue; // no such database, or no CONNECT privilege on it: the next one
                }
                break;
            }
            try (c; Statement s = c.createStatement()) {
                s.execute("create database " + quote(name));
                listener.onEvent(ShaleEvent.info("Created database " + name + " on " + target.hostAndPort()));
                return;
            } catch (SQLException e) {
                if ("42P04".equals(e.getSQLState()) || "23505".equals(e.getSQLState())) {
                    return; // a concurrent run created it (23505 when both got past the existence check)
                }
                if ("42501".equals(e.getSQLState())) {
                    throw new ConfigurationException("db.createDatabase", "The database " + name + " does not exist on "
                            + target.hostAndPort() + ", and user " + target.user() + " may not create it: "
                            + reason(e, target) + " (SQLSTATE 42501)",
                            "grant the user CREATEDB (ALTER ROLE " + target.user() + " CREATEDB) or create the database"
                                    + " beforehand (createdb " + name + ")", e);
                }
                last = e;
                break;
            }
        }
        String reason = last == null ? "no maintenance database to connect to" : reason(last, target) + " (SQLSTATE "
                + last.getSQLState() + ")";
        throw new EnvironmentException("The database " + name + " does not exist on " + target.hostAndPort()
                + " and could not be created (db.createDatabase) through its postgres or template1 database: " + reason,
                "create the database beforehand (createdb " + name + ")", last);
    }

    private static String reason(SQLException e, DatabaseTarget target) {
        return e.getMessage(); // the driver's messages name no password: it travels apart from the URL
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void sleep(Duration d, DatabaseTarget target) throws EnvironmentException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting to connect to " + target.address() + " again.",
                    null, e);
        }
    }
}
