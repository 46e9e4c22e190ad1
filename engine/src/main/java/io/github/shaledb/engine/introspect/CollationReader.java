package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.Collation;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collations of the managed schemas: one query, its columns chosen by server version. */
final class CollationReader {
    private final CatalogSession catalog;

    CollationReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<Collation> read() throws SQLException {
        int major = catalog.serverMajorVersion();
        // 15 moved an ICU locale out of collcollate into colliculocale, 17 renamed that to colllocale; 16 added rules.
        String icuLocale = major >= 17 ? "c.colllocale" : major >= 15 ? "c.colliculocale" : "null::text";
        String rules = major >= 16 ? "c.collicurules" : "null::text";
        List<Collation> collations = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.collations(icuLocale, rules));
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                QualifiedName name = catalog.name(rows, "nspname", "collname");
                String provider = switch (rows.getString("collprovider")) {
                    case "i" -> "icu";
                    case "b" -> "builtin";
                    default -> "libc";
                };
                String collate = rows.getString("collcollate");
                String ctype = rows.getString("collctype");
                String locale = null;
                if (!provider.equals("libc")) {
                    locale = rows.getString("icu_locale") != null ? rows.getString("icu_locale") : collate;
                    collate = null;
                    ctype = null;
                } else if (Objects.equals(collate, ctype)) {
                    locale = collate;
                    collate = null;
                    ctype = null;
                }
                collations.add(new Collation(name, provider, locale, collate, ctype, rows.getBoolean("collisdeterministic"),
                        rows.getString("rules"), rows.getString("description")));
                catalog.oids.add("pg_collation", rows.getLong("oid"), ObjectId.collation(name));
            }
        }
        return collations;
    }
}
