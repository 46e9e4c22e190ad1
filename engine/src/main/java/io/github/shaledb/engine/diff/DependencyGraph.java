package io.github.shaledb.engine.diff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Nodes and what each depends on, put in an order where every node follows its dependencies; among
 * nodes free at the same time the smallest comes first, so the order is the same on every run.
 */
final class DependencyGraph<N extends Comparable<N>> {
    private final Map<N, Set<N>> dependencies = new TreeMap<>();

    void add(N node) {
        dependencies.computeIfAbsent(node, n -> new TreeSet<>());
    }

    /** {@code node} must come after {@code dependency}; a dependency that is not a node is ignored. */
    void dependsOn(N node, N dependency) {
        add(node);
        if (!node.equals(dependency)) {
            dependencies.get(node).add(dependency);
        }
    }

    /** Creation order: dependencies first. A cycle is broken at its smallest node. */
    List<N> order() {
        Map<N, Set<N>> waiting = new TreeMap<>();
        dependencies.forEach((node, deps) -> {
            Set<N> known = new TreeSet<>(deps);
            known.retainAll(dependencies.keySet());
            waiting.put(node, known);
        });
        List<N> ordered = new ArrayList<>();
        while (!waiting.isEmpty()) {
            N next = waiting.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                    .findFirst().orElse(waiting.keySet().iterator().next());
            waiting.remove(next);
            waiting.values().forEach(deps -> deps.remove(next));
            ordered.add(next);
        }
        return ordered;
    }

    /** Drop order: dependents first. */
    List<N> reverseOrder() {
        List<N> ordered = new ArrayList<>(order());
        java.util.Collections.reverse(ordered);
        return ordered;
    }

    /** {@code start} and every node that depends on one of them, directly or not. */
    Set<N> dependentsOf(Collection<N> start) {
        Set<N> found = new TreeSet<>(start);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<N, Set<N>> e : dependencies.entrySet()) {
                if (!found.contains(e.getKey()) && e.getValue().stream().anyMatch(found::contains)) {
                    found.add(e.getKey());
                    grew = true;
                }
            }
        }
        return found;
    }
}
