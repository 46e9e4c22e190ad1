package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.Passwords;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens the one dedicated connection a verb uses. Retries transient failures only (connection
 * refused or reset, unknown host, SQLSTATE class 08, 57P03, 53300); everything else fails at once.
 */
public final class Connector {
    static final int ATTEMPTS = 3;
    private final Duration firstBackoff;
    private final ShaleListener listener;

    public Connector(ShaleListener listener) {
        this(listener, Duration.ofSeconds(1));
    }

    Connector(ShaleListener listener, Duration firstBackoff) {
        this.listener = listener;
        this.firstBackoff = firstBackoff;
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
        Properties props = properties(target, applicationName);
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        // One round trip per statement; the error position is relative to exactly the text we sent.
        props.setProperty("preferQueryMode", "simple");
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return DriverManager.getConnection(target.jdbcUrl(), props);
            } catch (SQLException e) {
                String reason = Passwords.scrub(e.getMessage(), target.password());
                if (!isTransient(e)) {
                    throw permanentFailure(target, e, reason);
                }
                if (attempt == ATTEMPTS) {
                    throw new EnvironmentException("Could not connect to " + target.describe() + " after " + ATTEMPTS
                            + " attempts: " + reason + " (SQLSTATE " + e.getSQLState() + ")",
                            "check that the server is running and reachable from this machine, and the host and port in "
                                    + target.source(), null);
                }
                listener.onEvent(ShaleEvent.warn("Connection attempt " + attempt + " of " + ATTEMPTS + " to "
                        + target.describe() + " failed (" + reason + "); retrying in " + backoff.toMillis() + " ms"));
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.equals("57P03") || state.equals("53300");
    }

    private static ShaleException permanentFailure(DatabaseTarget target, SQLException e, String reason) {
        String state = String.valueOf(e.getSQLState());
        String where = target.describe();
        if (state.equals("28P01") || state.equals("28000")) {
            return new ConfigurationException("db.user", "The server at " + where + " refused the credentials: " + reason
                    + " (SQLSTATE " + state + ")",
                    "check db.user and db.password (or the settings.xml <server> named by db.serverId, or the user info in "
                            + target.source() + ")");
        }
        if (state.equals("3D000")) {
            return new ConfigurationException(target.source(), "The database in " + where + " does not exist: " + reason,
                    "create it (createdb) or fix the database name in " + target.source());
        }
        return new ConfigurationException(target.source(), "Could not connect to " + where + ": " + reason
                + " (SQLSTATE " + state + ")", "check " + target.source() + " and the credentials");
    }

    private static void sleep(Duration d) throws EnvironmentException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while waiting to reconnect", null, e);
        }
    }
}
