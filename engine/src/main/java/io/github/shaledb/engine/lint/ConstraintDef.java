package io.github.shaledb.engine.lint;

import java.util.List;

/**
 * A table constraint as written in {@code CREATE TABLE} or {@code ALTER TABLE … ADD}.
 *
 * @param name       its name, or null when the server names it
 * @param type       what kind
 * @param columns    the constrained columns (the referencing ones for a foreign key); empty when not plain columns
 * @param refTable   the referenced table, {@code schema.name}, for a foreign key; else null
 * @param refColumns the referenced columns; empty when not written
 * @param notValid   {@code NOT VALID}
 * @param usingIndex the index named by {@code USING INDEX}; null when none
 * @param expression the {@code CHECK} expression as written; null otherwise
 */
public record ConstraintDef(String name, Type type, List<String> columns, String refTable, List<String> refColumns,
                            boolean notValid, String usingIndex, String expression) {

    /** The kinds of table constraint. */
    public enum Type { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE, NOT_NULL }

    /** Copies the lists. */
    public ConstraintDef {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }
}
