package io.github.shaledb.engine.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Every migration known on disk or in the tracking table, in journal order, then the missing ones.
 *
 * @param rows           every migration's state
 * @param current        the latest applied tag, or null when none is applied
 * @param invalidIndexes the INVALID indexes in the managed schemas (and their tables' TOAST indexes)
 */
public record StatusResult(List<Row> rows, String current, List<InvalidIndex> invalidIndexes) {

    /** Copies the lists; null invalid indexes means none. */
    public StatusResult {
        rows = List.copyOf(rows);
        invalidIndexes = invalidIndexes == null ? List.of() : List.copyOf(invalidIndexes);
    }

    /** A result without invalid indexes. */
    public StatusResult(List<Row> rows, String current) {
        this(rows, current, List.of());
    }

    /** A migration's state. */
    public enum State {
        /** Recorded in the tracking table with the file's hash. */
        APPLIED,
        /** On disk, not recorded; {@code migrate} applies it. */
        PENDING,
        /** Recorded, but the file's hash differs: {@code migrate} fails until the edit is undone or repaired. */
        MODIFIED,
        /** Not recorded and older than the newest applied one: {@code migrate} fails unless out-of-order is allowed. */
        OUT_OF_ORDER,
        /** Recorded, but no longer on disk. */
        MISSING
    }

    /** Where db:rollback would take an applied migration's down script from, if anywhere. */
    public enum Down {
        /** The {@code down.sql} file on disk. */
        FILE,
        /** The down script stored in the tracking row when it was applied. */
        STORED,
        /** None: rollback stops before this migration. */
        NONE
    }

    /**
     * One migration.
     *
     * @param tag         e.g. {@code 0001_add_orders}
     * @param state       its state
     * @param appliedAt   when it was applied, or null
     * @param fileHash    the SHA-256 of its {@code migration.sql}, or null when missing on disk
     * @param appliedHash the hash recorded when applied, or null
     * @param down for an applied migration, where its down script is; null for one not applied
     */
    public record Row(String tag, State state, OffsetDateTime appliedAt, String fileHash, String appliedHash, Down down) {
        /** A row without down-script information. */
        public Row(String tag, State state, OffsetDateTime appliedAt, String fileHash, String appliedHash) {
            this(tag, state, appliedAt, fileHash, appliedHash, null);
        }
    }

    /** @param state a state @return how many migrations are in it */
    public long count(State state) {
        return rows.stream().filter(r -> r.state() == state).count();
    }
}
