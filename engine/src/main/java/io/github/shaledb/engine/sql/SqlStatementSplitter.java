package io.github.shaledb.engine.sql;

import io.github.shaledb.engine.sql.SqlLexer.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script at top-level semicolons and Drizzle breakpoints in one pass over its tokens.
 * Like psql, it counts parentheses and {@code BEGIN ATOMIC ... END} bodies (with the
 * {@code CASE ... END} inside them), whose semicolons belong to the statement.
 */
final class SqlStatementSplitter {

    private final String source;
    private final SqlLexer lexer;
    private final StatementTokens tokens;
    private final LineCounter lineCounter;
    private final List<SqlStatement> statements = new ArrayList<>();

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
    }

    /** Splits {@code source}, lexing from {@code start} (past a byte order mark). */
    static List<SqlStatement> split(String source, int start) {
        SqlStatementSplitter splitter = new SqlStatementSplitter(source, start);
        splitter.run();
        return splitter.statements;
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
