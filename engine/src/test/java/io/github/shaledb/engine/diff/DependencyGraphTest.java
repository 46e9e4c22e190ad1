package io.github.shaledb.engine.diff;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyGraphTest {

    @Test
    void withoutEdgesNodesComeInNameOrder() {
        DependencyGraph<String> graph = graph("c", "a", "b");
        assertThat(graph.order()).containsExactly("a", "b", "c");
        assertThat(graph.reverseOrder()).containsExactly("c", "b", "a");
    }

    @Test
    void dependenciesComeFirstAndTheSmallestFreeNodeNext() {
        DependencyGraph<String> graph = graph("a", "b", "c", "d");
        graph.dependsOn("a", "d");
        graph.dependsOn("b", "c");
        // c and d are free; c is smaller, which frees b, smaller than d.
        assertThat(graph.order()).containsExactly("c", "b", "d", "a");
        assertThat(graph.reverseOrder()).containsExactly("a", "d", "b", "c");
    }

    @Test
    void aDependencyThatIsNoNodeAndADependencyOnItselfAreIgnored() {
        DependencyGraph<String> graph = graph("b", "a");
        graph.dependsOn("a", "elsewhere");
        graph.dependsOn("b", "b");
        assertThat(graph.order()).containsExactly("a", "b");
    }

    @Test
    void aCycleIsBrokenAtItsSmallestNode() {
        DependencyGraph<String> graph = graph("a", "b", "c", "z");
        graph.dependsOn("a", "b");
        graph.dependsOn("b", "c");
        graph.dependsOn("c", "a");
        assertThat(graph.order()).containsExactly("z", "a", "c", "b");
    }

    @Test
    void dependentsAreFoundThroughEveryLevel() {
        DependencyGraph<String> graph = graph("t", "v1", "v2", "v3", "other");
        graph.dependsOn("v1", "t");
        graph.dependsOn("v2", "v1");
        graph.dependsOn("v3", "other");
        assertThat(graph.dependentsOf(List.of("t"))).containsExactly("t", "v1", "v2");
        // A start that is no node still reaches what depends on it.
        graph.dependsOn("v3", "gone");
        assertThat(graph.dependentsOf(List.of("gone"))).containsExactly("gone", "v3");
    }

    private static DependencyGraph<String> graph(String... nodes) {
        DependencyGraph<String> graph = new DependencyGraph<>();
        for (String node : nodes) {
            graph.add(node);
        }
        return graph;
    }
}
