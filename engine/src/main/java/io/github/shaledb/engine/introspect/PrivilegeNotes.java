package io.github.shaledb.engine.introspect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the privileges of a database hold that migrations cannot write as they are, one sentence each: grants
 * made by a role other than the object's owner (a migration writes them as the owner's) and default privileges
 * for every schema (not in a managed schema, so not managed). For the schema files' database, so the user hears
 * of it when a migration is generated or pushed.
 */
public final class PrivilegeNotes {
    private static final Map<String, String> OBJECTS = Map.of("r", "TABLES", "S", "SEQUENCES", "f", "FUNCTIONS",
            "T", "TYPES", "n", "SCHEMAS");

    private PrivilegeNotes() {
    }

    /** @param schemas the managed schemas (those of the model read from the same database) */
    public static List<String> read(Connection connection, List<String> schemas) throws SQLException {
        List<String> notes = new ArrayList<>();
        CatalogSession catalog = new CatalogSession(connection);
        catalog.schemas(schemas);
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.OTHER_GRANTORS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String schema = rows.getString("schema");
                String name = rows.getString("name");
                String column = rows.getString("column_name");
                String object = rows.getString("type") + " " + (name == null ? schema : schema + "." + name)
                        + (rows.getString("arguments") == null ? "" : "(" + rows.getString("arguments") + ")")
                        + (column == null ? "" : " (column " + column + ")");
                notes.add("The privileges of " + rows.getString("grantee") + " on " + object + " were granted by "
                        + rows.getString("grantor") + ", not by the owner: migrations write them as the owner's grants.");
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.GLOBAL_DEFAULT_PRIVILEGES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String objects = OBJECTS.getOrDefault(rows.getString("defaclobjtype"), rows.getString("defaclobjtype"));
                String role = rows.getBoolean("current") ? "" : " FOR ROLE " + rows.getString("role");
                notes.add("ALTER DEFAULT PRIVILEGES" + role + " … ON " + objects + " without IN SCHEMA is not in a"
                        + " managed schema and is not managed: migrations do not write it. The grants it gave the objects"
                        + " of the schema files are written as GRANTs; set it up on each server outside migrations, or"
                        + " write it IN SCHEMA for each managed schema.");
            }
        }
        return notes;
    }
}
