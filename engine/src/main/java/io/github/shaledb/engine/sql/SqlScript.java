package io.github.shaledb.engine.sql;

import java.util.List;

/** A migration script split into statements by a real PostgreSQL lexer. */
public final class SqlScript {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final String NO_TRANSACTION_DIRECTIVE = "db:no-transaction";

    private final List<SqlStatement> statements;
    private final boolean noTransactionDirective;

    private SqlScript(List<SqlStatement> statements, boolean noTransactionDirective) {
        this.statements = List.copyOf(statements);
        this.noTransactionDirective = noTransactionDirective;
    }

    public static SqlScript parse(String sql) {
        int start = !sql.isEmpty() && sql.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
        return new SqlScript(SqlStatementSplitter.split(sql, start), hasNoTransactionDirective(sql, start));
    }

    public List<SqlStatement> statements() {
        return statements;
    }

    /** The first line is {@code -- db:no-transaction}. */
    public boolean noTransactionDirective() {
        return noTransactionDirective;
    }

    /** The directive is present or some statement cannot run inside a transaction block. */
    public boolean requiresNoTransaction() {
        return noTransactionDirective || statements.stream().anyMatch(SqlStatement::requiresNoTransaction);
    }

    /** {@code -- db:no-transaction} alone on the first line, in any case, spaces allowed. */
    private static boolean hasNoTransactionDirective(String sql, int start) {
        int lineEnd = start;
        while (lineEnd < sql.length() && sql.charAt(lineEnd) != '\n' && sql.charAt(lineEnd) != '\r') {
            lineEnd++;
        }
        String firstLine = sql.substring(start, lineEnd).strip();
        if (!firstLine.startsWith("--")) {
            return false;
        }
        return firstLine.substring(2).strip().equalsIgnoreCase(NO_TRANSACTION_DIRECTIVE);
    }
}
