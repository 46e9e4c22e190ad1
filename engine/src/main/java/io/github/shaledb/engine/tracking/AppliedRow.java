package io.github.shaledb.engine.tracking;

import java.time.OffsetDateTime;

/**
 * One row of the tracking table. {@code name} is null for rows written by drizzle-orm 0.x; {@code hasDown} says
 * whether the row stores the down script as applied (rows written by drizzle or before Shale stored it do not).
 */
public record AppliedRow(int id, String hash, Long createdAt, String name, OffsetDateTime appliedAt, boolean hasDown) {
}
