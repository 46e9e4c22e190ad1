package io.github.shaledb.engine.schema;

/**
 * A table column.
 *
 * @param position           1-based among the table's live columns (dropped columns leave no gap)
 * @param type               {@code format_type()} text with modifiers and array brackets, schema-qualified
 *                           outside {@code pg_catalog}
 * @param defaultExpression  {@code pg_get_expr()} of the default, e.g. {@code nextval('public.t_id_seq'::regclass)}; null if none
 * @param ownedSequence      the sequence {@code OWNED BY} this column (serial), whose {@code nextval} the default calls; null if none
 * @param identity           null unless an identity column
 * @param generatedExpression the expression of a {@code GENERATED ALWAYS AS (…) STORED} column, else null
 * @param collation          only when it differs from the type's default collation
 */
public record Column(String name, int position, String type, boolean notNull, String defaultExpression,
                     QualifiedName ownedSequence, Identity identity, String generatedExpression,
                     QualifiedName collation, String comment) {
}
