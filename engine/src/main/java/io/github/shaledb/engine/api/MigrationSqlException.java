package io.github.shaledb.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A statement of a migration (or down script) failed on the server. The migration's transaction was rolled back;
 * a migration that ran outside a transaction lists in {@link #alreadyRan()} what remains.
 */
public final class MigrationSqlException extends ShaleException {
    private final Path file;
    private final int line;
    private final int column;
    private final String statement;
    private final String sqlState;
    private final String detail;
    private final String hint;
    private final List<String> alreadyRan;

    /** Carries where the failing statement is and what the server said; see the getters. */
    public MigrationSqlException(String message, String fix, Throwable cause, Path file, int line, int column,
                                 String statement, String sqlState, String detail, String hint,
                                 List<String> alreadyRan) {
        super(message, fix, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.statement = statement;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.alreadyRan = List.copyOf(alreadyRan);
    }

    /** @return the script that failed ({@code migration.sql} or {@code down.sql}) */
    public Path file() { return file; }
    /** @return the 1-based line in {@link #file()} of the error position, or of the statement's start */
    public int line() { return line; }
    /** @return the 1-based column of the error position, or 0 when the server gave none */
    public int column() { return column; }
    /** @return the statement's text */
    public String statement() { return statement; }
    /** @return the server's SQLSTATE, e.g. {@code 42P07}; null when the failure was not the server's */
    public String sqlState() { return sqlState; }
    /** @return the server's DETAIL, or null */
    public String detail() { return detail; }
    /** @return the server's HINT, or null */
    public String hint() { return hint; }
    /** Statements that had already run outside a transaction and so remain; empty when rolled back. */
    public List<String> alreadyRan() { return alreadyRan; }

    @Override
    public boolean isUserError() {
        return true;
    }
}
