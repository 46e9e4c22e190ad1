package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@link ObjectId} of each object read, by its system catalog and oid, so that the rows of
 * {@code pg_depend} can be named. Each kind's reader registers what it reads.
 */
final class ObjectOids {
    /** Catalog name ({@code pg_class}, {@code pg_proc}, …) to oid to id. */
    private final Map<String, Map<Long, String>> ids = new HashMap<>();
    /** Tables, views and composite types: the column ids of {@code pg_class} sub-objects are built from these. */
    private final Map<Long, QualifiedName> columnOwners = new HashMap<>();
    /** Relations whose column is the whole object (a composite type's attribute), not a column of its own. */
    private final Map<Long, String> wholeOwners = new HashMap<>();
    /** Relation oid to attnum to column name. */
    private final Map<Long, Map<Integer, String>> columnNames = new HashMap<>();

    void add(String catalog, long oid, String id) {
        ids.computeIfAbsent(catalog, c -> new HashMap<>()).put(oid, id);
    }

    /** A table or view: its columns are {@code column} ids. */
    void addRelation(long oid, String id, QualifiedName name) {
        add("pg_class", oid, id);
        columnOwners.put(oid, name);
    }

    /** A relation whose columns stand for the whole object (a composite type's {@code typrelid}). */
    void addWhole(long relationOid, String id) {
        wholeOwners.put(relationOid, id);
    }

    /** The id of an object, or of a column ({@code subId} > 0 on {@code pg_class}); null when it was not read. */
    String id(String catalog, long oid, int subId) {
        if (subId > 0 && catalog.equals("pg_class")) {
            String whole = wholeOwners.get(oid);
            if (whole != null) {
                return whole;
            }
            QualifiedName owner = columnOwners.get(oid);
            return owner == null ? null : columnId(oid, owner, subId);
        }
        Map<Long, String> byOid = ids.get(catalog);
        return byOid == null ? null : byOid.get(oid);
    }

    /** The name of column {@code attnum} of relation {@code oid}, for column ids. */
    void addColumn(long oid, int attnum, String name) {
        columnNames.computeIfAbsent(oid, o -> new HashMap<>()).put(attnum, name);
    }

    private String columnId(long oid, QualifiedName owner, int attnum) {
        String column = columnNames.getOrDefault(oid, Map.of()).get(attnum);
        return column == null ? null : ObjectId.column(owner, column);
    }
}
