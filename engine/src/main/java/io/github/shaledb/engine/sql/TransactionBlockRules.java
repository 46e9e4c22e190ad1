package io.github.shaledb.engine.sql;

import io.github.shaledb.engine.sql.SqlLexer.TokenKind;

/**
 * Which statements PostgreSQL refuses inside a transaction block ("... cannot run inside a
 * transaction block", {@code PreventInTransactionBlock} in the server). Decided on tokens, so
 * a keyword inside a string, comment, quoted identifier or function body never counts.
 */
final class TransactionBlockRules {

    private TransactionBlockRules() {
    }

    static boolean refusedInTransactionBlock(StatementTokens tokens) {
        if (tokens.isKeyword(0, "VACUUM")) {
            return true;
        }
        if (tokens.isKeyword(0, "CREATE")) {
            return createRefused(tokens);
        }
        if (tokens.isKeyword(0, "DROP")) {
            return tokens.isKeyword(1, "INDEX") && tokens.isKeyword(2, "CONCURRENTLY")
                || isDatabaseTablespaceOrSubscription(tokens, 1);
        }
        if (tokens.isKeyword(0, "ALTER")) {
            return alterRefused(tokens);
        }
        if (tokens.isKeyword(0, "REINDEX")) {
            return reindexRefused(tokens);
        }
        if (tokens.isKeyword(0, "CLUSTER")) {
            return clusterWithoutTable(tokens);
        }
        if (tokens.isKeyword(0, "COMMIT") || tokens.isKeyword(0, "ROLLBACK")) {
            return tokens.isKeyword(1, "PREPARED");
        }
        return tokens.isKeyword(0, "DISCARD") && tokens.isKeyword(1, "ALL");
    }

    private static boolean createRefused(StatementTokens tokens) {
        int index = tokens.isKeyword(1, "UNIQUE") ? 2 : 1;
        if (tokens.isKeyword(index, "INDEX")) {
            return tokens.isKeyword(index + 1, "CONCURRENTLY");
        }
        return isDatabaseTablespaceOrSubscription(tokens, 1);
    }

    private static boolean isDatabaseTablespaceOrSubscription(StatementTokens tokens, int index) {
        return tokens.isKeyword(index, "DATABASE")
            || tokens.isKeyword(index, "TABLESPACE")
            || tokens.isKeyword(index, "SUBSCRIPTION");
    }

    private static boolean alterRefused(StatementTokens tokens) {
        if (tokens.isKeyword(1, "SYSTEM")) {
            return true;
        }
        if (tokens.isKeyword(1, "DATABASE")) {
            int set = tokens.indexOfTopLevelKeyword("SET", 2);
            return set > 0 && tokens.isKeyword(set + 1, "TABLESPACE");
        }
        if (tokens.isKeyword(1, "TABLE")) {
            int detach = tokens.indexOfTopLevelKeyword("DETACH", 2);
            return detach > 0
                && tokens.isKeyword(detach + 1, "PARTITION")
                && tokens.indexOfTopLevelKeyword("CONCURRENTLY", detach + 2) > 0;
        }
        return false;
    }

    /** {@code REINDEX [(options)] {INDEX|TABLE|SCHEMA|DATABASE|SYSTEM} [CONCURRENTLY] name}. */
    private static boolean reindexRefused(StatementTokens tokens) {
        int index = 1;
        if (tokens.size() > 1 && tokens.kind(1) == TokenKind.OPEN_PAREN) {
            int close = closingParen(tokens, 1);
            for (int option = 2; option < close; option++) {
                if (tokens.depth(option) == 1 && tokens.isKeyword(option, "CONCURRENTLY")
                    && !tokens.isKeyword(option + 1, "FALSE") && !tokens.isKeyword(option + 1, "OFF")) {
                    return true;
                }
            }
            index = close + 1;
        }
        // Multi-table forms commit between tables, so the server refuses them in a block.
        return tokens.isKeyword(index, "SCHEMA")
            || tokens.isKeyword(index, "DATABASE")
            || tokens.isKeyword(index, "SYSTEM")
            || tokens.isKeyword(index + 1, "CONCURRENTLY");
    }

    /** {@code CLUSTER [VERBOSE]} or {@code CLUSTER (options)} with no table reclusters everything. */
    private static boolean clusterWithoutTable(StatementTokens tokens) {
        int index = 1;
        if (tokens.size() > 1 && tokens.kind(1) == TokenKind.OPEN_PAREN) {
            index = closingParen(tokens, 1) + 1;
        } else if (tokens.isKeyword(1, "VERBOSE")) {
            index = 2;
        }
        return index >= tokens.size();
    }

    /** The index of the parenthesis closing the one at {@code open}, or the last index if none. */
    private static int closingParen(StatementTokens tokens, int open) {
        int depth = tokens.depth(open);
        for (int index = open + 1; index < tokens.size(); index++) {
            if (tokens.kind(index) == TokenKind.CLOSE_PAREN && tokens.depth(index) == depth) {
                return index;
            }
        }
        return tokens.size() - 1;
    }
}
