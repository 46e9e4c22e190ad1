package io.github.shaledb.engine.diff;

/**
 * The steps of a migration in execution order: renames first so every later statement names objects
 * as they are in the target, then drops (dependents first), then creates (dependencies first), and
 * comments last. Within most steps statements keep the order the diff made them in; in the steps
 * marked {@link Order#DEPENDENCIES_FIRST} or {@link Order#DEPENDENTS_FIRST} (several kinds whose
 * objects can depend on each other: a function on a domain, a view on a function) the statements follow
 * the dependency graph of the target, or of the source for drops.
 */
enum Phase {
    SESSION,
    RENAMES,
    DROP_POLICIES,
    DROP_TRIGGERS,
    /** Views, materialized views, and functions that read a table or view, which go before what they read. */
    DROP_VIEWS(Order.DEPENDENTS_FIRST),
    DROP_FOREIGN_KEYS,
    DROP_INDEXES,
    DROP_CONSTRAINTS,
    /** Column defaults over a function or type that is dropped and created again. */
    DROP_DEFAULTS,
    DROP_TABLES,
    DROP_COLUMNS,
    /** Functions and types that are dropped to be created again (their new form cannot replace the old). */
    DROP_REPLACED(Order.DEPENDENTS_FIRST),
    CREATE_SCHEMAS,
    EXTENSIONS(Order.DEPENDENCIES_FIRST),
    SEQUENCES,
    ENUMS,
    /** Domains, composite and range types, collations, and the functions that need no table or view. */
    TYPES_AND_FUNCTIONS(Order.DEPENDENCIES_FIRST),
    CREATE_TABLES,
    ALTER_TABLES,
    SEQUENCE_OWNERSHIP,
    ADD_CONSTRAINTS,
    /** Before foreign keys: one may reference the columns of a unique index rather than of a constraint. */
    CREATE_INDEXES,
    ADD_FOREIGN_KEYS,
    DROP_SEQUENCES,
    /** Functions, domains, composite and range types and collations the target no longer has. */
    DROP_FUNCTIONS_AND_TYPES(Order.DEPENDENTS_FIRST),
    DROP_ENUMS,
    DROP_EXTENSIONS(Order.DEPENDENTS_FIRST),
    DROP_SCHEMAS,
    /** Views, materialized views with their indexes, and the functions that read a table or view. */
    CREATE_VIEWS(Order.DEPENDENCIES_FIRST),
    TRIGGERS,
    ROW_SECURITY,
    POLICIES,
    EVENT_TRIGGERS,
    GRANTS,
    COMMENTS;

    /** How the statements of a step are ordered. */
    enum Order {
        /** As the diff made them. */
        AS_MADE,
        /** By the target's dependency graph, per object: an object's statements after those of what it needs. */
        DEPENDENCIES_FIRST,
        /** By the source's dependency graph, per object: an object's statements before those of what it needs. */
        DEPENDENTS_FIRST
    }

    private final Order order;

    Phase() {
        this(Order.AS_MADE);
    }

    Phase(Order order) {
        this.order = order;
    }

    Order order() {
        return order;
    }
}
