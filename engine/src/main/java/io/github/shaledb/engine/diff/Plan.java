package io.github.shaledb.engine.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Statements collected by {@link Phase}, read back in phase order. */
final class Plan {
    private final Map<Phase, List<Change>> byPhase = new EnumMap<>(Phase.class);

    void add(Phase phase, String sql, Hazard... hazards) {
        add(phase, new Change(sql + ";", true, Arrays.asList(hazards)));
    }

    void add(Phase phase, String sql, List<Hazard> hazards) {
        add(phase, new Change(sql + ";", true, hazards));
    }

    /** For {@code CONCURRENTLY}: PostgreSQL refuses it inside a transaction block. */
    void addOutsideTransaction(Phase phase, String sql, Hazard... hazards) {
        add(phase, new Change(sql + ";", false, Arrays.asList(hazards)));
    }

    private void add(Phase phase, Change change) {
        byPhase.computeIfAbsent(phase, p -> new ArrayList<>()).add(change);
    }

    List<Change> changes() {
        List<Change> all = new ArrayList<>();
        byPhase.values().forEach(all::addAll);
        return all;
    }
}
