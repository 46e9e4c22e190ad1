package io.github.shaledb.engine.schema;

import java.util.List;

/**
 * A domain: a base type with a default, NOT NULL and named checks.
 *
 * @param baseType          {@code format_type()} of the base type with its modifiers ({@code character varying(20)})
 * @param collation         only when it differs from the base type's default collation
 * @param defaultExpression {@code pg_get_expr()} of the default; null if none
 * @param checks            by name
 */
public record Domain(QualifiedName name, String baseType, QualifiedName collation, String defaultExpression,
                     boolean notNull, List<Check> checks, String comment) {
    public Domain {
        checks = Sorted.by(checks, Check::name);
    }

    /**
     * A named check of the domain.
     *
     * @param definition {@code pg_get_constraintdef()} without a trailing {@code NOT VALID}: {@code CHECK (VALUE > 0)}
     * @param validated  false while {@code NOT VALID}
     */
    public record Check(String name, String definition, boolean validated, String comment) {
    }
}
