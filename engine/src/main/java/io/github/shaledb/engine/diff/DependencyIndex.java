package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Dependency;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.Policy;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.Trigger;
import io.github.shaledb.engine.schema.View;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The dependency edges of one model by {@link ObjectId}, both ways: the model's {@link Dependency} list,
 * what each view reads, each partition's parent, and the parts of tables and views (columns, constraints,
 * indexes, triggers, policies), which depend on their table so that "what depends on this table" reaches them.
 */
final class DependencyIndex {
    private final Map<String, Set<String>> dependencies = new HashMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();

    DependencyIndex(SchemaModel model) {
        for (Dependency d : model.dependencies()) {
            edge(d.object(), d.dependsOn());
        }
        for (View v : model.views()) {
            for (QualifiedName read : v.dependsOn()) {
                edge(ObjectId.view(v.name()), model.table(read).isPresent() ? ObjectId.table(read) : ObjectId.view(read));
            }
        }
        for (Table t : model.tables()) {
            String table = ObjectId.table(t.name());
            if (t.partitionOf() != null) {
                edge(table, ObjectId.table(t.partitionOf()));
            }
            t.columns().forEach(c -> edge(ObjectId.column(t.name(), c.name()), table));
            t.constraints().forEach(c -> edge(ObjectId.constraint(t.name(), c.name()), table));
            t.indexes().forEach(i -> edge(ObjectId.index(QualifiedName.of(t.name().schema(), i.name())), table));
        }
        for (View v : model.views()) {
            String view = ObjectId.view(v.name());
            v.columns().forEach(c -> edge(ObjectId.column(v.name(), c.name()), view));
            v.indexes().forEach(i -> edge(ObjectId.index(QualifiedName.of(v.name().schema(), i.name())), view));
        }
        // A trigger or policy goes with its table or view, and is created again with it.
        for (Trigger t : model.all(ObjectKind.TRIGGERS)) {
            partOf(ObjectId.trigger(t.table(), t.name()), relation(model, t.table()));
        }
        for (Policy p : model.all(ObjectKind.POLICIES)) {
            partOf(ObjectId.policy(p.table(), p.name()), ObjectId.table(p.table()));
        }
    }

    /** The id of the table or view called {@code name}. */
    static String relation(SchemaModel model, QualifiedName name) {
        return model.view(name).isPresent() ? ObjectId.view(name) : ObjectId.table(name);
    }

    private void edge(String object, String dependsOn) {
        dependencies.computeIfAbsent(object, k -> new TreeSet<>()).add(dependsOn);
        dependents.computeIfAbsent(dependsOn, k -> new TreeSet<>()).add(object);
    }

    /** Adds that {@code part} belongs to {@code owner} (a trigger to its table): it goes with it. */
    void partOf(String part, String owner) {
        edge(part, owner);
    }

    /** What {@code id} needs directly. */
    Set<String> dependenciesOf(String id) {
        return dependencies.getOrDefault(id, Set.of());
    }

    /** What needs {@code id} directly. */
    Set<String> dependentsOf(String id) {
        return dependents.getOrDefault(id, Set.of());
    }

    /** {@code start} and everything that depends on one of them, directly or not. */
    Set<String> dependentsClosure(Collection<String> start) {
        Set<String> found = new HashSet<>(start);
        ArrayDeque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            for (String dependent : dependentsOf(todo.poll())) {
                if (found.add(dependent)) {
                    todo.add(dependent);
                }
            }
        }
        return found;
    }

    /** Whether {@code id} needs, directly or not, an object the predicate accepts. */
    boolean needs(String id, Predicate<String> wanted) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            for (String dependency : dependenciesOf(todo.poll())) {
                if (wanted.test(dependency)) {
                    return true;
                }
                if (seen.add(dependency)) {
                    todo.add(dependency);
                }
            }
        }
        return false;
    }

    /**
     * For each of {@code ids}, the others it needs: directly, or through objects not among them. What
     * a dependency-ordered step needs to put its objects in order.
     */
    Map<String, Set<String>> among(Collection<String> ids) {
        Set<String> members = new HashSet<>(ids);
        Map<String, Set<String>> result = new HashMap<>();
        for (String id : ids) {
            Set<String> reached = new TreeSet<>();
            Set<String> seen = new HashSet<>();
            ArrayDeque<String> todo = new ArrayDeque<>(dependenciesOf(id));
            while (!todo.isEmpty()) {
                String next = todo.poll();
                if (!seen.add(next)) {
                    continue;
                }
                if (members.contains(next)) {
                    reached.add(next);
                } else {
                    todo.addAll(dependenciesOf(next));
                }
            }
            reached.remove(id);
            result.put(id, reached);
        }
        return result;
    }
}
