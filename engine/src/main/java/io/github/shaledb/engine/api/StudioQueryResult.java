package io.github.shaledb.engine.api;

import java.util.List;

/**
 * What one statement of the studio's SQL box returned.
 *
 * @param command     the server's command tag word: {@code SELECT}, {@code UPDATE}, …
 * @param columns     the result's column names; empty for a statement without rows
 * @param rows        at most {@link #MAX_ROWS} rows, every value as text (null for SQL NULL)
 * @param truncated   true when the statement returned more rows than were kept
 * @param updateCount rows changed by a statement without a result, else -1
 * @param readOnly    true when it ran in a read-only transaction that was rolled back
 * @param millis      how long it ran
 */
public record StudioQueryResult(String command, List<String> columns, List<List<String>> rows, boolean truncated,
                                long updateCount, boolean readOnly, long millis) {
    /** The most rows a result keeps. */
    public static final int MAX_ROWS = 1000;

    /** Copies the lists (a row may hold nulls). */
    public StudioQueryResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
