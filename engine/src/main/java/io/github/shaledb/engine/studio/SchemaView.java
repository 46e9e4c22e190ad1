package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.StudioSchema;
import io.github.shaledb.engine.diff.Change;
import io.github.shaledb.engine.diff.RenameDecider;
import io.github.shaledb.engine.diff.SchemaDiff;
import io.github.shaledb.engine.introspect.UnmanagedObject;
import io.github.shaledb.engine.introspect.UnmanagedReader;
import io.github.shaledb.engine.run.IgnoreList;
import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.Constraint;
import io.github.shaledb.engine.schema.DefaultPrivileges;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.Routine;
import io.github.shaledb.engine.schema.Schema;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.TableScopedName;
import io.github.shaledb.engine.schema.View;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The schema page: the engine's model of the managed schemas, with sizes, row estimates and index validity. */
final class SchemaView {
    /** Kinds shown on their own: tables and views as relations; dependencies are the engine's bookkeeping. */
    private static final Set<ObjectKind<?, ?>> NOT_ITEMS = Set.of(ObjectKind.TABLES, ObjectKind.VIEWS, ObjectKind.DEPENDENCIES);

    private record Stats(String kind, long estimatedRows, long bytes) {
    }

    private record IndexKey(String schema, String table) {
    }

    private SchemaView() {
    }

    /** @param ignore {@code db.ignore}: unmanaged objects it lists are not named */
    static StudioSchema of(Connection c, SchemaModel model, IgnoreList ignore) throws SQLException, EnvironmentException {
        int major = c.getMetaData().getDatabaseMajorVersion();
        List<String> schemas = model.schemas().stream().map(Schema::name).toList();
        Map<QualifiedName, Stats> stats = stats(c, schemas);
        Map<IndexKey, List<StudioSchema.Index>> indexes = indexes(c, schemas);
        List<StudioSchema.Relation> relations = new ArrayList<>();
        for (Table t : model.tables()) {
            Stats s = stats.getOrDefault(t.name(), new Stats("table", -1, 0));
            relations.add(new StudioSchema.Relation(t.name().schema(), t.name().name(), s.kind(),
                    t.columns().stream().map(SchemaView::column).toList(),
                    t.constraints().stream().map(SchemaView::constraint).toList(),
                    indexes.getOrDefault(new IndexKey(t.name().schema(), t.name().name()), List.of()),
                    s.estimatedRows(), s.bytes(), t.comment(), tableDefinition(model, t, major)));
        }
        for (View v : model.views()) {
            Stats s = stats.getOrDefault(v.name(), new Stats(v.materialized() ? "materialized view" : "view", -1, 0));
            relations.add(new StudioSchema.Relation(v.name().schema(), v.name().name(), s.kind(),
                    v.columns().stream().map(SchemaView::column).toList(), List.of(),
                    indexes.getOrDefault(new IndexKey(v.name().schema(), v.name().name()), List.of()),
                    v.materialized() ? s.estimatedRows() : -1, s.bytes(), v.comment(), definition(ObjectKind.VIEWS, v, major)));
        }
        relations.sort((a, b) -> (a.schema() + "." + a.name()).compareTo(b.schema() + "." + b.name()));
        List<StudioSchema.Item> items = new ArrayList<>();
        for (ObjectKind<?, ?> kind : ObjectKind.ALL) {
            if (!NOT_ITEMS.contains(kind)) {
                addItems(items, kind, model, major);
            }
        }
        List<String> unmanaged = UnmanagedReader.read(c, schemas).stream().filter(o -> !ignore.ignores(o))
                .map(UnmanagedObject::describe).toList();
        return new StudioSchema(schemas, relations, items, unmanaged);
    }

    private static <T> void addItems(List<StudioSchema.Item> items, ObjectKind<T, ?> kind, SchemaModel model, int major) {
        for (T item : model.all(kind)) {
            Object key = kind.keyOf(item);
            String schema = null;
            String name = key.toString();
            String table = null;
            if (key instanceof QualifiedName q) {
                schema = q.schema();
                name = q.name();
            } else if (key instanceof TableScopedName t) {
                schema = t.table().schema();
                table = t.table().name();
                name = t.name();
            } else if (key instanceof Routine.Signature f) {
                schema = f.name().schema();
                name = f.name().name() + "(" + f.argumentTypes() + ")";
            } else if (key instanceof DefaultPrivileges.Key d) {
                schema = d.schema();
            } else if (kind == ObjectKind.SCHEMAS) {
                schema = name;
            }
            items.add(new StudioSchema.Item(kind.noun(), schema, name, table, definition(kind, item, major)));
        }
    }

