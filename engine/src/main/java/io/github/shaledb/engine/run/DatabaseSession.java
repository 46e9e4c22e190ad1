package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.connect.Connector;
import io.github.shaledb.engine.connect.DatabaseTarget;
import io.github.shaledb.engine.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** The one dedicated connection of a verb, and the embedded server behind it when there is one. */
final class DatabaseSession implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final Connection connection;
    private final ShaleListener listener;

    private DatabaseSession(EmbeddedPostgres server, Connection connection, ShaleListener listener) {
        this.server = server;
        this.connection = connection;
        this.listener = listener;
    }

    static DatabaseSession open(RunSettings settings, ShaleListener listener) throws ShaleException {
        DatabaseTarget target = DatabaseTarget.resolve(settings.raw());
        EmbeddedPostgres server = null;
        if (target.embedded()) {
            listener.onEvent(ShaleEvent.info("Using the embedded PostgreSQL server in " + target.embeddedDataDirectory()));
            server = EmbeddedPostgres.start(new EmbeddedPostgres.Options(target.embeddedDataDirectory(),
                    settings.raw().postgresBinaries(), null, line -> listener.onEvent(ShaleEvent.debug(line))));
            target = new DatabaseTarget(server.jdbcUrl("postgres"), server.user(), null, target.embeddedDataDirectory(),
                    target.source());
        }
        try {
            Connection connection = new Connector(listener).connect(target, settings.applicationName());
            DatabaseSession session = new DatabaseSession(server, connection, listener);
            session.configure(settings);
            return session;
        } catch (ShaleException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    private void configure(RunSettings settings) throws EnvironmentException {
        try (Statement s = connection.createStatement()) {
            Duration statementTimeout = settings.raw().statementTimeout();
            if (statementTimeout != null) {
                s.execute("set statement_timeout = " + statementTimeout.toMillis());
            }
            Duration lockTimeout = settings.raw().lockTimeoutPerStatement();
            if (lockTimeout != null) {
                s.execute("set lock_timeout = " + lockTimeout.toMillis());
            }
            if (serverVersion() >= 140000) {
                detectDeadClient(s);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Could not configure the session: " + e.getMessage(), null, e);
        }
    }

    /** A killed run's backend then notices the dead client within seconds and rolls back, freeing the lock. */
    private void detectDeadClient(Statement s) {
        try {
            s.execute("set client_connection_check_interval = 2000");
        } catch (SQLException e) {
            // Servers on platforms without the needed socket events refuse it; the lock is then freed when the statement ends.
            listener.onEvent(ShaleEvent.debug("client_connection_check_interval not available: " + e.getMessage()));
        }
    }

    int serverVersion() throws SQLException {
        try (Statement s = connection.createStatement();
             var rs = s.executeQuery("select current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.debug("Closing the connection failed: " + e.getMessage()));
        }
        if (server != null) {
            server.close();
        }
    }
}
