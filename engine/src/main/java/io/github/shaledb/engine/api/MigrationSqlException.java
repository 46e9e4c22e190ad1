package io.github.shaledb.engine.api;

import java.nio.file.Path;
import java.util.List;

/** A statement of a migration (or down script) failed on the server. */
public final class MigrationSqlException extends ShaleException {
    private final Path file;
    private final int line;
    private final int column;
    private final String statement;
    private final String sqlState;
    private final String detail;
    private final String hint;
    private final List<String> alreadyRan;

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

    public Path file() { return file; }
    public int line() { return line; }
    public int column() { return column; }
    public String statement() { return statement; }
    public String sqlState() { return sqlState; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    /** Statements that had already run outside a transaction and so remain; empty when rolled back. */
    public List<String> alreadyRan() { return alreadyRan; }

    @Override
    public boolean isUserError() {
        return true;
    }
}
