package io.github.shaledb.engine.lint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The sizes of the tables of the {@code db.url} database, read in one query: the planner's row estimate
 * ({@code pg_class.reltuples}) and {@code pg_total_relation_size} of every table, partitioned table and materialized
 * view outside the system schemas. A partitioned table counts the rows and bytes of its leaf partitions.
 */
public final class TableSizes {
    /**
     * Rows are -1 when the table was never vacuumed or analysed (PostgreSQL 14+ says -1; 13 says 0 with no pages,
     * which an analysed empty table also says: unknown either way). A partitioned table's rows are the sum of its
     * leaves' known estimates; -1 when none is known.
     */
    private static final String SIZES = "select n.nspname || '.' || c.relname,"
            + " case when c.relkind = 'p' then coalesce((select sum(l.reltuples) filter (where l.reltuples >= 0)"
            + " from pg_catalog.pg_partition_tree(c.oid) t join pg_catalog.pg_class l on l.oid = t.relid"
            + " where t.isleaf and not (l.reltuples = 0 and l.relpages = 0 and pg_catalog.current_setting("
            + "'server_version_num')::int < 140000)), -1)"
            + " when c.reltuples < 0 or (c.reltuples = 0 and c.relpages = 0 and pg_catalog.current_setting("
            + "'server_version_num')::int < 140000) then -1 else c.reltuples end::bigint,"
            + " case when c.relkind = 'p' then (select coalesce(sum(pg_catalog.pg_total_relation_size(t.relid)), 0)"
            + " from pg_catalog.pg_partition_tree(c.oid) t where t.isleaf)"
            + " else pg_catalog.pg_total_relation_size(c.oid) end"
            + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " where c.relkind in ('r', 'p', 'm') and n.nspname not in ('pg_catalog', 'information_schema')"
            + " and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'";

    private TableSizes() {
    }

    /** @return every table's size by {@code schema.name} */
    public static Map<String, TableSize> read(Connection connection) throws SQLException {
        Map<String, TableSize> sizes = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SIZES)) {
            while (rows.next()) {
                sizes.put(rows.getString(1), new TableSize(rows.getLong(2), rows.getLong(3)));
            }
        }
        return Map.copyOf(sizes);
    }
}
