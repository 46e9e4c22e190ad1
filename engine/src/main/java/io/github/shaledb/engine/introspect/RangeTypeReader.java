package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.RangeType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Range types of the managed schemas: one query. A range's multirange type is registered as the range. */
final class RangeTypeReader {
    private final CatalogSession catalog;

    RangeTypeReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<RangeType> read() throws SQLException {
        List<RangeType> ranges = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.rangeTypes(catalog.serverMajorVersion() >= 14));
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                QualifiedName name = catalog.name(rows, "nspname", "typname");
                String typeId = ObjectId.type(name);
                catalog.oids.add("pg_type", rows.getLong("oid"), typeId);
                QualifiedName multirange = null;
                if (rows.getString("multirange_name") != null) {
                    multirange = catalog.name(rows, "multirange_schema", "multirange_name");
                    catalog.oids.add("pg_type", rows.getLong("multirange_oid"), typeId);
                }
                ranges.add(new RangeType(name, catalog.shared(rows.getString("subtype")),
                        qualified(rows, "opclass_schema", "opclass_name"), qualified(rows, "collation_schema", "collation_name"),
                        rows.getString("canonical"), rows.getString("subtype_diff"), multirange, rows.getString("description")));
            }
        }
        return ranges;
    }

    private QualifiedName qualified(ResultSet rows, String schemaColumn, String nameColumn) throws SQLException {
        return rows.getString(nameColumn) == null ? null : catalog.name(rows, schemaColumn, nameColumn);
    }
}
