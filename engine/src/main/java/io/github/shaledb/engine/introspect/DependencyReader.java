package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.Dependency;
import io.github.shaledb.engine.schema.ObjectId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The dependencies between the objects read so far, from one query over {@code pg_depend}; run after
 * every other reader, since it names both ends by the {@link ObjectOids} they registered. An edge
 * whose end the model does not hold (a built-in, an object of an unmanaged schema) is left out.
 */
final class DependencyReader {
    private final CatalogSession catalog;

    DependencyReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<Dependency> read() throws SQLException {
        TreeSet<Dependency> edges = new TreeSet<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.DEPENDENCIES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String object = catalog.oids.id(rows.getString("class"), rows.getLong("objid"), rows.getInt("objsubid"));
                if (object == null) {
                    continue;
                }
                String extension = rows.getString("ref_extension");
                String dependsOn = extension != null ? ObjectId.extension(extension)
                        : catalog.oids.id(rows.getString("refclass"), rows.getLong("refobjid"), rows.getInt("refobjsubid"));
                if (dependsOn != null && !dependsOn.equals(object)) {
                    edges.add(new Dependency(catalog.shared(object), catalog.shared(dependsOn)));
                }
            }
        }
        return new ArrayList<>(edges);
    }
}
