package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.migrations.Layout;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.schema.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/** Where each migration's snapshot lives, and what differs between two models, in words. */
public final class Snapshots {
    static final String SNAPSHOT_JSON = "snapshot.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Snapshots() {
    }

    /**
     * {@code <folder>/snapshot.json} for a migration in its own folder; {@code meta/<prefix>_snapshot.json} for
     * drizzle-kit's flat files, where drizzle-kit keeps its own snapshots and db:generate writes Shale's.
     */
    static Path file(Migration m) {
        if (m.file().getFileName().toString().equals(MigrationWriter.MIGRATION_SQL)) {
            return m.file().resolveSibling(SNAPSHOT_JSON);
        }
        return m.file().resolveSibling("meta").resolve(flatPrefix(m.tag()) + "_snapshot.json");
    }

    /** The part of a flat layout's tag before the first {@code _}, which names its snapshot, as drizzle-kit does. */
    static String flatPrefix(String tag) {
        int underscore = tag.indexOf('_');
        return underscore > 0 ? tag.substring(0, underscore) : tag;
    }

    /** Whether a missing snapshot is an error (Shale wrote the folder) rather than drizzle-kit's layout. */
    static boolean expected(MigrationDirectory directory, Migration m) {
        return directory.layout() == Layout.JOURNAL_FOLDERS
                && m.file().getFileName().toString().equals(MigrationWriter.MIGRATION_SQL);
    }

    /**
     * The Shale snapshot of {@code m}, or null when it has none on disk. In the flat layout a {@code meta/…_snapshot.json}
     * written by drizzle-kit is in drizzle-kit's format: that is no Shale snapshot, and is left alone.
     */
    public static SchemaSnapshot readIfPresent(Migration m) throws MigrationFileException {
        Path file = file(m);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        if (!m.file().getFileName().toString().equals(MigrationWriter.MIGRATION_SQL) && !isShale(file)) {
            return null;
        }
        return SnapshotJson.read(file);
    }

    private static boolean isShale(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file)); // NIO: the folder may be inside a jar
            return root != null && root.isObject() && SnapshotJson.FORMAT.equals(root.path("format").textValue());
        } catch (IOException e) {
            return false; // not JSON Shale wrote; drizzle-kit's own tools report their files
        }
    }

    static MigrationFileException missing(Migration m) {
        Path file = file(m);
        return new MigrationFileException(file, "Migration " + m.tag() + " has no snapshot: " + file + " does not exist.",
                "restore it from version control (db:generate diffs against the last migration's snapshot)");
    }

    /**
     * The model with column positions replaced by name order. A column added to the middle of a
     * {@code create table} in the schema files lands at the end when a migration adds it; that is the
     * same schema for every purpose check compares.
     */
    static SchemaModel ignoringColumnOrder(SchemaModel m) {
        List<Table> tables = new ArrayList<>();
        for (Table t : m.tables()) {
            List<io.github.shaledb.engine.schema.Column> byName = new ArrayList<>(t.columns());
            byName.sort(java.util.Comparator.comparing(io.github.shaledb.engine.schema.Column::name));
            List<io.github.shaledb.engine.schema.Column> renumbered = new ArrayList<>();
            for (int i = 0; i < byName.size(); i++) {
                var c = byName.get(i);
                renumbered.add(new io.github.shaledb.engine.schema.Column(c.name(), i + 1, c.type(), c.notNull(),
                        c.defaultExpression(), c.ownedSequence(), c.identity(), c.generatedExpression(), c.collation(),
                        c.comment()));
            }
            tables.add(new Table(t.name(), t.unlogged(), t.partitionKey(), t.partitionOf(), t.partitionBound(),
                    t.options(), renumbered, t.constraints(), t.indexes(), t.comment()));
        }
        return m.with(ObjectKind.TABLES, tables);
    }

    /** Equal apart from column order. */
    static boolean same(SchemaModel a, SchemaModel b) {
        return a.equals(b) || ignoringColumnOrder(a).equals(ignoringColumnOrder(b));
    }

    /**
     * What differs, one short phrase per object: "table public.users differs", "view public.v is missing".
     * Empty when the models are equal.
     */
    static List<String> differences(SchemaModel expected, SchemaModel actual) {
        List<String> out = new ArrayList<>();
        for (ObjectKind<?, ?> kind : ObjectKind.ALL) {
            if (kind == ObjectKind.TABLES) {
                compareTables(expected.tables(), actual.tables(), out);
            } else if (kind != ObjectKind.DEPENDENCIES) {
                compare(kind, expected, actual, out);
            }
        }
        if (out.isEmpty()) {
            // Dependencies follow from the objects; they are named only when nothing else differs.
            compare(ObjectKind.DEPENDENCIES, expected, actual, out);
        }
        return out;
    }

    private static <T> void compare(ObjectKind<T, ?> kind, SchemaModel expected, SchemaModel actual, List<String> out) {
        compare(kind.noun(), expected.all(kind), actual.all(kind), item -> kind.keyOf(item).toString(), out);
    }

    private static void compareTables(List<Table> expected, List<Table> actual, List<String> out) {
        Map<QualifiedName, Table> want = index(expected, Table::name);
        Map<QualifiedName, Table> have = index(actual, Table::name);
        for (Map.Entry<QualifiedName, Table> e : want.entrySet()) {
            Table other = have.get(e.getKey());
            if (other == null) {
                out.add("table " + e.getKey() + " is missing");
            } else if (!other.equals(e.getValue())) {
                out.add("table " + e.getKey() + " differs" + tableDetail(e.getValue(), other));
            }
        }
        for (QualifiedName name : have.keySet()) {
            if (!want.containsKey(name)) {
                out.add("table " + name + " is extra");
            }
        }
    }

    private static String tableDetail(Table want, Table have) {
        List<String> parts = new ArrayList<>();
        var wantCols = index(want.columns(), c -> c.name());
        var haveCols = index(have.columns(), c -> c.name());
        wantCols.forEach((n, c) -> {
            if (!haveCols.containsKey(n)) {
                parts.add("column " + n + " missing");
            } else if (!haveCols.get(n).equals(c)) {
                parts.add("column " + n + " differs");
            }
        });
        haveCols.keySet().stream().filter(n -> !wantCols.containsKey(n)).forEach(n -> parts.add("column " + n + " extra"));
        if (!want.constraints().equals(have.constraints())) {
            parts.add("constraints differ");
        }
        if (!want.indexes().equals(have.indexes())) {
            parts.add("indexes differ");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static <T, K extends Comparable<K>> void compare(String kind, List<T> expected, List<T> actual,
                                                             Function<T, String> name, List<String> out) {
        Map<String, T> want = index(expected, name);
        Map<String, T> have = index(actual, name);
        want.forEach((n, v) -> {
            if (!have.containsKey(n)) {
                out.add(kind + " " + n + " is missing");
            } else if (!Objects.equals(have.get(n), v)) {
                out.add(kind + " " + n + " differs");
            }
        });
        have.keySet().stream().filter(n -> !want.containsKey(n)).forEach(n -> out.add(kind + " " + n + " is extra"));
    }

    private static <T, K extends Comparable<K>> Map<K, T> index(List<T> items, Function<T, K> key) {
        Map<K, T> map = new TreeMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }
}
