package io.github.shaledb.engine.tracking;

import io.github.shaledb.engine.migrations.Migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Drizzle-compatible tracking table, {@code drizzle.__drizzle_migrations} by default:
 * drizzle-orm 0.x reads id/hash/created_at, 1.x matches by name, and Shale writes all of them.
 */
public final class TrackingTable {
    private final String schema;
    private final String table;
    private final String qualified;

    public TrackingTable(String schema, String table) {
        this.schema = schema;
        this.table = table;
        this.qualified = Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }

    public String qualifiedName() {
        return qualified;
    }

    /**
     * Creates the table, or adds the columns a drizzle-orm 0.x table lacks. Call under the lock. A
     * table that has them is not altered: an ALTER would queue behind every reader of the table.
     */
    public void ensure(Connection c) throws SQLException {
        Set<String> columns = columns(c);
        try (Statement s = c.createStatement()) {
            if (!columns.isEmpty()) {
                if (!columns.contains("name") || !columns.contains("applied_at")) {
                    s.execute("alter table " + qualified + " add column if not exists name text, "
                            + "add column if not exists applied_at timestamptz default now()");
                }
                return;
            }
            s.execute("create schema if not exists " + Identifiers.quote(schema));
            s.execute("create table if not exists " + qualified + " (id serial primary key, hash text not null, "
                    + "created_at bigint, name text, applied_at timestamptz default now())");
        }
    }

    /** All rows in id order; empty when the table does not exist yet. */
    public List<AppliedRow> rows(Connection c) throws SQLException {
        Set<String> columns = columns(c);
        if (columns.isEmpty()) {
            return List.of();
        }
        List<AppliedRow> rows = new ArrayList<>();
        boolean hasName = columns.contains("name");
        boolean hasAppliedAt = columns.contains("applied_at");
        String sql = "select id, hash, created_at, " + (hasName ? "name" : "null") + ", "
                + (hasAppliedAt ? "applied_at" : "null::timestamptz") + " from " + qualified + " order by id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long createdAt = rs.getLong(3);
                rows.add(new AppliedRow(rs.getInt(1), rs.getString(2), rs.wasNull() ? null : createdAt, rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)));
            }
        }
        return rows;
    }

    /** The table's column names; none when it does not exist. One catalog query. */
    private Set<String> columns(Connection c) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname from pg_attribute a"
                + " join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace"
                + " where n.nspname = ? and t.relname = ? and a.attnum > 0 and not a.attisdropped")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    public void insert(Connection c, Migration m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + qualified + " (hash, created_at, name) values (?, ?, ?)")) {
            ps.setString(1, m.hash());
            ps.setLong(2, m.when());
            ps.setString(3, m.tag());
            ps.executeUpdate();
        }
    }

    /** Gives a row the tag it was matched to: rows of drizzle-orm 0.x have none, rows from before drizzle-kit up an old one. */
    public void setName(Connection c, int id, String tag) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualified + " set name = ? where id = ?")) {
            ps.setString(1, tag);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + qualified + " where id = ?")) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
    }
}
