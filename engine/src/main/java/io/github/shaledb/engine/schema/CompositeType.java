package io.github.shaledb.engine.schema;

import java.util.List;

/** A composite type ({@code CREATE TYPE … AS (…)}) with its attributes in their order. */
public record CompositeType(QualifiedName name, List<Attribute> attributes, String comment) {
    public CompositeType {
        attributes = Sorted.kept(attributes);
    }

    /**
     * @param type      {@code format_type()} with modifiers
     * @param collation only when it differs from the type's default collation
     */
    public record Attribute(String name, String type, QualifiedName collation, String comment) {
    }
}
