package io.github.shaledb.engine.api;

import java.util.regex.Pattern;

/**
 * An index PostgreSQL marks INVALID ({@code pg_index.indisvalid} false): what a {@code CREATE INDEX CONCURRENTLY}
 * or {@code REINDEX … CONCURRENTLY} leaves when it is killed or fails half-way. Queries never use it, yet every
 * write still maintains it, and a unique one still rejects duplicates.
 *
 * @param schema      the index's schema
 * @param name        the index's name
 * @param table       its table, schema-qualified and quoted as SQL
 * @param definition  {@code pg_get_indexdef}: the CREATE INDEX statement that would build it
 * @param quotedName  schema and name as SQL text, quoted where needed
 */
public record InvalidIndex(String schema, String name, String table, String definition, String quotedName) {
    /** The names REINDEX CONCURRENTLY gives its transient copy ({@code _ccnew}) and the index it replaced ({@code _ccold}). */
    private static final Pattern REINDEX_COPY = Pattern.compile(".*_cc(new|old)[0-9]*");

    /** A copy an interrupted {@code REINDEX … CONCURRENTLY} left: the index it rebuilt is intact, the copy only needs dropping. */
    public boolean reindexLeftover() {
        return REINDEX_COPY.matcher(name).matches();
    }

    /** The SQL that repairs it, with a word on what it does. */
    public String fix() {
        if (reindexLeftover()) {
            return "DROP INDEX CONCURRENTLY " + quotedName + "; (a leftover copy of an interrupted REINDEX … CONCURRENTLY;"
                    + " the index it rebuilt is intact)";
        }
        return "REINDEX INDEX CONCURRENTLY " + quotedName + "; rebuilds it in place (a unique index needs its duplicate"
                + " rows removed first); or DROP INDEX CONCURRENTLY " + quotedName + "; then run the migration that"
                + " creates it again (db:migrate builds it again while that migration is not recorded as applied)";
    }
}
