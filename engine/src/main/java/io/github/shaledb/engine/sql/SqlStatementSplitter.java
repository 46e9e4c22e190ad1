package io.github.shaledb.engine.sql;

import io.github.shaledb.engine.sql.SqlLexer.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script at top-level semicolons and Drizzle breakpoints in one pass over its tokens.
 * Like psql, it counts parentheses and {@code BEGIN ATOMIC ... END} bodies (with the
 * {@code CASE ... END} inside them), whose semicolons belong to the statement. psql meta-commands
 * are set aside: <code>&#92;restrict</code> and <code>&#92;unrestrict</code>, which pg_dump writes around its output,
 * are skipped; any other is kept in {@link #metaCommands} for the caller to refuse.
 */
final class SqlStatementSplitter {

    private final String source;
    private final SqlLexer lexer;
    private final StatementTokens tokens;
    private final LineCounter lineCounter;
    private final List<SqlStatement> statements = new ArrayList<>();
    private final List<SqlScript.MetaCommand> metaCommands = new ArrayList<>();
    private final LineCounter metaCommandLines;

    private int statementStart = -1;
    private int lastTokenEnd;
    private int parenDepth;
    private int atomicDepth;
    private boolean createStatement;

    private SqlStatementSplitter(String source, int start) {
        this.source = source;
        this.lexer = new SqlLexer(source, start);
        this.tokens = new StatementTokens(source);
        this.lineCounter = new LineCounter(source, start);
        this.metaCommandLines = new LineCounter(source, start);
    }

    /** Splits {@code source}, lexing from {@code start} (past a byte order mark). */
    static SqlStatementSplitter split(String source, int start) {
        SqlStatementSplitter splitter = new SqlStatementSplitter(source, start);
        splitter.run();
        return splitter;
    }

    List<SqlStatement> statements() {
        return statements;
    }

    /** The meta-commands other than <code>&#92;restrict</code> and <code>&#92;unrestrict</code>, in script order. */
    List<SqlScript.MetaCommand> metaCommands() {
        return metaCommands;
    }

    private void run() {
        while (true) {
            TokenKind kind = lexer.next();
            switch (kind) {
                case END_OF_INPUT:
                    finishStatement(lastTokenEnd);
                    return;
                case BREAKPOINT:
                    finishStatement(lastTokenEnd);
                    break;
                case META_COMMAND:
                    // Never part of a statement's text: the server would read the backslash as a syntax error.
                    finishStatement(lastTokenEnd);
                    metaCommand();
                    break;
                case SEMICOLON:
                    if (parenDepth == 0 && atomicDepth == 0) {
                        finishStatement(lexer.tokenEnd());
                    } else {
                        lastTokenEnd = lexer.tokenEnd();
                    }
                    break;
                default:
                    addToken(kind);
                    break;
            }
        }
    }

    /** pg_dump's <code>&#92;restrict KEY</code> and <code>&#92;unrestrict KEY</code> only guard psql's input: nothing to run. */
    private void metaCommand() {
        String text = source.substring(lexer.tokenStart(), lexer.tokenEnd()).strip();
        String command = text.split("\\s+", 2)[0];
        if (command.equals("\\restrict") || command.equals("\\unrestrict")) {
            return;
        }
        metaCommandLines.advanceTo(lexer.tokenStart());
        metaCommands.add(new SqlScript.MetaCommand(text, lexer.tokenStart(), metaCommandLines.line(),
                metaCommandLines.column()));
    }

    private void addToken(TokenKind kind) {
        int start = lexer.tokenStart();
        int end = lexer.tokenEnd();
        if (statementStart < 0) {
            statementStart = start;
        }
        if (kind == TokenKind.CLOSE_PAREN && parenDepth > 0) {
            parenDepth--;
        }
        tokens.add(kind, start, end, parenDepth);
        if (kind == TokenKind.OPEN_PAREN) {
            parenDepth++;
        }
        if (tokens.size() == 1) {
            createStatement = tokens.isKeyword(0, "CREATE");
        } else if (createStatement && kind == TokenKind.WORD) {
            trackAtomicBody();
        }
        lastTokenEnd = end;
    }

    /** SQL-standard function bodies (PG14+): BEGIN ATOMIC and CASE both close with END. */
    private void trackAtomicBody() {
        int last = tokens.size() - 1;
        if (tokens.isKeyword(last, "ATOMIC") && tokens.isKeyword(last - 1, "BEGIN")) {
            atomicDepth++;
        } else if (atomicDepth > 0 && tokens.isKeyword(last, "CASE")) {
            atomicDepth++;
        } else if (atomicDepth > 0 && tokens.isKeyword(last, "END")) {
            atomicDepth--;
        }
    }

    private void finishStatement(int end) {
        if (statementStart >= 0) {
            lineCounter.advanceTo(statementStart);
            statements.add(new SqlStatement(
                source.substring(statementStart, end),
                statementStart,
                lineCounter.line(),
                lineCounter.column(),
                TransactionBlockRules.refusedInTransactionBlock(tokens)));
        }
        statementStart = -1;
        parenDepth = 0;
        atomicDepth = 0;
        createStatement = false;
        tokens.clear();
    }
}
