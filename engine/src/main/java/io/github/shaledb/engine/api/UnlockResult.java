package io.github.shaledb.engine.api;

import java.util.List;

/**
 * Sessions holding or waiting for the lock key, and the pids that were terminated.
 *
 * @param lockKey    the advisory lock's 64-bit key
 * @param sessions   the sessions holding or waiting for it
 * @param terminated the pids ended with {@code pg_terminate_backend}; empty unless forced or confirmed
 */
public record UnlockResult(long lockKey, List<LockSession> sessions, List<Integer> terminated) {

    /** Copies the lists. */
    public UnlockResult {
        sessions = List.copyOf(sessions);
        terminated = List.copyOf(terminated);
    }
}
