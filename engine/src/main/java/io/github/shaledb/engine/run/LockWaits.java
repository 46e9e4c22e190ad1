package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleListener;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A statement that waits for a table lock holds every later query on that table in the queue behind it. With a
 * short {@code lock_timeout} (db.lockTimeoutPerStatement) the statement gives up instead (SQLSTATE 55P03), and the
 * migration (or, outside a transaction, the statement) is tried again after a pause with jitter, until the
 * migration's deadline (db.migrationTimeout); each pause names the sessions that were in the way.
 */
final class LockWaits {
    static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private final Duration lockTimeout;
    private final ShaleListener listener;
    /** Whether the session's lock_timeout is the short one now (it is set only when that changes). */
    private boolean limited;

    /** @param lockTimeout the per-statement lock wait; null or zero leaves the server's setting alone */
    LockWaits(Duration lockTimeout, ShaleListener listener) {
        this.lockTimeout = lockTimeout == null || lockTimeout.isZero() ? null : lockTimeout;
        this.listener = listener;
    }

    static boolean isLockTimeout(SQLException e) {
        return LOCK_NOT_AVAILABLE.equals(e.getSQLState());
    }

    /** Sets the session's lock_timeout; statements outside a transaction that wait harmlessly run without it. */
    void apply(Connection c) throws SQLException {
        if (lockTimeout != null) {
            set(c, lockTimeout.toMillis());
            limited = true;
        }
    }

    /** Whether statements of this run give up on a lock wait (and are retried). */
    boolean enabled() {
        return lockTimeout != null;
    }

    /**
     * {@code CREATE INDEX CONCURRENTLY} and its kind wait for older transactions without blocking anyone; a lock
     * timeout would only make them fail late (and leave an INVALID index). They run without it.
     */
    void runWithoutLimit(Connection c, boolean without) throws SQLException {
        if (lockTimeout != null && limited == without) {
            set(c, without ? 0 : lockTimeout.toMillis());
            limited = !without;
        }
    }

    private static void set(Connection c, long millis) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("set lock_timeout = " + millis);
        }
    }

    /**
     * Logs who held the lock and sleeps before attempt {@code attempt + 1}. Returns false without sleeping when the
     * pause would end after {@code deadlineNanos} (null: no deadline).
     */
    boolean pause(Connection c, String what, int attempt, Long deadlineNanos) throws SQLException {
        long pause = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(attempt - 1, 10));
        pause = (long) (pause * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
        if (deadlineNanos != null && System.nanoTime() + pause * 1_000_000 >= deadlineNanos) {
            return false;
        }
        listener.onEvent(ShaleEvent.warn(what + " waited more than " + lockTimeout.toMillis() + " ms for a lock"
                + " (db.lockTimeoutPerStatement), so it gave up rather than hold other queries behind it; held by "
                + Objects.requireNonNullElse(blockers(c), "a session that has ended since") + ". Trying again in " + pause + " ms (attempt " + (attempt + 1) + ")."));
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /**
     * The sessions most likely in the way: those of this database in a transaction older than the lock timeout that
     * hold relation locks, oldest first; null when there are none. The statement that waited has given up, so the
     * wait itself is gone.
     */
    String blockers(Connection c) throws SQLException {
        String sql = """
                select a.pid, a.application_name, a.usename, a.state, a.xact_start, left(a.query, 200)
                from pg_stat_activity a
                where a.datname = current_database() and a.pid <> pg_backend_pid()
                  and a.xact_start < now() - make_interval(secs => ?)
                  and exists (select from pg_locks l where l.pid = a.pid and l.locktype = 'relation' and l.granted)
                order by a.xact_start
                limit 3
                """;
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, lockTimeout == null ? 1 : lockTimeout.toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add("pid " + rs.getInt(1) + " (" + (rs.getString(2) == null || rs.getString(2).isEmpty()
                            ? "" : "application " + rs.getString(2) + ", ") + "user " + rs.getString(3) + ", "
                            + rs.getString(4) + ", in a transaction since " + rs.getObject(5, java.time.OffsetDateTime.class)
                            + ": " + String.valueOf(rs.getString(6)).strip().replaceAll("\\s+", " ") + ")");
                }
            }
        }
        return sessions.isEmpty() ? null : String.join("; ", sessions);
    }
}
