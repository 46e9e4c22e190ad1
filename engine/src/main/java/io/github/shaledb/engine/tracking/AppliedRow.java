package io.github.shaledb.engine.tracking;

import java.time.OffsetDateTime;

/** One row of the tracking table. {@code name} is null for rows written by drizzle-orm 0.x. */
public record AppliedRow(int id, String hash, Long createdAt, String name, OffsetDateTime appliedAt) {
}
