package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.QualifiedName;

/**
 * A dropped object and a created one that may be the same object renamed. Never guessed: the user
 * decides (interactively, or with a {@code db.renames} hint), or it is a drop and a create.
 *
 * @param table for a column, its table; for a table, the table that disappears
 * @param from  the old name (column name, or table name without schema)
 * @param to    the new name
 */
public record RenameCandidate(Kind kind, QualifiedName table, String from, String to) {
    public enum Kind { TABLE, COLUMN }

    /** The {@code db.renames} hint that accepts this rename: {@code old:new} for tables, {@code table.old:new} for columns. */
    public String hint() {
        return kind == Kind.TABLE ? from + ":" + to : table.name() + "." + from + ":" + to;
    }

    /** For the interactive question: "column users.name created, or renamed from users.full_name?" */
    public String question() {
        return kind == Kind.TABLE
                ? "Table " + table.schema() + "." + to + ": created, or renamed from " + table.schema() + "." + from + "?"
                : "Column " + table + "." + to + ": created, or renamed from " + table + "." + from + "?";
    }
}
