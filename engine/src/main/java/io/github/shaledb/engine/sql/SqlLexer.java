package io.github.shaledb.engine.sql;

/**
 * PostgreSQL's lexical rules, reduced to what statement splitting needs: comments and whitespace
 * are skipped, every string, quoted identifier and dollar-quoted body is one token, so nothing
 * inside them can end a statement. Unterminated constructs run to the end of the input.
 */
final class SqlLexer {

    enum TokenKind {
        WORD, QUOTED_IDENTIFIER, STRING, DOLLAR_STRING, NUMBER, PARAMETER,
        OPEN_PAREN, CLOSE_PAREN, SEMICOLON, OPERATOR,
        /** A {@code --> statement-breakpoint} comment, Drizzle's statement separator. */
        BREAKPOINT,
        /** A block comment open at the end of input: kept, so the server reports it. */
        UNTERMINATED_COMMENT,
        /**
         * A psql meta-command, <code>&#92;restrict KEY</code>, to the end of its line. A backslash outside a string,
         * quoted identifier or comment is never SQL, so it can only be one.
         */
        META_COMMAND,
        END_OF_INPUT
    }

    static final String BREAKPOINT_MARKER = "--> statement-breakpoint";

    private final String source;
    private final int length;
    private int position;
    private int tokenStart;
    private int tokenEnd;

    SqlLexer(String source, int start) {
        this.source = source;
        this.length = source.length();
        this.position = start;
    }

    int tokenStart() {
        return tokenStart;
    }

    int tokenEnd() {
        return tokenEnd;
    }

    TokenKind next() {
        TokenKind kind = scan();
        tokenEnd = position;
        return kind;
    }

    private TokenKind scan() {
        while (position < length) {
            tokenStart = position;
            char c = source.charAt(position);
            char following = charAt(position + 1);
            if (isWhitespace(c)) {
                position++;
            } else if (c == '-' && following == '-') {
                if (skipLineComment()) {
                    return TokenKind.BREAKPOINT;
                }
            } else if (c == '/' && following == '*') {
                if (!skipBlockComment()) {
                    return TokenKind.UNTERMINATED_COMMENT;
                }
            } else {
                return scanToken(c, following);
            }
        }
        tokenStart = length;
        return TokenKind.END_OF_INPUT;
    }

    private TokenKind scanToken(char c, char following) {
        switch (c) {
            case ';':
                position++;
                return TokenKind.SEMICOLON;
            case '(':
                position++;
                return TokenKind.OPEN_PAREN;
            case ')':
                position++;
                return TokenKind.CLOSE_PAREN;
            case '\'':
                skipQuoted(position + 1, '\'', false);
                return TokenKind.STRING;
            case '"':
                skipQuoted(position + 1, '"', false);
                return TokenKind.QUOTED_IDENTIFIER;
            case '$':
                return scanDollar();
            case '\\':
                skipToLineEnd();
                return TokenKind.META_COMMAND;
            default:
                break;
        }
        if ((c == 'E' || c == 'e') && following == '\'') {
            skipQuoted(position + 2, '\'', true);
            return TokenKind.STRING;
        }
        if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && following == '\'') {
            skipQuoted(position + 2, '\'', false);
            return TokenKind.STRING;
        }
        if ((c == 'U' || c == 'u') && following == '&') {
            char quote = charAt(position + 2);
            if (quote == '\'') {
                skipQuoted(position + 3, '\'', false);
                return TokenKind.STRING;
            }
            if (quote == '"') {
                skipQuoted(position + 3, '"', false);
                return TokenKind.QUOTED_IDENTIFIER;
            }
        }
        if (isIdentifierStart(c)) {
            position++;
            while (position < length && isIdentifierPart(source.charAt(position))) {
                position++;
            }
            return TokenKind.WORD;
        }
        if (isDigit(c) || (c == '.' && isDigit(following))) {
            position++;
            // Loose on purpose: exponents and trailing junk only need to stay inside one token.
            while (position < length && isNumberPart(source.charAt(position))) {
                position++;
            }
            return TokenKind.NUMBER;
        }
        // Operators are taken one char at a time, so "--" and "/*" inside one still start a comment.
        position++;
        return TokenKind.OPERATOR;
    }

    /**
     * Returns whether the comment is a statement breakpoint: exactly the marker up to the line end.
     * Code may precede it, since drizzle-kit writes {@code ...;--> statement-breakpoint}.
     */
    private boolean skipLineComment() {
        int start = position;
        skipToLineEnd();
        int end = position;
        while (end > start && isWhitespace(source.charAt(end - 1))) {
            end--;
        }
        return end - start == BREAKPOINT_MARKER.length()
            && source.startsWith(BREAKPOINT_MARKER, start);
    }

    private void skipToLineEnd() {
        while (position < length && source.charAt(position) != '\n' && source.charAt(position) != '\r') {
            position++;
        }
    }

    /** Returns whether the comment was closed before the end of input. */
    private boolean skipBlockComment() {
        int depth = 0;
        while (position < length) {
            char c = source.charAt(position);
            char following = charAt(position + 1);
            if (c == '/' && following == '*') {
                depth++;
                position += 2;
            } else if (c == '*' && following == '/') {
                depth--;
                position += 2;
                if (depth == 0) {
                    return true;
                }
            } else {
                position++;
            }
        }
        return false;
    }

    /** Skips to after the closing quote; a doubled quote is an escaped one. */
    private void skipQuoted(int from, char quote, boolean backslashEscapes) {
        position = from;
        while (position < length) {
            char c = source.charAt(position);
            if (backslashEscapes && c == '\\') {
                position += 2;
            } else if (c == quote) {
                if (charAt(position + 1) == quote) {
                    position += 2;
                } else {
                    position++;
                    return;
                }
            } else {
                position++;
            }
        }
        position = length;
    }

    private TokenKind scanDollar() {
        int afterDollar = position + 1;
        if (isDigit(charAt(afterDollar))) {
            position = afterDollar;
            while (position < length && isDigit(source.charAt(position))) {
                position++;
            }
            return TokenKind.PARAMETER;
        }
        int tagEnd = afterDollar;
        if (tagEnd < length && isIdentifierStart(source.charAt(tagEnd))) {
            tagEnd++;
            while (tagEnd < length && isDollarTagPart(source.charAt(tagEnd))) {
                tagEnd++;
            }
        }
        if (charAt(tagEnd) != '$') {
            position++;
            return TokenKind.OPERATOR;
        }
        String delimiter = source.substring(position, tagEnd + 1);
        int close = source.indexOf(delimiter, tagEnd + 1);
        position = close < 0 ? length : close + delimiter.length();
        return TokenKind.DOLLAR_STRING;
    }

    private char charAt(int index) {
        return index < length ? source.charAt(index) : '\0';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** PostgreSQL takes every non-ASCII char as an identifier letter. */
    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isDollarTagPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    /** Unlike a dollar tag, an identifier may contain '$', so {@code a$b$} never opens a quote. */
    private static boolean isIdentifierPart(char c) {
        return isDollarTagPart(c) || c == '$';
    }

    private static boolean isNumberPart(char c) {
        return isDollarTagPart(c) || c == '.';
    }
}
