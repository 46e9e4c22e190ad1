package io.github.shaledb.engine.lock;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LockSession;
import io.github.shaledb.engine.api.LockTimeoutException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import org.postgresql.PGConnection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The session-level advisory lock that serialises migration runs. Waiting never holds a statement
 * open (a blocked {@code pg_advisory_lock} would deadlock against the holder's
 * {@code CREATE INDEX CONCURRENTLY}): the waiter LISTENs for the holder's release signal and retries
 * {@code pg_try_advisory_lock}, with a short poll for holders that died without signalling.
 */
public final class AdvisoryLock implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(500);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(15);

    private final Connection connection;
    private final long key;
    private final ShaleListener listener;
    private final SessionPinning pinning;
    private boolean held;

    private AdvisoryLock(Connection connection, long key, ShaleListener listener, SessionPinning pinning) {
        this.connection = connection;
        this.key = key;
        this.listener = listener;
        this.pinning = pinning;
    }

    /** Opens a short-lived second connection to the same target, with bounded connect and read timeouts. */
    @FunctionalInterface
    public interface Probe {
        Connection open() throws SQLException;
    }

    /**
     * The default key: the first 8 bytes of SHA-256 of the tracking table's qualified name
     * ({@code drizzle.__drizzle_migrations}) as a big-endian signed long.
     */
    public static long defaultKey(String trackingSchema, String trackingTable) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((trackingSchema + "." + trackingTable).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The NOTIFY channel the holder signals on release. */
    static String channel(long key) {
        return "shale_lock_" + Long.toUnsignedString(key, 16);
    }

    /** As {@link #acquire(Connection, long, Duration, ShaleListener, Probe)} without the second connection. */
    public static AdvisoryLock acquire(Connection connection, long key, Duration timeout, ShaleListener listener)
            throws ShaleException {
        return acquire(connection, key, timeout, listener, null);
    }

    /**
     * Takes the lock, waiting up to {@code timeout} (null: without limit); reports who holds it while waiting.
     * First proves that the connection keeps one server session ({@link SessionPinning}, using {@code probe}
     * for a second connection when given), and checks that the lock was taken in it: behind a
     * transaction-pooling proxy it throws a {@link ConfigurationException}
     * on {@code db.url} before anything runs, having released what it took.
     */
    public static AdvisoryLock acquire(Connection connection, long key, Duration timeout, ShaleListener listener,
                                       Probe probe) throws ShaleException {
        try {
            AdvisoryLock lock = new AdvisoryLock(connection, key, listener,
                    SessionPinning.prove(connection, probe, listener));
            lock.waitFor(timeout);
            return lock;
        } catch (SQLException e) {
            throw new EnvironmentException("Could not take the migration lock (key " + key + "): " + e.getMessage(),
                    null, e);
        }
    }

    /**
     * A connection proven once to keep its server session ({@link SessionPinning}), for taking many locks on it one
     * after another: a fleet's worker proves its connection at its first target, not at each.
     */
    public static final class ProvenSession {
        private final Connection connection;
        private final SessionPinning pinning;

        private ProvenSession(Connection connection, SessionPinning pinning) {
            this.connection = connection;
            this.pinning = pinning;
        }

        /** Whether this proof is of {@code c}. */
        public boolean of(Connection c) {
            return connection == c;
        }
    }

    /** Proves {@code connection} keeps its server session, as {@link #acquire(Connection, long, Duration, ShaleListener, Probe)} does first. */
    public static ProvenSession prove(Connection connection, Probe probe, ShaleListener listener) throws ShaleException {
        try {
            return new ProvenSession(connection, SessionPinning.prove(connection, probe, listener));
        } catch (SQLException e) {
            throw new EnvironmentException("Could not check the connection for the migration lock: " + e.getMessage(), null, e);
        }
    }

    /** Takes the lock on a connection proven before, as {@link #acquire(Connection, long, Duration, ShaleListener, Probe)} does. */
    public static AdvisoryLock acquire(ProvenSession session, long key, Duration timeout, ShaleListener listener)
            throws ShaleException {
        try {
            AdvisoryLock lock = new AdvisoryLock(session.connection, key, listener, session.pinning);
            lock.waitFor(timeout);
            return lock;
        } catch (SQLException e) {
            throw new EnvironmentException("Could not take the migration lock (key " + key + "): " + e.getMessage(),
                    null, e);
        }
    }

    private void waitFor(Duration timeout) throws SQLException, ShaleException {
        if (tryLock()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = timeout == null ? Long.MAX_VALUE : start + timeout.toNanos();
        List<LockSession> holders = sessions(connection, key);
        listener.onEvent(ShaleEvent.info("Waiting for the migration lock (key " + key + ", "
                + (timeout == null ? "without limit" : "up to " + timeout.toSeconds() + " s") + "); held by " + describe(holders)));
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN " + channel(key));
        }
        try {
            long nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
            while (true) {
                long remaining = timeout == null ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (remaining <= 0) {
                    holders = sessions(connection, key);
                    throw new LockTimeoutException("Gave up waiting for the migration lock (key " + key + ") after "
                            + timeout.toSeconds() + " s; it is held by " + describe(holders) + ".",
                            "wait for that run to finish, raise db.lockTimeout (or db.migrationTimeout / MIGRATION_TIMEOUT), or if it is stuck run "
                                    + "'mvn db:unlock' to see it and 'mvn db:unlock -Ddb.force=true' to end it",
                            holders);
                }
                int waitMillis = (int) Math.max(1, Math.min(POLL.toMillis(), remaining / 1_000_000));
                // Blocks on the socket until a notification arrives or the poll interval passes; no statement is open.
                connection.unwrap(PGConnection.class).getNotifications(waitMillis);
                if (tryLock()) {
                    listener.onEvent(ShaleEvent.info("Took the migration lock after "
                            + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms"));
                    return;
                }
                if (System.nanoTime() > nextReport) {
                    listener.onEvent(ShaleEvent.info("Still waiting for the migration lock; held by "
                            + describe(sessions(connection, key))));
                    nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
                }
            }
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("UNLISTEN " + channel(key));
            }
        }
    }

    private boolean tryLock() throws SQLException, ConfigurationException {
        try (PreparedStatement ps = connection.prepareStatement(SessionPinning.tryLockQuery())) {
            ps.setLong(1, key);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Boolean granted = rs.getObject(1) == null ? null : rs.getBoolean(1);
                if (Boolean.FALSE.equals(granted)) {
                    return false;
                }
                pinning.requireLockedHere(key, granted, rs.getInt(2), rs.getString(3), listener);
                held = true;
                return true;
            }
        }
    }

    /** Every session holding or waiting for the key in the current database, except this one. */
    public static List<LockSession> sessions(Connection connection, long key) throws SQLException {
        String sql = """
                select l.pid, l.granted, a.application_name, a.usename, a.client_addr::text, a.backend_start,
                       a.state_change, a.state, a.query
                from pg_locks l
                left join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory'
                  and l.database = (select oid from pg_database where datname = current_database())
                  and l.objsubid = 1
                  and ((l.classid::bigint << 32) | l.objid::bigint) = ?
                  and l.pid <> pg_backend_pid()
                order by l.granted desc, a.backend_start
                """;
        List<LockSession> sessions = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new LockSession(rs.getInt(1), rs.getBoolean(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                            rs.getString(8), rs.getString(9)));
                }
            }
        }
        return sessions;
    }

    private static String describe(List<LockSession> sessions) {
        List<String> holders = sessions.stream().filter(LockSession::granted).map(LockSession::describe).toList();
        return holders.isEmpty() ? "a session that has just released it" : String.join("; ", holders);
    }

    /** Releases the lock and signals waiters. A broken connection has already released it server-side. */
    @Override
    public void close() {
        if (!held) {
            return;
        }
        held = false;
        try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?), pg_backend_pid()")) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pinning.requireUnlockedHere(key, rs.getInt(2), listener);
            }
            try (Statement s = connection.createStatement()) {
                s.execute("NOTIFY " + channel(key));
            }
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.debug("Releasing the migration lock failed (" + e.getMessage()
                    + "); the server releases it when the connection closes"));
        }
    }
}
