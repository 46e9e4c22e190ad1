package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.StudioRequestException;
import io.github.shaledb.engine.api.StudioRows;
import io.github.shaledb.engine.tracking.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table or view as the data page reads and edits it: its columns and their types from the catalog (so every name
 * put into SQL is one the catalog holds), the key that identifies a row, and where single-column foreign keys lead.
 *
 * @param kind          {@code pg_class.relkind}
 * @param estimatedRows {@code reltuples}; -1 when never analysed
 * @param types         the column types by name, as {@code format_type} prints them
 */
record Relation(String schema, String name, char kind, long estimatedRows, List<StudioRows.Column> columns,
                Map<String, String> types, List<String> key) {

    static Relation read(Connection c, String schema, String name) throws SQLException, StudioRequestException {
        if (schema == null || name == null) {
            throw new StudioRequestException("No table given: a request for rows names its schema and table.", null, null);
        }
        long oid;
        char kind;
        long estimated;
        try (PreparedStatement ps = c.prepareStatement("select c.oid, c.relkind, c.reltuples::bigint from pg_catalog.pg_class c"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p', 'v', 'm', 'f')")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StudioRequestException("There is no table or view " + schema + "." + name + ".",
                            "reload the schema page: it may have been dropped or renamed", null);
                }
                oid = rs.getLong(1);
                kind = rs.getString(2).charAt(0);
                estimated = rs.getLong(3);
            }
        }
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select attname, pg_catalog.format_type(atttypid, atttypmod)"
                + " from pg_catalog.pg_attribute where attrelid = ? and attnum > 0 and not attisdropped order by attnum")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Map<String, StudioRows.Reference> references = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname, rn.nspname, r.relname, ra.attname"
                + " from pg_catalog.pg_constraint k"
                + " join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]"
                + " join pg_catalog.pg_class r on r.oid = k.confrelid join pg_catalog.pg_namespace rn on rn.oid = r.relnamespace"
                + " join pg_catalog.pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = k.confkey[1]"
                + " where k.conrelid = ? and k.contype = 'f' and cardinality(k.conkey) = 1 order by k.conname")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    references.putIfAbsent(rs.getString(1), new StudioRows.Reference(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        List<StudioRows.Column> columns = new ArrayList<>();
        types.forEach((column, type) -> columns.add(new StudioRows.Column(column, type, references.get(column))));
        return new Relation(schema, name, kind, estimated, columns, types, key(c, oid));
    }

    /** The primary key's columns, else those of the first unique index on NOT NULL columns only, else none. */
    private static List<String> key(Connection c, long oid) throws SQLException {
        String sql = "select array(select a.attname from unnest(x.indkey::int2[]) with ordinality k(attnum, n)"
                + " join pg_catalog.pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum"
                + " where k.n <= x.indnkeyatts order by k.n)::text[]"
                + " from pg_catalog.pg_index x where x.indrelid = ? and x.indisunique and x.indisvalid and x.indpred is null"
                + " and x.indexprs is null and not exists (select from unnest(x.indkey::int2[]) k(attnum)"
                + "   join pg_catalog.pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum where not a.attnotnull)"
                + " order by x.indisprimary desc, x.indnatts, x.indexrelid limit 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? List.of((String[]) rs.getArray(1).getArray()) : List.of();
            }
        }
    }

    String qualified() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    boolean isTable() {
        return kind == 'r' || kind == 'p' || kind == 'f';
    }

    /** The column's quoted name; fails naming the column when the relation has none of that name. */
    String column(String column) throws StudioRequestException {
        if (column == null || !types.containsKey(column)) {
            throw new StudioRequestException(schema + "." + name + " has no column " + column + ".",
                    "pick one of: " + String.join(", ", types.keySet()), null);
        }
        return Identifiers.quote(column);
    }
}
