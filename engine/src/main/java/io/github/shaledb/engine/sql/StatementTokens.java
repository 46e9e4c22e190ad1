package io.github.shaledb.engine.sql;

import io.github.shaledb.engine.sql.SqlLexer.TokenKind;
import java.util.Arrays;

/**
 * The tokens of the statement being split, with their parenthesis depth. One instance is reused
 * for every statement of a script, so a large script allocates no per-token objects.
 */
final class StatementTokens {

    private final String source;
    private TokenKind[] kinds = new TokenKind[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int[] depths = new int[64];
    private int size;

    StatementTokens(String source) {
        this.source = source;
    }

    void add(TokenKind kind, int start, int end, int depth) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            depths = Arrays.copyOf(depths, capacity);
        }
        kinds[size] = kind;
        starts[size] = start;
        ends[size] = end;
        depths[size] = depth;
        size++;
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    TokenKind kind(int index) {
        return kinds[index];
    }

    int depth(int index) {
        return depths[index];
    }

    /** Whether the token at {@code index} is the unquoted keyword, in any letter case. */
    boolean isKeyword(int index, String keyword) {
        return index >= 0 && index < size
            && kinds[index] == TokenKind.WORD
            && ends[index] - starts[index] == keyword.length()
            && source.regionMatches(true, starts[index], keyword, 0, keyword.length());
    }

    /** The first index at or after {@code from} holding the keyword outside parentheses, or -1. */
    int indexOfTopLevelKeyword(String keyword, int from) {
        for (int index = Math.max(from, 0); index < size; index++) {
            if (depths[index] == 0 && isKeyword(index, keyword)) {
                return index;
            }
        }
        return -1;
    }
}
