package io.github.shaledb.engine.schema;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One kind of object a {@link SchemaModel} holds: its key in {@code snapshot.json}, its record type, and
 * the key its items are sorted and found by. {@link #ALL} is the one registry of kinds; a new kind is a
 * record, an entry here, a query in {@code introspect} and a diff in {@code diff}.
 *
 * @param <T> the record type
 * @param <K> the key that orders the items and finds one
 */
public final class ObjectKind<T, K extends Comparable<? super K>> {
    public static final ObjectKind<Schema, String> SCHEMAS = new ObjectKind<>("schemas", "schema", Schema.class, Schema::name, 1);
    public static final ObjectKind<EnumType, QualifiedName> ENUMS =
            new ObjectKind<>("enums", "enum", EnumType.class, EnumType::name, 1);
    public static final ObjectKind<Sequence, QualifiedName> SEQUENCES =
            new ObjectKind<>("sequences", "sequence", Sequence.class, Sequence::name, 1);
    public static final ObjectKind<Table, QualifiedName> TABLES = new ObjectKind<>("tables", "table", Table.class, Table::name, 1);
    public static final ObjectKind<View, QualifiedName> VIEWS = new ObjectKind<>("views", "view", View.class, View::name, 1);
    public static final ObjectKind<Routine, Routine.Signature> FUNCTIONS =
            new ObjectKind<>("functions", "function", Routine.class, Routine::signature, 2);
    public static final ObjectKind<Trigger, TableScopedName> TRIGGERS =
            new ObjectKind<>("triggers", "trigger", Trigger.class, Trigger::key, 2);
    public static final ObjectKind<EventTrigger, String> EVENT_TRIGGERS =
            new ObjectKind<>("eventTriggers", "event trigger", EventTrigger.class, EventTrigger::name, 2);
    public static final ObjectKind<RowSecurity, QualifiedName> ROW_SECURITY =
            new ObjectKind<>("rowSecurity", "row-level security", RowSecurity.class, RowSecurity::table, 2);
    public static final ObjectKind<Policy, TableScopedName> POLICIES =
            new ObjectKind<>("policies", "policy", Policy.class, Policy::key, 2);
    /** The access control lists of objects that differ from their defaults. */
    public static final ObjectKind<Privileges, String> PRIVILEGES =
            new ObjectKind<>("privileges", "privileges on", Privileges.class, Privileges::object, 2);
    public static final ObjectKind<DefaultPrivileges, DefaultPrivileges.Key> DEFAULT_PRIVILEGES =
            new ObjectKind<>("defaultPrivileges", "default privileges", DefaultPrivileges.class, DefaultPrivileges::key, 2);
    public static final ObjectKind<Extension, String> EXTENSIONS =
            new ObjectKind<>("extensions", "extension", Extension.class, Extension::name, 2);
    public static final ObjectKind<Collation, QualifiedName> COLLATIONS =
            new ObjectKind<>("collations", "collation", Collation.class, Collation::name, 2);
    public static final ObjectKind<Domain, QualifiedName> DOMAINS =
            new ObjectKind<>("domains", "domain", Domain.class, Domain::name, 2);
    public static final ObjectKind<CompositeType, QualifiedName> COMPOSITE_TYPES =
            new ObjectKind<>("compositeTypes", "composite type", CompositeType.class, CompositeType::name, 2);
    public static final ObjectKind<RangeType, QualifiedName> RANGE_TYPES =
            new ObjectKind<>("rangeTypes", "range type", RangeType.class, RangeType::name, 2);
    public static final ObjectKind<Dependency, Dependency> DEPENDENCIES =
            new ObjectKind<>("dependencies", "dependency", Dependency.class, d -> d, 2);

    /** Every kind, in the order the snapshot writes them (by key). */
    public static final List<ObjectKind<?, ?>> ALL = List.of(COLLATIONS, COMPOSITE_TYPES, DEFAULT_PRIVILEGES,
            DEPENDENCIES, DOMAINS, ENUMS, EVENT_TRIGGERS, EXTENSIONS, FUNCTIONS, POLICIES, PRIVILEGES, RANGE_TYPES,
            ROW_SECURITY, SCHEMAS, SEQUENCES, TABLES, TRIGGERS, VIEWS);

    private final String key;
    private final String noun;
    private final Class<T> type;
    private final Function<T, K> order;
    private final int since;

    private ObjectKind(String key, String noun, Class<T> type, Function<T, K> order, int since) {
        this.key = key;
        this.noun = noun;
        this.type = type;
        this.order = order;
        this.since = since;
    }

    /** The key in snapshot.json, e.g. {@code tables}. */
    public String key() {
        return key;
    }

    /** What one item is called in messages: {@code table}, {@code function}. */
    public String noun() {
        return noun;
    }

    public Class<T> type() {
        return type;
    }

    /** The key an item is sorted and found by. */
    public K keyOf(T item) {
        return order.apply(item);
    }

    /** The snapshot format version that introduced the kind: files of an older version do not hold it. */
    public int since() {
        return since;
    }

    /** The kind whose snapshot key is {@code key}. */
    public static Optional<ObjectKind<?, ?>> byKey(String key) {
        return ALL.stream().filter(k -> k.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
