package io.github.shaledb.engine.api;

import java.time.OffsetDateTime;
import java.util.List;

/** Every migration known on disk or in the tracking table, in journal order, then the missing ones. */
public record StatusResult(List<Row> rows, String current) {

    public StatusResult {
        rows = List.copyOf(rows);
    }

    public enum State { APPLIED, PENDING, MODIFIED, OUT_OF_ORDER, MISSING }

    public record Row(String tag, State state, OffsetDateTime appliedAt, String fileHash, String appliedHash) {
    }

    public long count(State state) {
        return rows.stream().filter(r -> r.state() == state).count();
    }
}
