package io.github.shaledb.engine.api;

import java.util.List;

/** The migration lock stayed busy for longer than {@code db.lockTimeout}. */
public final class LockTimeoutException extends ShaleException {
    private final List<LockSession> holders;

    /** @param holders the sessions holding the lock when the wait ended */
    public LockTimeoutException(String message, String fix, List<LockSession> holders) {
        super(message, fix, null);
        this.holders = List.copyOf(holders);
    }

    /** @return the sessions holding the lock when the wait ended (pid, application, client, since when); may be empty */
    public List<LockSession> holders() {
        return holders;
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
