package io.github.shaledb.engine.schema;

/**
 * The name of an object that is named within its table or view (a trigger, a policy): PostgreSQL lets two
 * tables each have a trigger {@code audit}, so the table is part of the key.
 */
public record TableScopedName(QualifiedName table, String name) implements Comparable<TableScopedName> {
    @Override
    public int compareTo(TableScopedName other) {
        int byTable = table.compareTo(other.table);
        return byTable != 0 ? byTable : name.compareTo(other.name);
    }

    /** For messages only: {@code public.users.audit}, not SQL. */
    @Override
    public String toString() {
        return table + "." + name;
    }
}
