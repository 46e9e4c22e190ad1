package io.github.shaledb.engine.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statements collected by {@link Phase}, read back in phase order. In a dependency-ordered phase each
 * statement names the object it is about, and the objects are put in the order of the source's or the
 * target's dependency graph (an object's statements stay together, in the order they were made).
 */
final class Plan {
    private final Map<Phase, List<Change>> byPhase = new EnumMap<>(Phase.class);
    private final Map<Phase, List<String>> objects = new EnumMap<>(Phase.class);
    private DependencyIndex source;
    private DependencyIndex target;

    /** The graphs the dependency-ordered phases follow: drops the source's, creates the target's. */
    void dependencies(DependencyIndex source, DependencyIndex target) {
        this.source = source;
        this.target = target;
    }

    void add(Phase phase, String sql, Hazard... hazards) {
        add(phase, null, new Change(sql + ";", true, Arrays.asList(hazards)));
    }

    void add(Phase phase, String sql, List<Hazard> hazards) {
        add(phase, null, new Change(sql + ";", true, hazards));
    }

    /** A statement about {@code object} (an ObjectId), for the phases ordered by dependencies. */
    void add(Phase phase, String object, String sql, Hazard... hazards) {
        add(phase, object, new Change(sql + ";", true, Arrays.asList(hazards)));
    }

    /** For {@code CONCURRENTLY}: PostgreSQL refuses it inside a transaction block. */
    void addOutsideTransaction(Phase phase, String sql, Hazard... hazards) {
        add(phase, null, new Change(sql + ";", false, Arrays.asList(hazards)));
    }

    private void add(Phase phase, String object, Change change) {
        if (phase.order() != Phase.Order.AS_MADE && object == null) {
            throw new IllegalArgumentException("a statement of " + phase + " must name its object: " + change.sql());
        }
        byPhase.computeIfAbsent(phase, p -> new ArrayList<>()).add(change);
        objects.computeIfAbsent(phase, p -> new ArrayList<>()).add(object);
    }

    /** Whether any statement was added to the phase. */
    boolean has(Phase phase) {
        return byPhase.containsKey(phase);
    }

    List<Change> changes() {
        List<Change> all = new ArrayList<>();
        byPhase.forEach((phase, changes) -> all.addAll(phase.order() == Phase.Order.AS_MADE ? changes
                : ordered(phase, changes, objects.get(phase))));
        return all;
    }

    /** The statements of a phase grouped by object, the objects in dependency order. */
    private List<Change> ordered(Phase phase, List<Change> changes, List<String> names) {
        Map<String, List<Change>> byObject = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            byObject.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(changes.get(i));
        }
        boolean drops = phase.order() == Phase.Order.DEPENDENTS_FIRST;
        DependencyIndex graph = drops ? source : target;
        DependencyGraph<String> order = new DependencyGraph<>();
        byObject.keySet().forEach(order::add);
        if (graph != null) {
            for (Map.Entry<String, Set<String>> e : graph.among(byObject.keySet()).entrySet()) {
                e.getValue().forEach(needed -> order.dependsOn(e.getKey(), needed));
            }
        }
        List<Change> result = new ArrayList<>();
        for (String object : drops ? order.reverseOrder() : order.order()) {
            result.addAll(byObject.get(object));
        }
        return result;
    }
}
