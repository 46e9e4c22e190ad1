package io.github.shaledb.engine.sql;

import java.util.List;

/** A migration script split into statements by a real PostgreSQL lexer. */
public final class SqlScript {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final String NO_TRANSACTION_DIRECTIVE = "db:no-transaction";

    private final List<SqlStatement> statements;
    private final List<MetaCommand> metaCommands;
    private final boolean noTransactionDirective;

    /**
     * A psql meta-command (a line starting with a backslash) that is not SQL and that Shale does not skip.
     *
     * @param text   the command and its arguments, e.g. <code>&#92;connect other</code>
     * @param offset its 0-based char index in the script; {@code line} and {@code column} are 1-based
     */
    public record MetaCommand(String text, int offset, int line, int column) {
    }

    private SqlScript(List<SqlStatement> statements, List<MetaCommand> metaCommands, boolean noTransactionDirective) {
        this.statements = List.copyOf(statements);
        this.metaCommands = List.copyOf(metaCommands);
        this.noTransactionDirective = noTransactionDirective;
    }

    public static SqlScript parse(String sql) {
        int start = !sql.isEmpty() && sql.charAt(0) == BYTE_ORDER_MARK ? 1 : 0;
        SqlStatementSplitter split = SqlStatementSplitter.split(sql, start);
        return new SqlScript(split.statements(), split.metaCommands(), hasNoTransactionDirective(sql, start));
    }

    public List<SqlStatement> statements() {
        return statements;
    }

    /**
     * The statements' {@link SqlStatement#normalizedText() normalized texts}: two scripts with equal lists differ
     * only in comments and whitespace outside literals.
     */
    public List<String> normalizedStatements() {
        return statements.stream().map(SqlStatement::normalizedText).toList();
    }

    /**
     * psql meta-commands the script holds, which no server runs. pg_dump's <code>&#92;restrict</code> and
     * <code>&#92;unrestrict</code> lines are skipped and not listed.
     */
    public List<MetaCommand> metaCommands() {
        return metaCommands;
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
