package io.github.shaledb.engine.diff;

import java.util.List;

/**
 * One statement of a migration, in execution order.
 *
 * @param sql           one complete statement ending in {@code ;}
 * @param transactional false for statements PostgreSQL refuses inside a transaction block ({@code CONCURRENTLY})
 * @param hazards       what it risks on existing data or availability; empty when safe
 */
public record Change(String sql, boolean transactional, List<Hazard> hazards) {
    public Change {
        hazards = List.copyOf(hazards);
    }

    public boolean losesData() {
        return hazards.stream().anyMatch(h -> h.kind() == Hazard.Kind.DATA_LOSS);
    }
}
