package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.StudioRequestException;
import io.github.shaledb.engine.connect.Connector;
import io.github.shaledb.engine.connect.DatabaseTarget;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The studio's connections to its database: one per request at a time, kept for the next request when it is still
 * good, so that pages served at once do not wait for each other and a page does not wait for a new connection.
 */
final class StudioConnections implements AutoCloseable {
    /** Connections kept idle; more are opened while requests overlap and closed when returned. */
    private static final int KEPT = 4;

    private final DatabaseTarget target;
    private final Connector connector;
    private final String applicationName;
    private final Duration statementTimeout;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    StudioConnections(DatabaseTarget target, Connector connector, String applicationName, Duration statementTimeout) {
        this.target = target;
        this.connector = connector;
        this.applicationName = applicationName;
        this.statementTimeout = statementTimeout;
    }

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException, ShaleException;
    }

    /** Runs {@code work} in a read-only transaction with the statement timeout, then rolls it back. */
    <T> T readOnly(Work<T> work) throws ShaleException {
        return inTransaction(true, false, true, work);
    }

    /**
     * Runs {@code work} in a transaction with the statement timeout: read-only or not, committed only when
     * {@code commit} is true and the work returned normally; rolled back otherwise. A connection that ran the
     * user's own SQL is not {@code kept}: a session setting or a prepared statement of theirs must not outlive it.
     */
    <T> T inTransaction(boolean readOnly, boolean commit, boolean keep, Work<T> work) throws ShaleException {
        Connection c = borrow();
        boolean good = false;
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(readOnly ? "set transaction read only" : "set transaction read write");
                s.execute("set local statement_timeout = " + statementTimeout.toMillis());
                // A first query takes the transaction's snapshot: a statement run next can no longer make it read-write.
                s.execute("select 1");
            }
            T result = work.run(c);
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
            good = keep;
            return result;
        } catch (SQLException e) {
            rollbackQuietly(c);
            good = keep && isOpen(c);
            throw failed(e);
        } catch (ShaleException | RuntimeException e) {
            rollbackQuietly(c);
            good = keep && isOpen(c);
            throw e;
        } finally {
            giveBack(c, good);
        }
    }

    /** A failed statement of a page's request: the user's to fix unless the connection itself broke. */
    static ShaleException failed(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return new EnvironmentException("The connection to the database broke: " + e.getMessage(),
                    "check that the server is still running, then reload the page", e);
        }
        String fix = "57014".equals(state) ? "the statement ran into the studio's statement timeout (db.statementTimeout);"
                + " narrow it down or raise the timeout" : null;
        return new StudioRequestException(e.getMessage(), fix, state);
    }

    private Connection borrow() throws ShaleException {
        synchronized (idle) {
            if (closed) {
                throw new EnvironmentException("The studio is closed.", null, null);
            }
            Connection kept = idle.pollFirst();
            if (kept != null) {
                return kept;
            }
        }
        return connector.connect(target, applicationName);
    }

    private void giveBack(Connection c, boolean good) {
        synchronized (idle) {
            if (good && !closed && idle.size() < KEPT) {
                idle.addFirst(c);
                return;
            }
        }
        closeQuietly(c);
    }

    private static boolean isOpen(Connection c) {
        try {
            return !c.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is closed below instead of being kept.
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // Nothing to do for a connection that fails to close.
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(StudioConnections::closeQuietly);
            idle.clear();
        }
    }
}
