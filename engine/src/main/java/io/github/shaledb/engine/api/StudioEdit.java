package io.github.shaledb.engine.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A row change of the studio's data page: the SQL it runs, and whether it ran.
 *
 * @param sql     the statement, with every value as a literal: exactly what runs
 * @param applied true when it ran and was committed
 * @param rows    rows it changed (0 for a preview)
 */
public record StudioEdit(String sql, boolean applied, int rows) {

    /** What a change does. */
    public enum Operation { INSERT, UPDATE, DELETE }

    /**
     * A change of one row.
     *
     * @param key    for UPDATE and DELETE: the row's key columns and their current values (see {@link StudioRows#key()})
     * @param values for INSERT and UPDATE: the columns to set and their new values; a null value sets SQL NULL; a
     *               column left out of an INSERT gets its default
     */
    public record Request(Operation operation, String schema, String table, Map<String, String> key,
                          Map<String, String> values) {
        /** Copies the maps, keeping their order and null values; null means empty. */
        public Request {
            key = key == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(key));
            values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }
}
