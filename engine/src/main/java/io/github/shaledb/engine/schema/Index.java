package io.github.shaledb.engine.schema;

import java.util.List;

/**
 * An index that backs no constraint (those belong to their {@link Constraint}).
 *
 * @param method     access method: btree, gist, gin, hash, brin, …
 * @param include    the {@code INCLUDE (…)} columns
 * @param predicate  the {@code WHERE} of a partial index, else null
 * @param definition {@code pg_get_indexdef(oid)}, the whole {@code CREATE INDEX} statement
 */
public record Index(String name, boolean unique, boolean nullsNotDistinct, String method, List<IndexKey> keys,
                    List<String> include, String predicate, String definition, String comment) {
    public Index {
        keys = Sorted.kept(keys);
        include = Sorted.kept(include);
    }
}
