package io.github.shaledb.engine.schema;

/**
 * One key of an index: a {@code column} or, for an expression index, the {@code expression} text.
 *
 * @param opclass    null when the type's default operator class is used
 * @param descending {@code DESC}
 * @param nullsFirst whether nulls sort first (the default for {@code DESC}); false for methods without order
 */
public record IndexKey(String column, String expression, QualifiedName opclass, boolean descending, boolean nullsFirst) {
}
