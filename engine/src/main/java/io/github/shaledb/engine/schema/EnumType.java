package io.github.shaledb.engine.schema;

import java.util.List;

/** An enum type with its labels in the type's sort order (not alphabetical). */
public record EnumType(QualifiedName name, List<String> labels, String comment) {
    public EnumType {
        labels = Sorted.kept(labels);
    }
}
