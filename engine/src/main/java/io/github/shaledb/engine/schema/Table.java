package io.github.shaledb.engine.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table, partitioned table or partition, with its columns (by position), constraints and indexes (by name).
 *
 * @param partitionKey   {@code pg_get_partkeydef()} of a partitioned table, e.g. {@code RANGE (created_at)}; else null
 * @param partitionOf    the parent of a partition, else null
 * @param partitionBound {@code FOR VALUES …} of a partition, else null
 * @param options        storage parameters ({@code reloptions}) as {@code name=value}, in the catalog's order
 *                       (pg_dump prints them so; it is the order they were set in)
 */
public record Table(QualifiedName name, boolean unlogged, String partitionKey, QualifiedName partitionOf,
                    String partitionBound, List<String> options, List<Column> columns, List<Constraint> constraints,
                    List<Index> indexes, String comment) {
    public Table {
        options = Sorted.kept(options);
        columns = Sorted.by(columns, Column::position);
        constraints = Sorted.by(constraints, Constraint::name);
        indexes = Sorted.by(indexes, Index::name);
    }

    /** A partitioned table ({@code relkind} {@code p}): one with a partition key. */
    public boolean partitioned() {
        return partitionKey != null;
    }

    public Optional<Column> column(String columnName) {
        // A loop, not a stream: the diff asks this for every column of every table.
        for (Column c : columns) {
            if (c.name().equals(columnName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public Optional<Constraint> constraint(String constraintName) {
        return constraints.stream().filter(c -> c.name().equals(constraintName)).findFirst();
    }

    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }
}
