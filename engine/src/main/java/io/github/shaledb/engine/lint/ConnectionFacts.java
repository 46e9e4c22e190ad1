package io.github.shaledb.engine.lint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema before a migration, read from the catalogs of the scratch database that holds it. Lazy: a question is
 * asked of the server the first time a rule asks it, and the answer kept; the relations' names are read in one query
 * the first time {@link #exists} or {@link #tableOfIndex} is asked, the rest per table or type named. Valid while
 * the database holds the schema before the migration (between its traced transaction, rolled back, and its replay);
 * make a new one for the next migration. A catalog query that fails answers null (unknown).
 *
 * <p>Names are {@code schema.name} as the server stores them; a name without a schema is read in {@code public}.
 */
public final class ConnectionFacts implements SchemaFacts {
    private static final String SYSTEM_SCHEMAS = "n.nspname not in ('pg_catalog', 'information_schema')"
            + " and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'";
    private static final String RELATIONS = "select n.nspname || '.' || c.relname,"
            + " (select tn.nspname || '.' || t.relname from pg_catalog.pg_index i"
            + " join pg_catalog.pg_class t on t.oid = i.indrelid join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace"
            + " where i.indexrelid = c.oid)"
            + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where " + SYSTEM_SCHEMAS;
    private static final String COLUMNS = "select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)"
            + " from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = ? and c.relname = ? and a.attnum > 0 and not a.attisdropped";
    /** Valid, non-partial indexes of a table: their key columns in order, an expression as null. */
    private static final String INDEX_KEYS = "select array(select a.attname from pg_catalog.unnest(i.indkey::int2[])"
            + " with ordinality k(attnum, ord) left join pg_catalog.pg_attribute a on a.attrelid = i.indrelid"
            + " and a.attnum = k.attnum where k.ord <= i.indnkeyatts order by k.ord)"
            + " from pg_catalog.pg_index i join pg_catalog.pg_class c on c.oid = i.indrelid"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = ? and c.relname = ? and i.indisvalid and i.indpred is null";
    private static final String NOT_NULL_CHECK = "select exists (select from pg_catalog.pg_constraint k"
            + " join pg_catalog.pg_class c on c.oid = k.conrelid join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " where n.nspname = ? and c.relname = ? and k.contype = 'c' and k.convalidated"
            + " and pg_catalog.pg_get_constraintdef(k.oid) = 'CHECK ((' || pg_catalog.quote_ident(?) || ' IS NOT NULL))')";
    private static final String ENUM = "select t.typtype = 'e', array(select e.enumlabel::text from pg_catalog.pg_enum e"
            + " where e.enumtypid = t.oid order by e.enumsortorder),"
            + " exists (select from pg_catalog.pg_index i join pg_catalog.pg_attribute a on a.attrelid = i.indrelid"
            + " and a.attnum = any (i.indkey::int2[]) where a.atttypid = t.oid)"
            + " from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
            + " where n.nspname = ? and t.typname = ?";
    private static final String DOMAIN = "select exists (select from pg_catalog.pg_attribute a"
            + " join pg_catalog.pg_class c on c.oid = a.attrelid"
            + " where a.atttypid = t.oid and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'm', 'f'))"
            + " from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
            + " where n.nspname = ? and t.typname = ? and t.typtype = 'd'";

    private final Connection connection;
    /** Relation → the table of an index, or "" for a relation that is not an index; null until read. */
    private Map<String, String> relations;
    private final Map<String, Map<String, String>> columns = new HashMap<>();
    private final Map<String, List<List<String>>> indexKeys = new HashMap<>();
    private final Map<String, Boolean> notNullChecks = new HashMap<>();
    private final Map<String, EnumFacts> enums = new HashMap<>();
    private final Map<String, Boolean> domains = new HashMap<>();
    private boolean failed;

    private record EnumFacts(List<String> labels, boolean sorted) {
    }

    /** @param connection the scratch database holding the schema before the migration */
    public ConnectionFacts(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Boolean exists(String relation) {
        Map<String, String> all = relations();
        return all == null || relation == null ? null : all.containsKey(qualified(relation));
    }

    @Override
    public String tableOfIndex(String index) {
        Map<String, String> all = relations();
        if (all == null || index == null) {
            return null;
        }
        String table = all.get(qualified(index));
        return table == null || table.isEmpty() ? null : table;
    }

    @Override
    public String columnType(String table, String column) {
        if (table == null || column == null) {
            return null;
        }
        Map<String, String> types = columns.computeIfAbsent(qualified(table), this::readColumns);
        return types == null ? null : types.get(column);
    }

    @Override
    public Boolean hasIndexLeadingWith(String table, List<String> columnNames) {
        if (table == null || columnNames == null || columnNames.isEmpty()) {
            return null;
        }
        List<List<String>> indexes = indexKeys.computeIfAbsent(qualified(table), this::readIndexKeys);
        if (indexes == null) {
            return null;
        }
        Set<String> wanted = new HashSet<>(columnNames);
        for (List<String> keys : indexes) {
            if (keys.size() >= columnNames.size() && !keys.subList(0, columnNames.size()).contains(null)
                    && new HashSet<>(keys.subList(0, columnNames.size())).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Boolean hasValidatedNotNullCheck(String table, String column) {
        if (table == null || column == null) {
            return null;
        }
        String[] name = split(table);
        return notNullChecks.computeIfAbsent(name[0] + "." + name[1] + "\u0000" + column,
                key -> query(NOT_NULL_CHECK, rows -> rows.next() ? rows.getBoolean(1) : null, name[0], name[1], column));
    }

    @Override
    public List<String> enumLabels(String type) {
        EnumFacts facts = enumFacts(type);
        return facts == null ? null : facts.labels();
    }

    @Override
    public Boolean enumSorted(String type) {
        EnumFacts facts = enumFacts(type);
        return facts == null ? null : facts.sorted();
    }

    @Override
    public Boolean domainInUse(String domain) {
        if (domain == null) {
            return null;
        }
        String[] name = split(domain);
        return domains.computeIfAbsent(name[0] + "." + name[1],
                key -> query(DOMAIN, rows -> rows.next() ? rows.getBoolean(1) : null, name[0], name[1]));
    }

    private EnumFacts enumFacts(String type) {
        if (type == null) {
            return null;
        }
        String[] name = split(type);
        return enums.computeIfAbsent(name[0] + "." + name[1], key -> query(ENUM, rows -> {
            if (!rows.next() || !rows.getBoolean(1)) {
                return null;
            }
            List<String> labels = new ArrayList<>();
            try (ResultSet values = rows.getArray(2).getResultSet()) {
                while (values.next()) {
                    labels.add(values.getString(2));
                }
            }
            return new EnumFacts(List.copyOf(labels), rows.getBoolean(3));
        }, name[0], name[1]));
    }

    private Map<String, String> relations() {
        if (relations == null && !failed) {
            relations = query(RELATIONS, rows -> {
                Map<String, String> all = new HashMap<>();
                while (rows.next()) {
                    all.put(rows.getString(1), rows.getString(2) == null ? "" : rows.getString(2));
                }
                return all;
            });
            failed = relations == null;
        }
        return relations;
    }

    private Map<String, String> readColumns(String table) {
        String[] name = split(table);
        return query(COLUMNS, rows -> {
            Map<String, String> types = new HashMap<>();
            while (rows.next()) {
                types.put(rows.getString(1), rows.getString(2));
            }
            // A table with no columns at all is rare; one not found is unknown to this query, not "no column".
            return types.isEmpty() ? null : types;
        }, name[0], name[1]);
    }

    private List<List<String>> readIndexKeys(String table) {
        String[] name = split(table);
        return query(INDEX_KEYS, rows -> {
            List<List<String>> indexes = new ArrayList<>();
            while (rows.next()) {
                List<String> keys = new ArrayList<>();
                try (ResultSet values = rows.getArray(1).getResultSet()) {
                    while (values.next()) {
                        keys.add(values.getString(2));
                    }
                }
                indexes.add(keys);
            }
            return indexes;
        }, name[0], name[1]);
    }

    private interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Null when the query fails: the answer is then unknown, as without a database. */
    private <T> T query(String sql, Reader<T> reader, String... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private static String qualified(String name) {
        String[] parts = split(name);
        return parts[0] + "." + parts[1];
    }

    /** {@code schema.name} → both parts; a name without a schema is in {@code public}. */
    private static String[] split(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? new String[] {"public", name} : new String[] {name.substring(0, dot), name.substring(dot + 1)};
    }
}
