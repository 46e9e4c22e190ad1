package io.github.shaledb.engine.api;

/**
 * A request of a {@link Studio} page that cannot be served as asked: an unknown table or column, a filter value of
 * the wrong type, a statement that failed, a change in a read-only studio. The database is unchanged.
 */
public final class StudioRequestException extends ShaleException {
    private final String sqlState;

    /**
     * @param message  what went wrong, naming the table, column or statement
     * @param fix      what to do instead, or null
     * @param sqlState the server's SQLSTATE when a statement failed, else null
     */
    public StudioRequestException(String message, String fix, String sqlState) {
        super(message, fix, null);
        this.sqlState = sqlState;
    }

    /** @return the SQLSTATE of the failed statement, or null */
    public String sqlState() {
        return sqlState;
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
