package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.Policy;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.RowSecurity;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Row-level security of the managed tables and their policies: one query each. */
final class PolicyReader {
    private final CatalogSession catalog;

    PolicyReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<RowSecurity> readRowSecurity() throws SQLException {
        List<RowSecurity> tables = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.ROW_SECURITY);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new RowSecurity(catalog.name(rows, "nspname", "relname"), rows.getBoolean("relrowsecurity"),
                        rows.getBoolean("relforcerowsecurity")));
            }
        }
        return tables;
    }

    List<Policy> readPolicies() throws SQLException {
        List<Policy> policies = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.POLICIES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                QualifiedName table = catalog.name(rows, "nspname", "relname");
                Policy policy = new Policy(table, rows.getString("polname"), rows.getBoolean("polpermissive"),
                        command(rows.getString("polcmd")), CatalogSession.strings(rows, "roles").stream()
                        .map(catalog::shared).toList(), rows.getString("using_expression"),
                        rows.getString("check_expression"), rows.getString("description"));
                policies.add(policy);
                catalog.oids.add("pg_policy", rows.getLong("oid"), ObjectId.policy(table, policy.name()));
            }
        }
        return policies;
    }

    private static Policy.Command command(String code) {
        return switch (code) {
            case "r" -> Policy.Command.SELECT;
            case "a" -> Policy.Command.INSERT;
            case "w" -> Policy.Command.UPDATE;
            case "d" -> Policy.Command.DELETE;
            default -> Policy.Command.ALL;
        };
    }
}
