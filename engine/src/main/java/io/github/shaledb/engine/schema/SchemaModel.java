package io.github.shaledb.engine.schema;

import java.util.List;
import java.util.Optional;

/**
 * The managed part of a database as introspected: immutable, every list sorted by name (columns by
 * position, enum labels and key columns in their own order), so two equal schemas are equal models
 * and write the same snapshot.
 */
public record SchemaModel(List<Schema> schemas, List<EnumType> enums, List<Sequence> sequences, List<Table> tables,
                          List<View> views) {
    public static final SchemaModel EMPTY = new SchemaModel(List.of(), List.of(), List.of(), List.of(), List.of());

    public SchemaModel {
        schemas = Sorted.by(schemas, Schema::name);
        enums = Sorted.by(enums, EnumType::name);
        sequences = Sorted.by(sequences, Sequence::name);
        tables = Sorted.by(tables, Table::name);
        views = Sorted.by(views, View::name);
    }

    public Optional<Schema> schema(String name) {
        return schemas.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<EnumType> enumType(QualifiedName name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Sequence> sequence(QualifiedName name) {
        return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<Table> table(QualifiedName name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<View> view(QualifiedName name) {
        return views.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
