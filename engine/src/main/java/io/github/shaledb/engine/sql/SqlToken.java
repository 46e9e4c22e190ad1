package io.github.shaledb.engine.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One token of a statement as PostgreSQL's lexer reads it: comments and whitespace are gone, a string, quoted
 * identifier or dollar-quoted body is one token, and operator characters are one token each.
 *
 * @param kind   what it is
 * @param text   exactly as written
 * @param offset its 0-based char index in the statement's text
 * @param depth  how many parentheses enclose it
 */
public record SqlToken(Kind kind, String text, int offset, int depth) {

    /** The kinds of token a reader of statements tells apart. */
    public enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, OPEN_PAREN, CLOSE_PAREN, OPERATOR, OTHER }

    /** @return whether this is the unquoted keyword, in any letter case */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** @return whether this is the single operator character (or comma, period) {@code c} */
    public boolean isSymbol(char c) {
        return kind == Kind.OPERATOR && text.length() == 1 && text.charAt(0) == c;
    }

    /** @return the identifier as the server folds it: unquoted words lower-cased, quoted ones as written */
    public String identifier() {
        if (kind == Kind.QUOTED_IDENTIFIER) {
            return text.substring(1, text.length() - 1).replace("\"\"", "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** @return whether it can name an object (a word or a quoted identifier) */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** @return the tokens of {@code text}, a single statement, in order */
    public static List<SqlToken> tokenize(String text) {
        SqlLexer lexer = new SqlLexer(text, 0);
        List<SqlToken> tokens = new ArrayList<>();
        int depth = 0;
        for (SqlLexer.TokenKind kind = lexer.next(); kind != SqlLexer.TokenKind.END_OF_INPUT; kind = lexer.next()) {
            if (kind == SqlLexer.TokenKind.BREAKPOINT || kind == SqlLexer.TokenKind.SEMICOLON && depth == 0) {
                continue;
            }
            if (kind == SqlLexer.TokenKind.CLOSE_PAREN && depth > 0) {
                depth--;
            }
            tokens.add(new SqlToken(kindOf(kind), text.substring(lexer.tokenStart(), lexer.tokenEnd()),
                    lexer.tokenStart(), depth));
            if (kind == SqlLexer.TokenKind.OPEN_PAREN) {
                depth++;
            }
        }
        return tokens;
    }

    private static Kind kindOf(SqlLexer.TokenKind kind) {
        return switch (kind) {
            case WORD -> Kind.WORD;
            case QUOTED_IDENTIFIER -> Kind.QUOTED_IDENTIFIER;
            case STRING, DOLLAR_STRING -> Kind.STRING;
            case NUMBER -> Kind.NUMBER;
            case OPEN_PAREN -> Kind.OPEN_PAREN;
            case CLOSE_PAREN -> Kind.CLOSE_PAREN;
            case OPERATOR, SEMICOLON -> Kind.OPERATOR;
            default -> Kind.OTHER;
        };
    }
}
