package io.github.shaledb.engine.api;

import java.util.List;

/**
 * One page of a table's or view's rows, every value as PostgreSQL prints it (null for SQL NULL).
 *
 * @param columns   the columns in table order
 * @param key       the columns that identify a row (the primary key, else a unique key of NOT NULL columns); empty
 *                  when there is none, and then rows cannot be edited
 * @param rows      the page's rows, each value in column order
 * @param total     how many rows match the filters; an estimate when {@code estimated}
 * @param estimated true when {@code total} is the planner's estimate (a big table), false when counted
 */
public record StudioRows(String schema, String table, List<Column> columns, List<String> key, List<List<String>> rows,
                         long offset, int limit, long total, boolean estimated) {
    /** Copies the lists (a row may hold nulls). */
    public StudioRows {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /**
     * @param references the table and column a single-column foreign key on this column points at, else null
     */
    public record Column(String name, String type, Reference references) {
    }

    /** Where a foreign key value leads. */
    public record Reference(String schema, String table, String column) {
    }

    /**
     * What to read.
     *
     * @param limit      rows per page, 1 to {@link #MAX_LIMIT}
     * @param sort       the column to order by, or null for the key's order
     * @param descending reverse the order
     * @param filters    all must match
     */
    public record Query(String schema, String table, long offset, int limit, String sort, boolean descending,
                        List<Filter> filters) {
        /** The largest page. */
        public static final int MAX_LIMIT = 1000;

        /** Copies the list; null filters means none. */
        public Query {
            filters = filters == null ? List.of() : List.copyOf(filters);
        }
    }

    /**
     * A condition on one column.
     *
     * @param value compared as the column's type ({@link Operator#CONTAINS}: as text, case-insensitive); ignored
     *              by {@link Operator#IS_NULL} and {@link Operator#IS_NOT_NULL}
     */
    public record Filter(String column, Operator operator, String value) {
    }

    /** How a filter compares. */
    public enum Operator {
        EQUALS("="), NOT_EQUALS("<>"), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="),
        CONTAINS("contains"), IS_NULL("is null"), IS_NOT_NULL("is not null");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** @return how the page shows it: {@code =}, {@code contains}, {@code is null} */
        public String symbol() {
            return symbol;
        }
    }
}
