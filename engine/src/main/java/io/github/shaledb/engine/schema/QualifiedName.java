package io.github.shaledb.engine.schema;

import java.util.Objects;

/** A schema-qualified object name, exactly as stored in the catalog (unquoted, case kept). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    @Override
    public int compareTo(QualifiedName other) {
        // Schema, then name; written out because every model lookup and sorted set compares names.
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    /** For messages only: {@code schema.name}, not quoted, so not SQL. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
