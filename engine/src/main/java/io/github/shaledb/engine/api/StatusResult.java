package io.github.shaledb.engine.api;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Every migration known on disk or in the tracking table, in journal order, then the missing ones.
 *
 * @param invalidIndexes the INVALID indexes in the managed schemas (and their tables' TOAST indexes)
 */
public record StatusResult(List<Row> rows, String current, List<InvalidIndex> invalidIndexes) {

    public StatusResult {
        rows = List.copyOf(rows);
        invalidIndexes = invalidIndexes == null ? List.of() : List.copyOf(invalidIndexes);
    }

    public StatusResult(List<Row> rows, String current) {
        this(rows, current, List.of());
    }

    public enum State { APPLIED, PENDING, MODIFIED, OUT_OF_ORDER, MISSING }

    /** Where db:rollback would take an applied migration's down script from, if anywhere. */
    public enum Down { FILE, STORED, NONE }

    /** @param down for an applied migration, where its down script is; null for one not applied */
    public record Row(String tag, State state, OffsetDateTime appliedAt, String fileHash, String appliedHash, Down down) {
        public Row(String tag, State state, OffsetDateTime appliedAt, String fileHash, String appliedHash) {
            this(tag, state, appliedAt, fileHash, appliedHash, null);
        }
    }

    public long count(State state) {
        return rows.stream().filter(r -> r.state() == state).count();
    }
}
