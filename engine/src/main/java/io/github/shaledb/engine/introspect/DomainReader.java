package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.Dependency;
import io.github.shaledb.engine.schema.Domain;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Domains of the managed schemas with their checks: one query. Each check is registered as a
 * {@code domain constraint}, and {@link #checkEdges} says that it needs its domain ({@code pg_depend} holds
 * that as an automatic dependency, which the dependency query does not read).
 */
final class DomainReader {
    private final CatalogSession catalog;
    private final List<Dependency> checkEdges = new ArrayList<>();

    DomainReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<Domain> read() throws SQLException {
        List<Domain> domains = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.DOMAINS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                QualifiedName name = catalog.name(rows, "nspname", "typname");
                String typeId = ObjectId.type(name);
                catalog.oids.add("pg_type", rows.getLong("oid"), typeId);
                List<String> names = CatalogSession.strings(rows, "check_names");
                List<String> definitions = CatalogSession.strings(rows, "check_definitions");
                List<String> comments = CatalogSession.strings(rows, "check_comments");
                Object[] validated = objects(rows.getArray("check_validated"));
                Object[] oids = objects(rows.getArray("check_oids"));
                List<Domain.Check> checks = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    String definition = definitions.get(i);
                    if (definition.endsWith(" NOT VALID")) {
                        definition = definition.substring(0, definition.length() - " NOT VALID".length());
                    }
                    checks.add(new Domain.Check(names.get(i), definition, (Boolean) validated[i], comments.get(i)));
                    String checkId = ObjectId.domainConstraint(name, names.get(i));
                    catalog.oids.add("pg_constraint", ((Number) oids[i]).longValue(), checkId);
                    checkEdges.add(new Dependency(checkId, typeId));
                }
                QualifiedName collation = rows.getString("collation_name") == null ? null
                        : catalog.name(rows, "collation_schema", "collation_name");
                domains.add(new Domain(name, catalog.shared(rows.getString("base_type")), collation,
                        rows.getString("default_expression"), rows.getBoolean("typnotnull"), checks,
                        rows.getString("description")));
            }
        }
        return domains;
    }

    /** Each check needs its domain, so what needs the domain reaches its checks too. */
    List<Dependency> checkEdges() {
        return checkEdges;
    }

    private static Object[] objects(Array array) throws SQLException {
        return array == null ? new Object[0] : (Object[]) array.getArray();
    }
}
