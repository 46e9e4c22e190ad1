package io.github.shaledb.engine.diff;

/**
 * The steps of a migration in execution order: renames first so every later statement names objects
 * as they are in the target, then drops (dependents first), then creates (dependencies first), and
 * comments last. Within a step, statements follow the dependency graph or name order.
 */
enum Phase {
    RENAMES,
    DROP_VIEWS,
    DROP_FOREIGN_KEYS,
    DROP_INDEXES,
    DROP_CONSTRAINTS,
    DROP_TABLES,
    DROP_COLUMNS,
    CREATE_SCHEMAS,
    ENUMS,
    SEQUENCES,
    CREATE_TABLES,
    ALTER_TABLES,
    SEQUENCE_OWNERSHIP,
    ADD_CONSTRAINTS,
    ADD_FOREIGN_KEYS,
    CREATE_INDEXES,
    DROP_SEQUENCES,
    DROP_ENUMS,
    DROP_SCHEMAS,
    CREATE_VIEWS,
    COMMENTS
}
