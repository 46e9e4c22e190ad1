package io.github.shaledb.engine.schema;

/** A column of a table, as in {@code OWNED BY table.column}. */
public record ColumnRef(QualifiedName table, String column) {
}
