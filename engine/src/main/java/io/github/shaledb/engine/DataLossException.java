package io.github.shaledb.engine;

/** A change would lose data and was not confirmed; nothing was applied. */
public final class DataLossException extends ShaleException {
    public DataLossException(String message, String fix) {
        super(message, fix, null);
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
