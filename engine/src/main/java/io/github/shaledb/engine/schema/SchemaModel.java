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
        return Sorted.find(schemas, Schema::name, name);
    }

    public Optional<EnumType> enumType(QualifiedName name) {
        return Sorted.find(enums, EnumType::name, name);
    }

    public Optional<Sequence> sequence(QualifiedName name) {
        return Sorted.find(sequences, Sequence::name, name);
    }

    public Optional<Table> table(QualifiedName name) {
        return Sorted.find(tables, Table::name, name);
    }

    public Optional<View> view(QualifiedName name) {
        return Sorted.find(views, View::name, name);
    }
}
