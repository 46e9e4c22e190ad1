package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LockSession;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.UnlockResult;
import io.github.shaledb.engine.lock.AdvisoryLock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code unlock} verb: report who holds or waits for the lock; end a live holder only when confirmed. */
public final class Unlocker {
    private final ShaleListener listener;

    public Unlocker(ShaleListener listener) {
        this.listener = listener;
    }

    public UnlockResult unlock(RunSettings s, Confirmation confirmation) throws ShaleException {
        try (DatabaseSession session = DatabaseSession.open(s, listener)) {
            Connection c = session.connection();
            List<LockSession> sessions = AdvisoryLock.sessions(c, s.lockKey());
            List<Integer> terminated = new ArrayList<>();
            for (LockSession holder : sessions) {
                if (!holder.granted()) {
                    continue;
                }
                boolean end = s.force() || confirmation.confirm("Terminate " + holder.describe() + "?");
                if (end && terminate(c, holder.pid())) {
                    terminated.add(holder.pid());
                    listener.onEvent(ShaleEvent.info("Terminated pid " + holder.pid() + "; the lock is free."));
                }
            }
            return new UnlockResult(s.lockKey(), sessions, terminated);
        } catch (SQLException e) {
            throw new EnvironmentException("Inspecting the migration lock failed: " + e.getMessage(),
                    "the user needs to read pg_locks and pg_stat_activity; ending another user's session needs the "
                            + "pg_signal_backend role", e);
        }
    }

    private static boolean terminate(Connection c, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(?)")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
