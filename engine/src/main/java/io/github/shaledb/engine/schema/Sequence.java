package io.github.shaledb.engine.schema;

/**
 * A sequence. {@code ownedBy} is the column it belongs to ({@code OWNED BY}, as {@code serial} makes),
 * or null; {@code identity} marks the sequence an identity column created. Owned sequences come and go
 * with their column, so a diff must not create or drop them on their own.
 */
public record Sequence(QualifiedName name, SequenceOptions options, ColumnRef ownedBy, boolean identity, String comment) {

    public boolean owned() {
        return ownedBy != null;
    }
}
