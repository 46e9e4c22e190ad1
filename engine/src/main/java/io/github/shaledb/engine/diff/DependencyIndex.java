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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The dependency edges of one model by {@link ObjectId}, both ways: the model's {@link Dependency} list,
 * what each view reads, each partition's parent, and the parts of tables and views (columns, constraints,
 * indexes, triggers, policies), which depend on their table so that "what depends on this table" reaches them.
 *
 * <p>The columns, constraints and indexes of a relation, most of a large schema's edges, are held as one list
 * per relation and one owner per part rather than as sets both ways: they are read far less often than they are
 * written.
 */
final class DependencyIndex {
    private final Map<String, Set<String>> dependencies = new HashMap<>();
    private final Map<String, Set<String>> dependents = new HashMap<>();
    /** A column, constraint or index to its table or view. */
    private final Map<String, String> owners = new HashMap<>();
    /** A table or view to its columns, constraints and indexes. */
    private final Map<String, List<String>> parts = new HashMap<>();

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
            List<String> own = new ArrayList<>(t.columns().size() + t.constraints().size() + t.indexes().size());
            t.columns().forEach(c -> own.add(ObjectId.column(t.name(), c.name())));
            t.constraints().forEach(c -> own.add(ObjectId.constraint(t.name(), c.name())));
            t.indexes().forEach(i -> own.add(ObjectId.index(QualifiedName.of(t.name().schema(), i.name()))));
            parts(table, own);
        }
        for (View v : model.views()) {
            String view = ObjectId.view(v.name());
            List<String> own = new ArrayList<>(v.columns().size() + v.indexes().size());
            v.columns().forEach(c -> own.add(ObjectId.column(v.name(), c.name())));
            v.indexes().forEach(i -> own.add(ObjectId.index(QualifiedName.of(v.name().schema(), i.name()))));
            parts(view, own);
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

    private void parts(String relation, List<String> own) {
        parts.put(relation, own);
        for (String part : own) {
            owners.put(part, relation);
        }
    }

    /** Adds that {@code part} belongs to {@code owner} (a trigger to its table): it goes with it. */
    void partOf(String part, String owner) {
        edge(part, owner);
    }

    /** What {@code id} needs directly. */
    Set<String> dependenciesOf(String id) {
        Set<String> explicit = dependencies.getOrDefault(id, Set.of());
        String owner = owners.get(id);
        if (owner == null || explicit.contains(owner)) {
            return explicit;
        }
        Set<String> all = new TreeSet<>(explicit);
        all.add(owner);
        return all;
    }

    /** What needs {@code id} directly. */
    Set<String> dependentsOf(String id) {
        Set<String> explicit = dependents.getOrDefault(id, Set.of());
        List<String> own = parts.get(id);
        if (own == null || own.isEmpty()) {
            return explicit;
        }
        Set<String> all = new TreeSet<>(explicit);
        all.addAll(own);
        return all;
    }

    /** Calls {@code action} with what needs {@code id} directly, in no particular order, some more than once. */
    private void forEachDependent(String id, Consumer<String> action) {
        dependents.getOrDefault(id, Set.of()).forEach(action);
        parts.getOrDefault(id, List.of()).forEach(action);
    }

    /** Calls {@code action} with what {@code id} needs directly, in no particular order, some more than once. */
    private void forEachDependency(String id, Consumer<String> action) {
        dependencies.getOrDefault(id, Set.of()).forEach(action);
        String owner = owners.get(id);
        if (owner != null) {
            action.accept(owner);
        }
    }

    /** {@code start} and everything that depends on one of them, directly or not. */
    Set<String> dependentsClosure(Collection<String> start) {
        Set<String> found = new HashSet<>(start);
        ArrayDeque<String> todo = new ArrayDeque<>(start);
        while (!todo.isEmpty()) {
            forEachDependent(todo.poll(), dependent -> {
                if (found.add(dependent)) {
                    todo.add(dependent);
                }
            });
        }
        return found;
    }

    /** Whether {@code id} needs, directly or not, an object the predicate accepts. */
    boolean needs(String id, Predicate<String> wanted) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            String next = todo.poll();
            for (String dependency : dependencies.getOrDefault(next, Set.of())) {
                if (reaches(dependency, wanted, seen, todo)) {
                    return true;
                }
            }
            String owner = owners.get(next);
            if (owner != null && reaches(owner, wanted, seen, todo)) {
                return true;
            }
        }
        return false;
    }

    /** One step of {@link #needs}: whether {@code dependency} is wanted; queued when first seen. */
    private static boolean reaches(String dependency, Predicate<String> wanted, Set<String> seen, ArrayDeque<String> todo) {
        if (wanted.test(dependency)) {
            return true;
        }
        if (seen.add(dependency)) {
            todo.add(dependency);
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
            ArrayDeque<String> todo = new ArrayDeque<>();
            forEachDependency(id, todo::add);
            while (!todo.isEmpty()) {
                String next = todo.poll();
                if (!seen.add(next)) {
                    continue;
                }
                if (members.contains(next)) {
                    reached.add(next);
                } else {
                    forEachDependency(next, todo::add);
                }
            }
            reached.remove(id);
            result.put(id, reached);
        }
        return result;
    }
}
