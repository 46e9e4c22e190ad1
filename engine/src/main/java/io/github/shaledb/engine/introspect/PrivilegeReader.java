package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.DefaultPrivileges;
import io.github.shaledb.engine.schema.Grant;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.Privileges;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Privileges of the objects the other readers read, and the default privileges of the managed schemas: two
 * queries, whatever their number. Run after the readers of the objects, whose ids it names them by.
 */
final class PrivilegeReader {
    private static final Map<String, String> DEFAULT_OBJECTS = Map.of("r", "TABLES", "S", "SEQUENCES",
            "f", "FUNCTIONS", "T", "TYPES", "n", "SCHEMAS");

    private final CatalogSession catalog;

    PrivilegeReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    /** The access control lists that differ from their objects' defaults, by the objects' ids. */
    List<Privileges> read() throws SQLException {
        Map<String, Parts> byObject = new LinkedHashMap<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.PRIVILEGES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String catalogName = rows.getString("class");
                String schema = catalog.shared(rows.getString("schema"));
                // Schemas are not registered for dependencies (every object depends on its own): named here.
                String object = catalogName.equals("pg_namespace") ? ObjectId.schema(schema)
                        : catalog.oids.id(catalogName, rows.getLong("oid"), rows.getInt("subid"));
                if (object == null) {
                    continue; // not an object the model holds (a multirange type, say)
                }
                Parts parts = byObject.computeIfAbsent(object, id -> new Parts(id, rows));
                long owner = rows.getLong("owner");
                Entry entry = new Entry(rows.getInt("n"), grantee(rows, owner),
                        CatalogSession.strings(rows, "privileges"), CatalogSession.strings(rows, "grantable"));
                (rows.getString("side").equals("g") ? parts.granted : parts.revoked).add(entry);
            }
        }
        List<Privileges> privileges = new ArrayList<>(byObject.size());
        for (Parts parts : byObject.values()) {
            privileges.add(parts.build());
        }
        return privileges;
    }

    /** The default privileges of the managed schemas; those of the introspecting role with no role. */
    List<DefaultPrivileges> readDefaults() throws SQLException {
        Map<DefaultPrivileges.Key, List<Grant>> byKey = new LinkedHashMap<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.DEFAULT_PRIVILEGES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String objects = DEFAULT_OBJECTS.getOrDefault(rows.getString("defaclobjtype"), rows.getString("defaclobjtype"));
                DefaultPrivileges.Key key = new DefaultPrivileges.Key(catalog.shared(rows.getString("nspname")),
                        objects, rows.getBoolean("current") ? null : catalog.shared(rows.getString("role")));
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Grant(grantee(rows, rows.getLong("owner")),
                        CatalogSession.strings(rows, "privileges"), CatalogSession.strings(rows, "grantable")));
            }
        }
        List<DefaultPrivileges> defaults = new ArrayList<>(byKey.size());
        byKey.forEach((key, grants) -> defaults.add(new DefaultPrivileges(key.role(), key.schema(), key.objects(), grants)));
        return defaults;
    }

    /** Null for the owner, {@link Grant#PUBLIC} for PUBLIC, else the role's name. */
    private String grantee(ResultSet rows, long owner) throws SQLException {
        long grantee = rows.getLong("grantee");
        return grantee == owner ? null : grantee == 0 ? Grant.PUBLIC : catalog.shared(rows.getString("grantee_name"));
    }

    private record Entry(int position, String grantee, List<String> privileges, List<String> grantable) {
    }

    /** One object's rows while they arrive, in any order. */
    private static final class Parts {
        final String object;
        final String type;
        final String schema;
        final String name;
        final String arguments;
        final String column;
        final List<Entry> granted = new ArrayList<>();
        final List<Entry> revoked = new ArrayList<>();

        Parts(String object, ResultSet rows) {
            this.object = object;
            try {
                type = rows.getString("type");
                schema = rows.getString("schema");
                name = rows.getString("name");
                arguments = rows.getString("arguments");
                column = rows.getString("column_name");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        Privileges build() {
            granted.sort(Comparator.comparingInt(Entry::position));
            revoked.sort(Comparator.comparingInt(Entry::position));
            return new Privileges(object, type, schema, name, arguments, column, grants(revoked), grants(granted));
        }

        /**
         * The entries as the owner's grants: one granted by another role (with the grant option it was given)
         * joins the owner's entry for the same grantee, or stands at its own place when there is none; the
         * migrations write it as the owner's grant.
         */
        private static List<Grant> grants(List<Entry> entries) {
            Map<String, Grant> byGrantee = new LinkedHashMap<>();
            for (Entry e : entries) {
                String key = e.grantee() == null ? "" : "+" + e.grantee();
                Grant had = byGrantee.get(key);
                if (had == null) {
                    byGrantee.put(key, new Grant(e.grantee(), e.privileges(), e.grantable()));
                } else {
                    byGrantee.put(key, merged(had, e));
                }
            }
            return List.copyOf(byGrantee.values());
        }

        private static Grant merged(Grant had, Entry e) {
            Set<String> privileges = new LinkedHashSet<>(had.privileges());
            privileges.addAll(e.privileges());
            Set<String> grantable = new LinkedHashSet<>(had.grantable() == null ? List.of() : had.grantable());
            grantable.addAll(e.grantable());
            return new Grant(had.grantee(), Grant.inOrder(privileges), Grant.inOrder(grantable));
        }
    }
}
