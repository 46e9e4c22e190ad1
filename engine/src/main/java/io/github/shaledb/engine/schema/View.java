package io.github.shaledb.engine.schema;

import java.util.List;
import java.util.Optional;

/**
 * A view or materialized view.
 *
 * @param definition {@code pg_get_viewdef(oid, true)}: the query, table names schema-qualified
 * @param columns    the output columns by position, with their types and comments (and a default set by
 *                   {@code ALTER VIEW … SET DEFAULT})
 * @param dependsOn  the tables, views and materialized views its query reads, so drops and creates can be ordered
 * @param options    {@code reloptions} such as {@code security_barrier=true}, in the catalog's order
 * @param indexes    indexes of a materialized view; empty for a view
 */
public record View(QualifiedName name, boolean materialized, String definition, List<Column> columns,
                   List<QualifiedName> dependsOn, List<String> options, List<Index> indexes, String comment) {
    public View {
        columns = Sorted.by(columns, Column::position);
        dependsOn = Sorted.natural(dependsOn);
        options = Sorted.kept(options);
        indexes = Sorted.by(indexes, Index::name);
    }

    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }
}
