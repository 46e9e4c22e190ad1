package io.github.shaledb.engine.lint;

/**
 * One action of an {@code ALTER TABLE} (the comma-separated parts).
 *
 * @param type       what it does
 * @param column     the column it acts on; null when none
 * @param columnDef  the new column of {@code ADD COLUMN}; else null
 * @param constraint the constraint of {@code ADD [CONSTRAINT]}; else null
 * @param dataType   the new type of {@code ALTER COLUMN … TYPE}, lower-cased; else null
 * @param using      {@code ALTER COLUMN … TYPE … USING} was written
 * @param name       the new name of a rename, the constraint of {@code VALIDATE}/{@code DROP CONSTRAINT}, the
 *                   partition of {@code ATTACH}/{@code DETACH PARTITION}; else null
 * @param concurrently {@code DETACH PARTITION … CONCURRENTLY}
 * @param ifExists   {@code IF EXISTS} / {@code IF NOT EXISTS} was written on the action
 * @param text       the action as written
 */
public record TableAction(Type type, String column, ColumnDef columnDef, ConstraintDef constraint, String dataType,
                          boolean using, String name, boolean concurrently, boolean ifExists, String text) {

    /** The kinds of {@code ALTER TABLE} action Shale's rules tell apart. */
    public enum Type {
        ADD_COLUMN, DROP_COLUMN, ALTER_COLUMN_TYPE, SET_NOT_NULL, DROP_NOT_NULL, SET_DEFAULT, DROP_DEFAULT,
        ADD_IDENTITY, ADD_GENERATED, DROP_EXPRESSION, ADD_CONSTRAINT, VALIDATE_CONSTRAINT, DROP_CONSTRAINT,
        RENAME_COLUMN, RENAME_TABLE, RENAME_CONSTRAINT, SET_SCHEMA, ATTACH_PARTITION, DETACH_PARTITION,
        SET_STATISTICS, SET_STORAGE, SET_OPTIONS, ROW_LEVEL_SECURITY, TRIGGER_STATE, CLUSTER_ON, SET_TABLESPACE,
        SET_LOGGED, OWNER, OTHER
    }
}
