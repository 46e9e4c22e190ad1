package io.github.shaledb.engine.lock;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleListener;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Proof that a connection keeps one server session across transactions, which a session advisory
 * lock needs. A transaction-pooling proxy (PgBouncer {@code pool_mode = transaction}, Supavisor,
 * RDS Proxy unpinned) hands each transaction whichever server connection is free, so the lock would
 * be taken on one and released on another. Three kinds of evidence, because each alone misses a case:
 * <ul>
 * <li>a second (probe) connection served by the very server process of this one: impossible directly
 *     or through a session pool, and what an idle transaction pool does (it reuses its last server);</li>
 * <li>this connection's server process changing between transactions: what a busy pool does;</li>
 * <li>a session setting written in one transaction gone or overwritten in the next: another client,
 *     such as a concurrent run, was given the same server session in between.</li>
 * </ul>
 */
final class SessionPinning {
    /** A placeholder setting, which any user may set; its value marks this run's server session. */
    private static final String SETTING = "shale.session";
    /** Rounds of probe and own reads: each is a chance for a busy pool to show itself. */
    private static final int ROUNDS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Connection connection;
    private final String token;
    private final Backend backend;

    private SessionPinning(Connection connection, String token, Backend backend) {
        this.connection = connection;
        this.token = token;
        this.backend = backend;
    }

    /** A server process: its pid, and the server's start time to tell pids of two servers apart. */
    record Backend(int pid, String serverStart) {
        static Backend read(ResultSet rs) throws SQLException {
            return new Backend(rs.getInt(1), rs.getString(2));
        }

        @Override
        public String toString() {
            return "pid " + pid;
        }
    }

    /**
     * Marks this connection's server session and proves it keeps it; the probe is optional. Throws the
     * pooler error when it does not, before anything has run or been locked.
     */
    static SessionPinning prove(Connection connection, AdvisoryLock.Probe probe, ShaleListener listener)
            throws SQLException, ConfigurationException {
        String token = HexFormat.of().formatHex(randomBytes());
        Backend first;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid(), pg_postmaster_start_time()::text, set_config('"
                     + SETTING + "', '" + token + "', false)")) {
            rs.next();
            first = Backend.read(rs);
        }
        String evidence = null;
        long start = System.nanoTime();
        Connection other = probe == null ? null : open(probe, listener);
        boolean probed = other != null;
        try {
            // A busy pool may give this connection's server to a third client just when the probe asks; not every round.
            for (int round = 0; round < ROUNDS && evidence == null; round++) {
                if (other != null) {
                    Backend second = read(other, listener);
                    if (second == null) {
                        other = close(other);
                        probed = false;
                    } else if (second.equals(first)) {
                        evidence = "a second connection to the same URL was served by this connection's server process ("
                                + first + "), which cannot happen directly or through a session pool";
                        break;
                    }
                }
                try (Statement s = connection.createStatement();
                     ResultSet rs = s.executeQuery("select pg_backend_pid(), pg_postmaster_start_time()::text,"
                             + " current_setting('" + SETTING + "', true)")) {
                    rs.next();
                    Backend now = Backend.read(rs);
                    if (!now.equals(first)) {
                        evidence = "its transactions ran in server process " + first + ", then in " + now;
                    } else if (!token.equals(rs.getString(3))) {
                        evidence = "another client was given its server session (" + first + ") between two of its"
                                + " transactions and changed a setting there";
                    }
                }
            }
        } finally {
            close(other);
        }
        if (evidence != null) {
            throw refused(evidence, "Nothing was locked or run.");
        }
        listener.onEvent(ShaleEvent.debug("Pooler check: this connection keeps its server session (" + first + ", "
                + (probed ? "checked with a second connection" : "no second connection") + ", "
                + (System.nanoTime() - start) / 1_000_000 + " ms)"));
        return new SessionPinning(connection, token, first);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The probe connection; null when it cannot be had in time (a full session pool), which proves nothing. */
    private static Connection open(AdvisoryLock.Probe probe, ShaleListener listener) {
        try {
            return probe.open();
        } catch (SQLException | RuntimeException e) {
            inconclusive(e, listener);
            return null;
        }
    }

    private static Backend read(Connection other, ShaleListener listener) {
        try (Statement s = other.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid(), pg_postmaster_start_time()::text")) {
            rs.next();
            return Backend.read(rs);
        } catch (SQLException e) {
            inconclusive(e, listener);
            return null;
        }
    }

