package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.schema.Collation;
import io.github.shaledb.engine.schema.ColumnRef;
import io.github.shaledb.engine.schema.DefaultPrivileges;
import io.github.shaledb.engine.schema.Privileges;
import io.github.shaledb.engine.schema.CompositeType;
import io.github.shaledb.engine.schema.Domain;
import io.github.shaledb.engine.schema.Extension;
import io.github.shaledb.engine.schema.RangeType;
import io.github.shaledb.engine.schema.Dependency;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.Routine;
import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.Constraint;
import io.github.shaledb.engine.schema.EnumType;
import io.github.shaledb.engine.schema.EventTrigger;
import io.github.shaledb.engine.schema.ForeignKey;
import io.github.shaledb.engine.schema.Identity;
import io.github.shaledb.engine.schema.Index;
import io.github.shaledb.engine.schema.IndexKey;
import io.github.shaledb.engine.schema.Policy;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.RowSecurity;
import io.github.shaledb.engine.schema.Schema;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Sequence;
import io.github.shaledb.engine.schema.SequenceOptions;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.Trigger;
import io.github.shaledb.engine.schema.View;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the managed schemas of a live database into a {@link SchemaModel}, with the same small number
 * of catalog queries however many objects there are (one per object kind). Objects that belong to an
 * extension are left out, as are the system schemas.
 */
public final class Introspector {
    private final Connection connection;
    private final CatalogSession catalog;
    private final Set<QualifiedName> ignoredTables;
    private final Map<ColumnKey, OwnedSequence> ownedSequences = new HashMap<>();

    private Introspector(Connection connection, Set<QualifiedName> ignoredTables) {
        this.connection = connection;
        this.catalog = new CatalogSession(connection);
        this.ignoredTables = Set.copyOf(ignoredTables);
    }

    /** As {@link #introspect(Connection, List, Set)} with no table ignored. */
    public static SchemaModel introspect(Connection connection, List<String> schemas) throws EnvironmentException {
        return introspect(connection, schemas, Set.of());
    }

