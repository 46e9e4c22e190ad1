package io.github.shaledb.engine.api;

/** The tracking table holds what Shale cannot act on (e.g. one migration recorded twice); the user can fix it. */
public final class TrackingTableException extends ShaleException {
    private final String table;

    /** @param table the tracking table's qualified name */
    public TrackingTableException(String table, String message, String fix) {
        super(message, fix, null);
        this.table = table;
    }

    /** The tracking table's qualified name. */
    public String table() {
        return table;
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
