package io.github.shaledb.engine.schema;

/**
 * A trigger of a table, partitioned table or view. The copies a partition gets of its partitioned table's
 * row triggers, and the internal triggers of foreign keys, are not triggers of their own.
 *
 * @param table      the table or view it is on
 * @param definition {@code pg_get_triggerdef(oid)}: the whole {@code CREATE [CONSTRAINT] TRIGGER} statement, with
 *                   timing, events, {@code UPDATE OF} columns, transition tables, row or statement,
 *                   {@code DEFERRABLE}, {@code WHEN} and the function call
 * @param constraint a {@code CREATE CONSTRAINT TRIGGER} (which {@code CREATE OR REPLACE} cannot change)
 */
public record Trigger(QualifiedName table, String name, String definition, TriggerState state, boolean constraint,
                      String comment) {
    public TableScopedName key() {
        return new TableScopedName(table, name);
    }
}