    private static void inconclusive(Exception e, ShaleListener listener) {
        listener.onEvent(ShaleEvent.debug("Pooler check: a second connection could not be opened or read ("
                + e.getMessage() + "); relying on this connection's own server process id"));
    }

    private static Connection close(Connection other) {
        if (other != null) {
            try {
                other.close();
            } catch (SQLException e) {
                // a probe that cannot close cleanly has told all it could
            }
        }
        return null;
    }

    /**
     * Checks the row of {@link #tryLockQuery()} that granted the lock, or found it already held by its own
     * server process (granted null): the lock must be new and taken in the proven session. If not,
     * releases what it can and throws the pooler error.
     */
    void requireLockedHere(long key, Boolean granted, int lockedBy, String setting, ShaleListener listener)
            throws SQLException, ConfigurationException {
        if (granted == null) {
            throw refused("server process pid " + lockedBy + " already held the migration lock for another client"
                    + " when this run asked for it there", "Nothing was locked or run.");
        }
        String evidence;
        if (lockedBy != backend.pid()) {
            evidence = "the migration lock was taken in server process pid " + lockedBy + ", not in " + backend
                    + " where its session is";
        } else if (!token.equals(setting)) {
            evidence = "another client was given its server session (" + backend + ") and changed a setting there"
                    + " before it took the migration lock";
        } else {
            return;
        }
        throw refused(evidence, release(key, lockedBy, listener)
                ? "The lock taken there has been released; nothing was run."
                : "Nothing was run, but " + stillHeld(key, lockedBy));
    }

    /**
     * After the run: an unlock that ran in another server process means the connection was moved after all.
     * Frees the lock where it was taken, or says how to.
     */
    void requireUnlockedHere(long key, int unlockedBy, ShaleListener listener) throws SQLException {
        if (unlockedBy == backend.pid()) {
            return;
        }
        listener.onEvent(ShaleEvent.warn("This connection (db.url) goes through a transaction-pooling proxy: the"
                + " migration lock was taken in server process " + backend + " and the unlock ran in pid " + unlockedBy
                + ". " + (release(key, backend.pid(), listener) ? "The lock has been released there."
                : stillHeld(key, backend.pid())) + " Point db.url at the server or a session-pooled port."));
    }

    /** The pooler error; the parameter is db.url also when the URL came from DATABASE_URL, as the fix says. */
    private static ConfigurationException refused(String evidence, String outcome) {
        return new ConfigurationException("db.url", "This connection (db.url) goes through a transaction-pooling proxy ("
                + evidence + "). The migration lock holds only within one server session, so runs through it could"
                + " apply a migration twice. " + outcome,
                "point db.url at the server or a session-pooled port (PgBouncer pool_mode = session); the application"
                        + " may keep using the transaction pool");
    }

    /** Unlocks until server process {@code pid} holds the lock no more; false when it could not be reached. */
    private boolean release(long key, int pid, ShaleListener listener) throws SQLException {
        // Each statement may run in any pooled server session; an idle pool mostly gives back the last one.
        for (int attempt = 0; attempt < 50; attempt++) {
            if (!holds(pid, key)) {
                try (Statement s = connection.createStatement()) {
                    s.execute("NOTIFY " + AdvisoryLock.channel(key));
                }
                return true;
            }
            try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
        }
        listener.onEvent(ShaleEvent.debug("50 unlocks through the pooler did not reach server process pid " + pid));
        return false;
    }

    private static String stillHeld(long key, int pid) {
        return "server process pid " + pid + " still holds the migration lock (key " + key + ") and blocks every"
                + " later run until it is freed: run RECONNECT on the PgBouncer admin console (or restart the pooler),"
                + " or 'mvn db:unlock -Ddb.force=true' with db.url pointing at the server itself.";
    }

    private boolean holds(int pid, long key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                select exists (select from pg_locks
                               where locktype = 'advisory' and granted and pid = ? and objsubid = 1
                                 and ((classid::bigint << 32) | objid::bigint) = ?)""")) {
            ps.setInt(1, pid);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Takes the lock unless this server process already holds it (then granted is null: a fresh run never
     * does, so another client of a pool does); shows where, and this run's mark there. Parameters: key, key.
     */
    static String tryLockQuery() {
        return """
                select case when exists (select from pg_locks
                                         where locktype = 'advisory' and granted and pid = pg_backend_pid()
                                           and objsubid = 1 and ((classid::bigint << 32) | objid::bigint) = ?)
                            then null else pg_try_advisory_lock(?) end,
                       pg_backend_pid(), current_setting('%s', true)""".formatted(SETTING);
    }
}