    /**
     * @param schemas       the managed schemas; empty means every user schema except the tracking schema
     *                      ({@value Defaults#TRACKING_SCHEMA}), which is read only when listed. Listed schemas
     *                      that do not exist are simply absent from the model.
     * @param ignoredTables tables to leave out with their owned sequences (the tracking table when it
     *                      lives in a managed schema)
     */
    public static SchemaModel introspect(Connection connection, List<String> schemas, Set<QualifiedName> ignoredTables)
            throws EnvironmentException {
        try {
            return new Introspector(connection, ignoredTables).read(schemas);
        } catch (SQLException e) {
            throw new EnvironmentException("Cannot read the schema of the database: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"),
                    "Check that the user may read the system catalogs and that the connection is open.", e);
        }
    }

    private SchemaModel read(List<String> schemas) throws SQLException {
        return CatalogSession.withEmptySearchPath(connection, () -> readModel(schemas));
    }

    private SchemaModel readModel(List<String> listed) throws SQLException {
        List<Schema> schemas = readSchemas(listed);
        catalog.schemas(schemas.stream().map(Schema::name).toList());

        List<Extension> extensions = new ExtensionReader(catalog).read();
        List<Collation> collations = new CollationReader(catalog).read();
        List<EnumType> enums = readEnums();
        DomainReader domainReader = new DomainReader(catalog);
        List<Domain> domains = domainReader.read();
        List<CompositeType> compositeTypes = new CompositeTypeReader(catalog).read();
        List<RangeType> rangeTypes = new RangeTypeReader(catalog).read();
        List<Sequence> sequences = readSequences();
        Relations relations = readRelations();
        readColumns(relations);
        readConstraints(relations, nullsNotDistinct("ix"));
        readIndexes(relations, nullsNotDistinct("i"));
        readViewDependencies(relations);
        List<Routine> routines = new RoutineReader(catalog).read();
        List<Trigger> triggers = new TriggerReader(catalog).read();
        PolicyReader policyReader = new PolicyReader(catalog);
        List<RowSecurity> rowSecurity = policyReader.readRowSecurity();
        List<Policy> policies = policyReader.readPolicies();
        List<EventTrigger> eventTriggers = new EventTriggerReader(catalog).read();
        PrivilegeReader privilegeReader = new PrivilegeReader(catalog);
        List<Privileges> privileges = privilegeReader.read();
        List<DefaultPrivileges> defaultPrivileges = privilegeReader.readDefaults();
        List<Dependency> dependencies = new ArrayList<>(new DependencyReader(catalog).read());
        dependencies.addAll(domainReader.checkEdges());

        List<Table> tables = new ArrayList<>();
        for (TableParts table : relations.tables.values()) {
            if (!ignoredTables.contains(table.name())) {
                tables.add(table.build());
            }
        }
        List<View> views = relations.views.values().stream().map(ViewParts::build).toList();
        List<Sequence> keptSequences = sequences.stream()
                .filter(s -> s.ownedBy() == null || !ignoredTables.contains(s.ownedBy().table()))
                .toList();
        Set<QualifiedName> ignoredSequences = new HashSet<>();
        sequences.stream().filter(s -> s.ownedBy() != null && ignoredTables.contains(s.ownedBy().table()))
                .forEach(s -> ignoredSequences.add(s.name()));
        List<Privileges> keptPrivileges = privileges.stream().filter(p -> !switch (p.type()) {
            case "TABLE" -> ignoredTables.contains(QualifiedName.of(p.schema(), p.name()));
            case "SEQUENCE" -> ignoredSequences.contains(QualifiedName.of(p.schema(), p.name()));
            default -> false;
        }).toList();
        return SchemaModel.builder()
                .put(ObjectKind.SCHEMAS, schemas)
                .put(ObjectKind.PRIVILEGES, keptPrivileges)
                .put(ObjectKind.DEFAULT_PRIVILEGES, defaultPrivileges)
                .put(ObjectKind.ENUMS, enums)
                .put(ObjectKind.SEQUENCES, keptSequences)
                .put(ObjectKind.TABLES, tables)
                .put(ObjectKind.VIEWS, views)
                .put(ObjectKind.FUNCTIONS, routines)
                .put(ObjectKind.TRIGGERS, triggers.stream().filter(t -> !ignoredTables.contains(t.table())).toList())
                .put(ObjectKind.ROW_SECURITY, rowSecurity.stream().filter(r -> !ignoredTables.contains(r.table())).toList())
                .put(ObjectKind.POLICIES, policies.stream().filter(p -> !ignoredTables.contains(p.table())).toList())
                .put(ObjectKind.EVENT_TRIGGERS, eventTriggers)
                .put(ObjectKind.EXTENSIONS, extensions)
                .put(ObjectKind.COLLATIONS, collations)
                .put(ObjectKind.DOMAINS, domains)
                .put(ObjectKind.COMPOSITE_TYPES, compositeTypes)
                .put(ObjectKind.RANGE_TYPES, rangeTypes)
                .put(ObjectKind.DEPENDENCIES, dependencies)
                .build();
    }

    /** The SQL for {@code NULLS NOT DISTINCT} of the {@code pg_index} row {@code indexAlias}. */
    private String nullsNotDistinct(String indexAlias) throws SQLException {
        // Before PostgreSQL 15 there is no such column, and no such index.
        return connection.getMetaData().getDatabaseMajorVersion() >= 15
                ? "coalesce(" + indexAlias + ".indnullsnotdistinct, false)" : "false";
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        return catalog.prepare(sql);
    }

    private List<Schema> readSchemas(List<String> listed) throws SQLException {
        List<Schema> schemas = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.SCHEMAS)) {
            statement.setArray(1, connection.createArrayOf("text", listed.toArray()));
            statement.setBoolean(2, listed.isEmpty());
            statement.setString(3, Defaults.TRACKING_SCHEMA);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    schemas.add(new Schema(rows.getString("nspname"), rows.getString("description")));
                }
            }
        }
        return schemas;
    }

    private List<EnumType> readEnums() throws SQLException {
        List<EnumType> enums = new ArrayList<>();
        try (PreparedStatement statement = prepare(CatalogQueries.ENUMS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                EnumType e = new EnumType(name(rows, "nspname", "typname"), strings(rows, "labels"),
                        rows.getString("description"));
                enums.add(e);
                catalog.oids.add("pg_type", rows.getLong("oid"), ObjectId.type(e.name()));
            }
        }
        return enums;
    }

    /** The managed sequences; fills {@link #ownedSequences} with the sequence each column owns. */
    private List<Sequence> readSequences() throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement statement = prepare(CatalogQueries.SEQUENCES); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                QualifiedName name = name(rows, "nspname", "relname");
                catalog.oids.add("pg_class", rows.getLong("oid"), ObjectId.sequence(name));
                SequenceOptions options = sequenceOptions(rows, "type");
                boolean identity = "i".equals(rows.getString("deptype"));
                long ownerOid = rows.getLong("owner_oid");
                if (!rows.wasNull()) {
                    // A column may own several sequences by hand: the identity one wins, then the first by name.
                    ownedSequences.merge(new ColumnKey(ownerOid, rows.getInt("owner_attnum")),
                            new OwnedSequence(name, options, identity),
                            (first, next) -> next.identity() && !first.identity() ? next : first);
                }
                if (rows.getBoolean("managed")) {
                    String ownerTable = rows.getString("owner_table");
                    ColumnRef ownedBy = ownerTable == null ? null
                            : new ColumnRef(name(rows, "owner_schema", "owner_table"), rows.getString("owner_column"));
                    sequences.add(new Sequence(name, options, ownedBy, identity, rows.getString("description")));
                }
            }
        }
        return sequences;
    }

    private static SequenceOptions sequenceOptions(ResultSet rows, String typeColumn) throws SQLException {
        return new SequenceOptions(rows.getString(typeColumn), rows.getLong("seqstart"), rows.getLong("seqincrement"),
                rows.getLong("seqmin"), rows.getLong("seqmax"), rows.getLong("seqcache"), rows.getBoolean("seqcycle"));
    }

    private Relations readRelations() throws SQLException {
        Relations relations = new Relations();
        try (PreparedStatement statement = prepare(CatalogQueries.RELATIONS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long oid = rows.getLong("oid");
                QualifiedName name = name(rows, "nspname", "relname");
                String kind = rows.getString("relkind");
                List<String> options = strings(rows, "options");
                String comment = rows.getString("description");
                String id = kind.equals("v") || kind.equals("m") ? ObjectId.view(name) : ObjectId.table(name);
                catalog.oids.addRelation(oid, id, name);
                catalog.oids.add("pg_type", rows.getLong("reltype"), id); // its row type
                if (kind.equals("v") || kind.equals("m")) {
                    relations.views.put(oid, new ViewParts(name, kind.equals("m"), rows.getString("definition"),
                            options, comment));
                } else {
                    QualifiedName parent = rows.getString("parent_table") == null ? null
                            : name(rows, "parent_schema", "parent_table");
                    relations.tables.put(oid, new TableParts(name, "u".equals(rows.getString("relpersistence")),
                            rows.getString("partition_key"), parent, rows.getString("partition_bound"), options, comment));
                }
            }
        }
        return relations;
    }

    private void readColumns(Relations relations) throws SQLException {
        try (PreparedStatement statement = prepare(CatalogQueries.COLUMNS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long relation = rows.getLong("attrelid");
                String expression = shared(rows.getString("expression"));
                boolean generated = "s".equals(rows.getString("attgenerated"));
                String identityKind = rows.getString("attidentity");
                int attnum = rows.getInt("attnum");
                catalog.oids.addColumn(relation, attnum, shared(rows.getString("attname")));
                OwnedSequence owned = ownedSequences.get(new ColumnKey(relation, attnum));
                QualifiedName sequence = owned == null ? null : owned.name();
                Identity identity = null;
                QualifiedName ownedSequence = null;
                if (!identityKind.isEmpty()) {
                    identity = new Identity(identityKind.equals("a") ? Identity.Generation.ALWAYS : Identity.Generation.BY_DEFAULT,
                            sequence, owned == null ? null : owned.options());
                } else {
                    ownedSequence = sequence;
                }
                QualifiedName collation = rows.getString("collation_name") == null ? null
                        : name(rows, "collation_schema", "collation_name");
                // Numbered from 1 once the relation is complete (see numbered()); the attnum orders them until then.
                Column column = new Column(shared(rows.getString("attname")), attnum, shared(rows.getString("type")),
                        rows.getBoolean("attnotnull"), generated ? null : expression, ownedSequence, identity,
                        generated ? expression : null, collation, rows.getString("description"));
                TableParts table = relations.tables.get(relation);
                if (table != null) {
                    table.columns.add(column);
                } else {
                    relations.views.get(relation).columns.add(column);
                }
            }
        }
    }

    private void readConstraints(Relations relations, String nullsNotDistinctColumn) throws SQLException {
        try (PreparedStatement statement = prepare(CatalogQueries.constraints(nullsNotDistinctColumn));
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                TableParts table = relations.tables.get(rows.getLong("conrelid"));
                Constraint.Type type = switch (rows.getString("contype")) {
                    case "p" -> Constraint.Type.PRIMARY_KEY;
                    case "u" -> Constraint.Type.UNIQUE;
                    case "c" -> Constraint.Type.CHECK;
                    case "f" -> Constraint.Type.FOREIGN_KEY;
                    default -> Constraint.Type.EXCLUSION;
                };
                ForeignKey foreignKey = type != Constraint.Type.FOREIGN_KEY ? null
                        : new ForeignKey(name(rows, "ref_schema", "ref_table"), strings(rows, "ref_columns"),
                                action(rows.getString("confupdtype")), action(rows.getString("confdeltype")),
                                match(rows.getString("confmatchtype")));
                catalog.oids.add("pg_constraint", rows.getLong("oid"), ObjectId.constraint(table.name(), rows.getString("conname")));
                table.constraints.add(new Constraint(rows.getString("conname"), type, rows.getString("definition"),
                        plainColumns(strings(rows, "columns")), rows.getBoolean("nulls_not_distinct"), foreignKey,
                        rows.getBoolean("condeferrable"), rows.getBoolean("condeferred"), rows.getBoolean("convalidated"),
                        rows.getString("description")));
            }
        }
    }

    /** A constraint's columns without the nulls an exclusion constraint's expression elements leave (key 0). */
    private static List<String> plainColumns(List<String> columns) {
        return columns.stream().filter(Objects::nonNull).toList();
    }

    private static ForeignKey.Action action(String code) {
        return switch (code) {
            case "r" -> ForeignKey.Action.RESTRICT;
            case "c" -> ForeignKey.Action.CASCADE;
            case "n" -> ForeignKey.Action.SET_NULL;
            case "d" -> ForeignKey.Action.SET_DEFAULT;
            default -> ForeignKey.Action.NO_ACTION;
        };
    }

    private static ForeignKey.Match match(String code) {
        return switch (code) {
            case "f" -> ForeignKey.Match.FULL;
            case "p" -> ForeignKey.Match.PARTIAL;
            default -> ForeignKey.Match.SIMPLE;
        };
    }

    private void readIndexes(Relations relations, String nullsNotDistinctColumn) throws SQLException {
        try (PreparedStatement statement = prepare(CatalogQueries.indexes(nullsNotDistinctColumn));
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long relation = rows.getLong("indrelid");
                int keyCount = rows.getInt("indnkeyatts");
                List<String> columnNames = strings(rows, "column_names");
                List<String> keyTexts = strings(rows, "key_texts");
                // Empty lists: the operator classes when all are defaults, the key texts when no key is an expression.
                List<String> opclassSchemas = strings(rows, "opclass_schemas");
                List<String> opclassNames = strings(rows, "opclass_names");
                Object[] options = (Object[]) rows.getArray("key_options").getArray();
                List<IndexKey> keys = new ArrayList<>();
                for (int k = 0; k < keyCount; k++) {
                    int option = ((Number) options[k]).intValue();
                    // indoption bits: 1 = DESC, 2 = NULLS FIRST (zero for methods that do not order).
                    String opclass = opclassNames.isEmpty() ? null : opclassNames.get(k);
                    keys.add(new IndexKey(columnNames.get(k), columnNames.get(k) == null ? keyTexts.get(k) : null,
                            opclass == null ? null : QualifiedName.of(opclassSchemas.get(k), opclass),
                            (option & 1) != 0, (option & 2) != 0));
                }
                Index index = new Index(rows.getString("index_name"), rows.getBoolean("indisunique"),
                        rows.getBoolean("nulls_not_distinct"), rows.getString("amname"), keys,
                        columnNames.subList(keyCount, columnNames.size()), rows.getString("predicate"),
                        rows.getString("definition"), rows.getString("description"));
                TableParts table = relations.tables.get(relation);
                QualifiedName owner = table != null ? table.name() : relations.views.get(relation).name();
                catalog.oids.add("pg_class", rows.getLong("indexrelid"), ObjectId.index(QualifiedName.of(owner.schema(), index.name())));
                if (table != null) {
                    table.indexes.add(index);
                } else {
                    relations.views.get(relation).indexes.add(index);
                }
            }
        }
    }

    private void readViewDependencies(Relations relations) throws SQLException {
        try (PreparedStatement statement = prepare(CatalogQueries.VIEW_DEPENDENCIES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ViewParts view = relations.views.get(rows.getLong("oid"));
                if (view != null) {
                    view.dependsOn.add(name(rows, "ref_schema", "ref_name"));
                }
            }
        }
    }

    private QualifiedName name(ResultSet rows, String schemaColumn, String nameColumn) throws SQLException {
        return catalog.name(rows, schemaColumn, nameColumn);
    }

    private String shared(String text) {
        return catalog.shared(text);
    }

    private static List<String> strings(ResultSet rows, String column) throws SQLException {
        return CatalogSession.strings(rows, column);
    }

    /** A column by its relation's oid and its attnum. */
    private record ColumnKey(long relation, int attnum) {
    }

    private record OwnedSequence(QualifiedName name, SequenceOptions options, boolean identity) {
    }

    /** Tables and views by oid while their parts arrive from the later queries. */
    private static final class Relations {
        final Map<Long, TableParts> tables = new HashMap<>();
        final Map<Long, ViewParts> views = new HashMap<>();
    }

    private record TableParts(QualifiedName name, boolean unlogged, String partitionKey, QualifiedName partitionOf,
                              String partitionBound, List<String> options, String comment, List<Column> columns,
                              List<Constraint> constraints, List<Index> indexes) {
        TableParts(QualifiedName name, boolean unlogged, String partitionKey, QualifiedName partitionOf,
                   String partitionBound, List<String> options, String comment) {
            this(name, unlogged, partitionKey, partitionOf, partitionBound, options, comment,
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        Table build() {
            return new Table(name, unlogged, partitionKey, partitionOf, partitionBound, options, numbered(columns),
                    constraints, indexes, comment);
        }
    }

    private record ViewParts(QualifiedName name, boolean materialized, String definition, List<String> options,
                             String comment, List<Column> columns, List<QualifiedName> dependsOn, List<Index> indexes) {
        ViewParts(QualifiedName name, boolean materialized, String definition, List<String> options, String comment) {
            this(name, materialized, definition, options, comment, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        View build() {
            return new View(name, materialized, definition, numbered(columns), dependsOn, options, indexes, comment);
        }
    }

    /** Columns read with their attnum as position, numbered 1, 2, … in that order: dropped columns leave no gap. */
    private static List<Column> numbered(List<Column> columns) {
        List<Column> sorted = new ArrayList<>(columns);
        sorted.sort(Comparator.comparingInt(Column::position));
        for (int i = 0; i < sorted.size(); i++) {
            Column c = sorted.get(i);
            if (c.position() != i + 1) {
                sorted.set(i, new Column(c.name(), i + 1, c.type(), c.notNull(), c.defaultExpression(), c.ownedSequence(),
                        c.identity(), c.generatedExpression(), c.collation(), c.comment()));
            }
        }
        return sorted;
    }
}
