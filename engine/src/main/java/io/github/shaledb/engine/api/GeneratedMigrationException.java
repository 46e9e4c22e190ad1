package io.github.shaledb.engine.api;

import java.util.List;

/**
 * {@code generate} replayed the migration it was about to write on a scratch database, and it failed or did
 * not reach its target: a statement failed, {@code migration.sql} did not give the schema the schema files
 * describe, or {@code down.sql} did not return to the schema before it. Nothing was written.
 */
public final class GeneratedMigrationException extends ShaleException {
    private final String tag;
    private final List<String> differences;
    private final String statement;
    private final String sqlState;

    /**
     * @param tag         the migration that would have been written
     * @param differences what differs, one phrase per object; empty when a statement failed
     * @param statement   the statement that failed, or null
     * @param sqlState    its SQLSTATE, or null
     */
    public GeneratedMigrationException(String message, String fix, Throwable cause, String tag,
                                       List<String> differences, String statement, String sqlState) {
        super(message, fix, cause);
        this.tag = tag;
        this.differences = List.copyOf(differences);
        this.statement = statement;
        this.sqlState = sqlState;
    }

    /** The migration that would have been written, e.g. {@code 0003_add_orders}. */
    public String tag() { return tag; }
    /** What differs, one phrase per object ("table public.t differs (column b differs)"); empty when a statement failed. */
    public List<String> differences() { return differences; }
    /** The statement that failed, or null. */
    public String statement() { return statement; }
    /** The failed statement's SQLSTATE, or null. */
    public String sqlState() { return sqlState; }

    @Override
    public boolean isUserError() {
        return true;
    }
}