    /** The SQL that creates the object alone, as db:push would write it for an empty database. */
    static <T> String definition(ObjectKind<T, ?> kind, T item, int major) {
        return definition(SchemaModel.EMPTY, SchemaModel.EMPTY.with(kind, List.of(item)), kind.noun() + " " + kind.keyOf(item), major);
    }

    /** A partition's SQL is written against its parents, which exist already: they are on both sides of the diff. */
    private static String tableDefinition(SchemaModel model, Table table, int major) {
        List<Table> parents = new ArrayList<>();
        for (Table t = table; t.partitionOf() != null; ) {
            Table parent = model.table(t.partitionOf()).orElse(null);
            if (parent == null) {
                break;
            }
            parents.add(parent);
            t = parent;
        }
        List<Table> both = new ArrayList<>(parents);
        both.add(table);
        return definition(SchemaModel.EMPTY.with(ObjectKind.TABLES, parents), SchemaModel.EMPTY.with(ObjectKind.TABLES, both),
                "table " + table.name(), major);
    }

    private static String definition(SchemaModel before, SchemaModel after, String what, int major) {
        try {
            return SchemaDiff.between(before, after, RenameDecider.NONE, major).changes().stream()
                    .map(Change::sql).collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            // The page still shows the object; its SQL says why it is missing rather than hiding the object.
            return "-- Shale could not write the SQL of " + what + " on its own: " + e + "\n-- This is a bug of Shale;"
                    + " please report it.";
        }
    }

    private static StudioSchema.Column column(Column c) {
        return new StudioSchema.Column(c.name(), c.type(), c.notNull(), c.defaultExpression(),
                c.identity() == null ? null : c.identity().generation() == io.github.shaledb.engine.schema.Identity.Generation.ALWAYS
                        ? "ALWAYS" : "BY DEFAULT",
                c.generatedExpression(), c.comment());
    }

    private static StudioSchema.Constraint constraint(Constraint c) {
        StudioSchema.Reference references = c.foreignKey() == null ? null : new StudioSchema.Reference(
                c.foreignKey().table().schema(), c.foreignKey().table().name(), c.foreignKey().columns());
        String type = switch (c.type()) {
            case PRIMARY_KEY -> "PRIMARY KEY";
            case UNIQUE -> "UNIQUE";
            case CHECK -> "CHECK";
            case FOREIGN_KEY -> "FOREIGN KEY";
            case EXCLUSION -> "EXCLUDE";
        };
        return new StudioSchema.Constraint(c.name(), type, c.definition(), c.columns(), references, c.validated());
    }

    private static Map<QualifiedName, Stats> stats(Connection c, List<String> schemas) throws SQLException {
        Map<QualifiedName, Stats> stats = new HashMap<>();
        String sql = "select n.nspname, c.relname, c.relkind, c.relispartition, c.reltuples::bigint,"
                + " pg_total_relation_size(c.oid) from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = any (?) and c.relkind in ('r', 'p', 'v', 'm')";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = switch (rs.getString(3)) {
                        case "p" -> "partitioned table";
                        case "v" -> "view";
                        case "m" -> "materialized view";
                        default -> rs.getBoolean(4) ? "partition" : "table";
                    };
                    stats.put(new QualifiedName(rs.getString(1), rs.getString(2)), new Stats(kind, rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return stats;
    }

    /** Every index of the managed schemas' tables and materialized views, those behind constraints included. */
    private static Map<IndexKey, List<StudioSchema.Index>> indexes(Connection c, List<String> schemas) throws SQLException {
        Map<IndexKey, List<StudioSchema.Index>> indexes = new HashMap<>();
        String sql = "select n.nspname, t.relname, i.relname, pg_catalog.pg_get_indexdef(i.oid), x.indisunique, x.indisvalid,"
                + " pg_catalog.pg_relation_size(i.oid) from pg_catalog.pg_index x"
                + " join pg_catalog.pg_class i on i.oid = x.indexrelid join pg_catalog.pg_class t on t.oid = x.indrelid"
                + " join pg_catalog.pg_namespace n on n.oid = t.relnamespace where n.nspname = any (?)"
                + " order by n.nspname, t.relname, i.relname";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(new IndexKey(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new StudioSchema.Index(rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6),
                                    rs.getLong(7)));
                }
            }
        }
        return indexes;
    }
}
