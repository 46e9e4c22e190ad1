package io.github.shaledb.engine.lint;

/**
 * A table's size in the {@code db.url} database.
 *
 * @param rows  {@code pg_class.reltuples}, the planner's estimate; -1 when the table was never analysed
 * @param bytes {@code pg_total_relation_size}: heap, indexes and TOAST
 */
public record TableSize(long rows, long bytes) {
}
