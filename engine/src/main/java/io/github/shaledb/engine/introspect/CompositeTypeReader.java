package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.CompositeType;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Composite types of the managed schemas with their attributes: one query. The attributes are columns of the
 * type's relation ({@code typrelid}), registered as the whole type, so the types they use are the type's.
 */
final class CompositeTypeReader {
    private final CatalogSession catalog;

    CompositeTypeReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<CompositeType> read() throws SQLException {
        List<CompositeType> types = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.COMPOSITE_TYPES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                QualifiedName name = catalog.name(rows, "nspname", "typname");
                String typeId = ObjectId.type(name);
                catalog.oids.add("pg_type", rows.getLong("oid"), typeId);
                catalog.oids.add("pg_class", rows.getLong("typrelid"), typeId);
                catalog.oids.addWhole(rows.getLong("typrelid"), typeId);
                List<String> names = CatalogSession.strings(rows, "names");
                List<String> attributeTypes = CatalogSession.strings(rows, "types");
                List<String> collationSchemas = CatalogSession.strings(rows, "collation_schemas");
                List<String> collationNames = CatalogSession.strings(rows, "collation_names");
                List<String> comments = CatalogSession.strings(rows, "comments");
                List<CompositeType.Attribute> attributes = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    QualifiedName collation = collationNames.get(i) == null ? null
                            : QualifiedName.of(catalog.shared(collationSchemas.get(i)), collationNames.get(i));
                    attributes.add(new CompositeType.Attribute(names.get(i), catalog.shared(attributeTypes.get(i)),
                            collation, comments.get(i)));
                }
                types.add(new CompositeType(name, attributes, rows.getString("description")));
            }
        }
        return types;
    }
}
