package io.github.shaledb.engine.sql;

import java.util.List;

/** A migration script split into statements by a real PostgreSQL lexer. */
public final class SqlScript {

    public static SqlScript parse(String sql) {
        throw new UnsupportedOperationException("TODO");
    }

    public List<SqlStatement> statements() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The first line is {@code -- db:no-transaction}. */
    public boolean noTransactionDirective() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The directive is present or some statement cannot run inside a transaction block. */
    public boolean requiresNoTransaction() {
        throw new UnsupportedOperationException("TODO");
    }
}
