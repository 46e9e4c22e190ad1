package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.Extension;
import io.github.shaledb.engine.schema.ObjectId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The extensions of the database, whichever schema they live in: a column of the managed schemas may use a type
 * of an extension installed anywhere, and the extension must exist before it. One query.
 */
final class ExtensionReader {
    private final CatalogSession catalog;

    ExtensionReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<Extension> read() throws SQLException {
        List<Extension> extensions = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.EXTENSIONS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Extension extension = new Extension(rows.getString("extname"), catalog.shared(rows.getString("nspname")),
                        rows.getString("extversion"), rows.getBoolean("default_version"), rows.getBoolean("extrelocatable"),
                        rows.getString("description"), rows.getBoolean("default_comment"));
                extensions.add(extension);
                catalog.oids.add("pg_extension", rows.getLong("oid"), ObjectId.extension(extension.name()));
            }
        }
        return extensions;
    }
}
