package io.github.shaledb.engine.api;

import java.util.List;

/** {@code push} would lose data and was neither confirmed nor forced; nothing was applied. */
public final class DataLossException extends ShaleException {
    private final List<String> losses;

    /** @param losses one line per table, column or value that would be lost */
    public DataLossException(String message, String fix, List<String> losses) {
        super(message, fix, null);
        this.losses = List.copyOf(losses);
    }

    /** One line per table, column or value that would be lost. */
    public List<String> losses() {
        return losses;
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
