package io.github.shaledb.engine.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managed part of a database as introspected: for every {@link ObjectKind} an immutable list
 * sorted by the kind's key (columns by position, enum labels and key columns in their own order
 * inside their records), so two equal schemas are equal models and write the same snapshot.
 */
public final class SchemaModel {
    public static final SchemaModel EMPTY = new SchemaModel(Map.of());

    private final Map<ObjectKind<?, ?>, List<?>> items;

    private SchemaModel(Map<ObjectKind<?, ?>, List<?>> given) {
        Map<ObjectKind<?, ?>, List<?>> sorted = new LinkedHashMap<>();
        for (ObjectKind<?, ?> kind : ObjectKind.ALL) {
            sorted.put(kind, sortedCopy(kind, given.get(kind)));
        }
        this.items = sorted;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<?> sortedCopy(ObjectKind kind, List<?> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing(item -> (Comparable) kind.keyOf(item)));
        return List.copyOf(copy);
    }

    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder holding this model's lists, to replace some of them. */
    public Builder toBuilder() {
        return new Builder(items);
    }

    /** Every item of a kind, sorted by its key. */
    @SuppressWarnings("unchecked")
    public <T> List<T> all(ObjectKind<T, ?> kind) {
        return (List<T>) items.get(kind);
    }

    /** The item of the kind whose key is {@code key}: a binary search. */
    public <T, K extends Comparable<? super K>> Optional<T> find(ObjectKind<T, K> kind, K key) {
        return Sorted.find(all(kind), kind::keyOf, key);
    }

    /** This model with the items of one kind replaced. */
    public <T> SchemaModel with(ObjectKind<T, ?> kind, List<T> replacement) {
        return toBuilder().put(kind, replacement).build();
    }

    /** Whether the model holds nothing of any kind. */
    public boolean isEmpty() {
        return items.values().stream().allMatch(List::isEmpty);
    }

    public List<Schema> schemas() {
        return all(ObjectKind.SCHEMAS);
    }

    public List<EnumType> enums() {
        return all(ObjectKind.ENUMS);
    }

    public List<Sequence> sequences() {
        return all(ObjectKind.SEQUENCES);
    }

    public List<Table> tables() {
        return all(ObjectKind.TABLES);
    }

    public List<View> views() {
        return all(ObjectKind.VIEWS);
    }

    public List<Routine> functions() {
        return all(ObjectKind.FUNCTIONS);
    }

    public List<Extension> extensions() {
        return all(ObjectKind.EXTENSIONS);
    }

    public List<Collation> collations() {
        return all(ObjectKind.COLLATIONS);
    }

    public List<Domain> domains() {
        return all(ObjectKind.DOMAINS);
    }

    public List<CompositeType> compositeTypes() {
        return all(ObjectKind.COMPOSITE_TYPES);
    }

    public List<RangeType> rangeTypes() {
        return all(ObjectKind.RANGE_TYPES);
    }

    public List<Dependency> dependencies() {
        return all(ObjectKind.DEPENDENCIES);
    }

    public Optional<Schema> schema(String name) {
        return find(ObjectKind.SCHEMAS, name);
    }

    public Optional<EnumType> enumType(QualifiedName name) {
        return find(ObjectKind.ENUMS, name);
    }

    public Optional<Sequence> sequence(QualifiedName name) {
        return find(ObjectKind.SEQUENCES, name);
    }

    public Optional<Table> table(QualifiedName name) {
        return find(ObjectKind.TABLES, name);
    }

    public Optional<View> view(QualifiedName name) {
        return find(ObjectKind.VIEWS, name);
    }

    public Optional<Routine> function(Routine.Signature signature) {
        return find(ObjectKind.FUNCTIONS, signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaModel m && items.equals(m.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return "SchemaModel" + items;
    }

    /** Collects the lists of a model; kinds left unset are empty. */
    public static final class Builder {
        private final Map<ObjectKind<?, ?>, List<?>> items;

        private Builder(Map<ObjectKind<?, ?>, List<?>> items) {
            this.items = new LinkedHashMap<>(items);
        }

        public <T> Builder put(ObjectKind<T, ?> kind, List<T> list) {
            items.put(kind, list);
            return this;
        }

        public SchemaModel build() {
            return new SchemaModel(items);
        }
    }
}
