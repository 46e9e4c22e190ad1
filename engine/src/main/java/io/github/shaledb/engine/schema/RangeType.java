package io.github.shaledb.engine.schema;

/**
 * A range type ({@code CREATE TYPE … AS RANGE}).
 *
 * @param subtype        {@code format_type()} of the subtype
 * @param subtypeOpclass the subtype's btree operator class when not its default
 * @param collation      when it differs from the subtype's default collation
 * @param canonical      the canonical function as {@code regproc} prints it (qualified outside pg_catalog); null if none
 * @param subtypeDiff    the subtype difference function, likewise; null if none
 * @param multirange     the multirange type PostgreSQL 14 and later create with it; null before
 */
public record RangeType(QualifiedName name, String subtype, QualifiedName subtypeOpclass, QualifiedName collation,
                        String canonical, String subtypeDiff, QualifiedName multirange, String comment) {
}
