package io.github.shaledb.engine.migrations;

/** The three folder layouts Shale reads without conversion, and db:generate continues in the layout it finds. */
public enum Layout {
    /** Shale's: {@code meta/_journal.json} and {@code 0000_x/migration.sql} (+ down.sql, snapshot.json). */
    JOURNAL_FOLDERS,
    /**
     * drizzle-kit's flat one: {@code meta/_journal.json}, {@code 0000_x.sql}, {@code meta/0000_snapshot.json}; Shale
     * adds {@code 0000_x.down.sql}, which drizzle-orm does not read, and writes its own snapshots there.
     */
    JOURNAL_FLAT,
    /** drizzle-kit's journal-less one: {@code 20250101120000_x/migration.sql}. */
    FOLDERS,
    /** No folder, or a folder with nothing in it. */
    EMPTY
}
