package io.github.shaledb.engine.sql;

import io.github.shaledb.engine.sql.SqlLexer.TokenKind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A statement that builds an index concurrently, which a kill or failure half-way leaves behind as an INVALID index:
 * {@code CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] [name] ON [ONLY] table …} and
 * {@code REINDEX [(options)] {INDEX|TABLE|SCHEMA} [CONCURRENTLY] name} run concurrently. Read from the statement's
 * tokens, so comments and quoted identifiers never fool it.
 *
 * @param kind   which statement
 * @param index  CREATE INDEX: the index's name as the server stores it (unquoted, folded, truncated to 63 bytes),
 *               null when the statement names none (the server makes one up) or names it in a way not read here
 * @param target the table (CREATE INDEX, REINDEX TABLE) or index (REINDEX INDEX) as the statement writes it, for
 *               {@code to_regclass}; REINDEX SCHEMA: the schema's name as stored
 */
public record IndexBuild(Kind kind, String index, String target) {

    public enum Kind { CREATE_INDEX, REINDEX_INDEX, REINDEX_TABLE, REINDEX_SCHEMA }

    /** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
    private static final int MAX_NAME_BYTES = 63;

    private record Token(TokenKind kind, String text, int depth) {
    }

    /** The index build the statement is, or null when it is none (including a CREATE INDEX or REINDEX without CONCURRENTLY). */
    public static IndexBuild of(SqlStatement statement) {
        List<Token> tokens = tokens(statement.text());
        if (keyword(tokens, 0, "CREATE")) {
            return create(tokens);
        }
        if (keyword(tokens, 0, "REINDEX")) {
            return reindex(tokens);
        }
        return null;
    }

    private static IndexBuild create(List<Token> tokens) {
        int i = keyword(tokens, 1, "UNIQUE") ? 2 : 1;
        if (!keyword(tokens, i, "INDEX") || !keyword(tokens, i + 1, "CONCURRENTLY")) {
            return null;
        }
        i += 2;
        if (keyword(tokens, i, "IF") && keyword(tokens, i + 1, "NOT") && keyword(tokens, i + 2, "EXISTS")) {
            i += 3;
        }
        String index = null;
        if (!keyword(tokens, i, "ON")) {
            if (!isIdentifier(tokens, i)) {
                return null;
            }
            index = name(tokens.get(i));
            i++;
        }
        if (!keyword(tokens, i, "ON")) {
            return null;
        }
        i++;
        if (keyword(tokens, i, "ONLY")) {
            i++;
        }
        String table = qualifiedName(tokens, i);
        return table == null ? null : new IndexBuild(Kind.CREATE_INDEX, index, table);
    }

    private static IndexBuild reindex(List<Token> tokens) {
        int i = 1;
        boolean concurrently = false;
        if (i < tokens.size() && tokens.get(i).kind() == TokenKind.OPEN_PAREN) {
            i++;
            while (i < tokens.size() && tokens.get(i).depth() > 0) {
                if (tokens.get(i).depth() == 1 && keyword(tokens, i, "CONCURRENTLY") && !keyword(tokens, i + 1, "FALSE")
                        && !keyword(tokens, i + 1, "OFF") && !(i + 1 < tokens.size() && tokens.get(i + 1).text().equals("0"))) {
                    concurrently = true;
                }
                i++;
            }
            i++; // the closing parenthesis
        }
        Kind kind;
        if (keyword(tokens, i, "INDEX")) {
            kind = Kind.REINDEX_INDEX;
        } else if (keyword(tokens, i, "TABLE")) {
            kind = Kind.REINDEX_TABLE;
        } else if (keyword(tokens, i, "SCHEMA")) {
            kind = Kind.REINDEX_SCHEMA;
        } else {
            return null;
        }
        i++;
        if (keyword(tokens, i, "CONCURRENTLY")) {
            concurrently = true;
            i++;
        }
        if (!concurrently) {
            return null;
        }
        if (kind == Kind.REINDEX_SCHEMA) {
            return isIdentifier(tokens, i) && name(tokens.get(i)) != null
                    ? new IndexBuild(kind, null, name(tokens.get(i))) : null;
        }
        String target = qualifiedName(tokens, i);
        return target == null ? null : new IndexBuild(kind, null, target);
    }

    /** {@code a}, {@code a.b} or {@code "A"."b"} from {@code from} on, as written; null when there is none. */
    private static String qualifiedName(List<Token> tokens, int from) {
        if (!isIdentifier(tokens, from)) {
            return null;
        }
        StringBuilder text = new StringBuilder(tokens.get(from).text());
        int i = from + 1;
        while (i + 1 < tokens.size() && tokens.get(i).text().equals(".") && isIdentifier(tokens, i + 1)) {
            text.append('.').append(tokens.get(i + 1).text());
            i += 2;
        }
        return text.toString();
    }

    private static boolean isIdentifier(List<Token> tokens, int index) {
        if (index >= tokens.size()) {
            return false;
        }
        TokenKind kind = tokens.get(index).kind();
        return kind == TokenKind.WORD || kind == TokenKind.QUOTED_IDENTIFIER;
    }

    /** The identifier as the server stores it; null for a {@code U&"…"} one, whose escapes are not decoded here. */
    private static String name(Token token) {
        String text = token.text();
        String name;
        if (token.kind() == TokenKind.WORD) {
            // The server folds only ASCII letters.
            StringBuilder folded = new StringBuilder(text.length());
            for (char c : text.toCharArray()) {
                folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
            name = folded.toString();
        } else if (text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) {
            name = text.substring(1, text.length() - 1).replace("\"\"", "\"");
        } else {
            return null;
        }
        return truncate(name);
    }

    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        int end = name.length();
        while (name.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            end = Character.isLowSurrogate(name.charAt(end - 1)) ? end - 2 : end - 1;
        }
        return name.substring(0, end);
    }

    private static boolean keyword(List<Token> tokens, int index, String keyword) {
        return index < tokens.size() && tokens.get(index).kind() == TokenKind.WORD
                && tokens.get(index).text().toUpperCase(Locale.ROOT).equals(keyword);
    }

    private static List<Token> tokens(String text) {
        SqlLexer lexer = new SqlLexer(text, 0);
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        while (true) {
            TokenKind kind = lexer.next();
            if (kind == TokenKind.END_OF_INPUT || kind == TokenKind.SEMICOLON) {
                return tokens;
            }
            if (kind == TokenKind.CLOSE_PAREN && depth > 0) {
                depth--;
            }
            tokens.add(new Token(kind, text.substring(lexer.tokenStart(), lexer.tokenEnd()), depth));
            if (kind == TokenKind.OPEN_PAREN) {
                depth++;
            }
        }
    }
}
