package io.github.shaledb.engine.api;

import java.time.OffsetDateTime;
import java.util.List;

/** Every migration known on disk or in the tracking table, in journal order, then the missing ones. */
public record StatusResult(List<Row> rows, String current) {

    public StatusResult {
        rows = List.copyOf(rows);
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
