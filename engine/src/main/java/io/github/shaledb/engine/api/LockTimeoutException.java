package io.github.shaledb.engine.api;

import java.util.List;

/** The migration lock stayed busy for longer than {@code db.lockTimeout}. */
public final class LockTimeoutException extends ShaleException {
    private final List<LockSession> holders;

    public LockTimeoutException(String message, String fix, List<LockSession> holders) {
        super(message, fix, null);
        this.holders = List.copyOf(holders);
    }

    public List<LockSession> holders() {
        return holders;
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
