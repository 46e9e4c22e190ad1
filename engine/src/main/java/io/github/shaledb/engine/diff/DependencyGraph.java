package io.github.shaledb.engine.diff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
        // Most nodes depend on nothing: they share the empty set until they get a dependency.
        dependencies.putIfAbsent(node, Set.of());
    }

    /** {@code node} must come after {@code dependency}; a dependency that is not a node is ignored. */
    void dependsOn(N node, N dependency) {
        add(node);
        if (!node.equals(dependency)) {
            Set<N> deps = dependencies.get(node);
            if (deps.isEmpty()) {
                deps = new TreeSet<>();
                dependencies.put(node, deps);
            }
            deps.add(dependency);
        }
    }

    /** Creation order: dependencies first. A cycle is broken at its smallest node. */
    List<N> order() {
        Map<N, Set<N>> dependents = dependents();
        if (dependents.isEmpty()) {
            return new ArrayList<>(dependencies.keySet()); // no edges: every node is free at once
        }
        Map<N, Integer> unmet = new TreeMap<>();
        TreeSet<N> ready = new TreeSet<>();
        dependencies.forEach((node, deps) -> {
            int count = 0;
            for (N dependency : deps) {
                if (dependencies.containsKey(dependency)) {
                    count++;
                }
            }
            unmet.put(node, count);
            if (count == 0) {
                ready.add(node);
            }
        });
        List<N> ordered = new ArrayList<>(dependencies.size());
        while (!unmet.isEmpty()) {
            N next = ready.isEmpty() ? unmet.keySet().iterator().next() : ready.pollFirst();
            unmet.remove(next);
            ordered.add(next);
            for (N dependent : dependents.getOrDefault(next, Set.of())) {
                Integer left = unmet.get(dependent);
                if (left != null && left > 0) {
                    unmet.put(dependent, left - 1);
                    if (left == 1) {
                        ready.add(dependent);
                    }
                }
            }
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
        Map<N, Set<N>> dependents = dependents();
        Set<N> found = new TreeSet<>(start);
        ArrayDeque<N> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            for (N dependent : dependents.getOrDefault(todo.poll(), Set.of())) {
                if (found.add(dependent)) {
                    todo.add(dependent);
                }
            }
        }
        return found;
    }

    /** The reverse edges: for each node, the nodes that depend on it. */
    private Map<N, Set<N>> dependents() {
        Map<N, Set<N>> dependents = new HashMap<>();
        dependencies.forEach((node, deps) -> deps.forEach(d -> dependents.computeIfAbsent(d, k -> new TreeSet<>()).add(node)));
        return dependents;
    }
}
