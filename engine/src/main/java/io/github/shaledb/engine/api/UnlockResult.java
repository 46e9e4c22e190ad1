package io.github.shaledb.engine.api;

import java.util.List;

/** Sessions holding or waiting for the lock key, and the pids that were terminated. */
public record UnlockResult(long lockKey, List<LockSession> sessions, List<Integer> terminated) {

    public UnlockResult {
        sessions = List.copyOf(sessions);
        terminated = List.copyOf(terminated);
    }
}
