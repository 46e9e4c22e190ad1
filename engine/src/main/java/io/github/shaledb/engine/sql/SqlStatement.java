package io.github.shaledb.engine.sql;

/**
 * One statement of a script. {@code text} is the exact substring of the script starting at
 * {@code offset} (0-based char index), which is at 1-based {@code line}/{@code column}
 * (columns count characters, i.e. code points). {@code text} runs from the first token to the
 * terminating semicolon, included, or to the last token before a breakpoint or the end.
 */
public record SqlStatement(String text, int offset, int line, int column, boolean requiresNoTransaction) {

    /** A 1-based line and column in the script. */
    public record Position(int line, int column) {
    }

    /**
     * The statement as the server reads it, for comparing two versions of a script: its tokens in order, one space
     * apart, comments dropped. Strings, quoted identifiers and dollar-quoted bodies are kept exactly, comments inside
     * them included. Operator characters are single tokens, so those written together ({@code <=}, {@code ::}) stay
     * together and those written apart stay apart.
     */
    public String normalizedText() {
        SqlLexer lexer = new SqlLexer(text, 0);
        StringBuilder out = new StringBuilder(text.length());
        int previousEnd = -1;
        SqlLexer.TokenKind previous = null;
        for (SqlLexer.TokenKind kind = lexer.next(); kind != SqlLexer.TokenKind.END_OF_INPUT; kind = lexer.next()) {
            if (kind == SqlLexer.TokenKind.BREAKPOINT) {
                continue;
            }
            boolean oneOperator = previous == SqlLexer.TokenKind.OPERATOR && kind == SqlLexer.TokenKind.OPERATOR
                    && lexer.tokenStart() == previousEnd;
            if (previous != null && !oneOperator) {
                out.append(' ');
            }
            out.append(text, lexer.tokenStart(), lexer.tokenEnd());
            previousEnd = lexer.tokenEnd();
            previous = kind;
        }
        return out.toString();
    }

    /**
     * Where in the script a server error position lies. {@code serverPosition} is PostgreSQL's
     * 1-based character index into {@link #text()} (as sent); out-of-range values clamp.
     */
    public Position positionOf(int serverPosition) {
        LineCounter counter = new LineCounter(text, 0, line, column);
        // Past the end stops at the text's end, which is where "at end of input" errors point.
        counter.advanceCodePoints(Math.max(serverPosition, 1) - 1);
        return new Position(counter.line(), counter.column());
    }
}
