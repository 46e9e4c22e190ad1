package io.github.shaledb.engine.diff;

/** What a statement risks on a live database; shown as a comment above it and in the log. */
public record Hazard(Kind kind, String description) {
    public enum Kind {
        /** Rows or values are lost: dropped table or column, narrowing type change, removed enum value. */
        DATA_LOSS,
        /** The table is rewritten while an ACCESS EXCLUSIVE lock is held (e.g. a type change). */
        TABLE_REWRITE,
        /** An ACCESS EXCLUSIVE lock is taken, blocking reads and writes for the statement's duration. */
        ACCESS_EXCLUSIVE_LOCK,
        /** The statement fails when the table has rows (a NOT NULL column added without a default). */
        FAILS_ON_ROWS
    }

    /** The comment line above the statement, e.g. {@code -- hazard: DATA_LOSS: drops column "email" of …}. */
    public String comment() {
        return "-- hazard: " + kind + ": " + description;
    }
}
