package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.ColumnDef;
import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A foreign key whose referencing columns lead no index of the referencing table: every delete (and key update) on
 * the referenced table then scans the referencing one, under the row locks of the delete.
 */
public final class ForeignKeyWithoutIndex implements LintRule {

    @Override
    public String id() {
        return "foreign-key-without-index";
    }

    @Override
    public String name() {
        return "Foreign key without an index on its columns";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.WARNING;
    }

    @Override
    public boolean intent() {
        return true;
    }

    @Override
    public RuleExample example() {
        return RuleExample.of("CREATE TABLE customers (id bigint PRIMARY KEY);",
                "CREATE TABLE orders (\n    id bigint PRIMARY KEY,\n    customer_id bigint NOT NULL REFERENCES customers (id)\n);",
                "CREATE TABLE orders (\n    id bigint PRIMARY KEY,\n    customer_id bigint NOT NULL REFERENCES customers (id)\n);\n"
                        + "CREATE INDEX orders_customer_id_idx ON orders (customer_id);");
    }

    /** A key of an index: its table and leading columns. */
    private record Key(String table, List<String> columns, String name) {
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        // Only the tables that get a foreign key here: earlier() grows with the folder, and db:lint reads it for
        // every migration.
        java.util.Set<String> referencing = new java.util.HashSet<>();
        for (DdlStatement s : m.statements()) {
            if (s.table() != null && (s.kind() == DdlStatement.Kind.CREATE_TABLE || s.kind() == DdlStatement.Kind.ALTER_TABLE)) {
                referencing.add(s.table());
            }
        }
        if (referencing.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>();
        for (DdlStatement s : m.earlier()) {
            if (s.table() != null && referencing.contains(s.table())) {
                keys(s, keys, m);
            }
        }
        m.statements().forEach(s -> keys(s, keys, m));
        for (DdlStatement s : m.statements()) {
            String table = s.table();
            if (table == null) {
                continue;
            }
            List<ConstraintDef> fks = new ArrayList<>();
            if (s.kind() == DdlStatement.Kind.CREATE_TABLE) {
                s.columnDefs().stream().map(ColumnDef::references).filter(RulesBSupport::fk).forEach(fks::add);
                s.constraints().stream().filter(RulesBSupport::fk).forEach(fks::add);
            } else if (s.kind() == DdlStatement.Kind.ALTER_TABLE) {
                for (TableAction a : s.actions()) {
                    if (a.type() == TableAction.Type.ADD_CONSTRAINT && RulesBSupport.fk(a.constraint())) {
                        fks.add(a.constraint());
                    } else if (a.type() == TableAction.Type.ADD_COLUMN && a.columnDef() != null
                            && RulesBSupport.fk(a.columnDef().references())) {
                        fks.add(a.columnDef().references());
                    }
                }
            }
            for (ConstraintDef fk : fks) {
                if (fk.columns().isEmpty() || covered(m, keys, table, fk.columns())) {
                    continue;
                }
                boolean existing = m.existing(table, s.index());
                String cols = String.join(", ", fk.columns().stream().map(RulesBSupport::ident).toList());
                String index = indexName(RulesBSupport.simple(table), fk.columns());
                findings.report(s, table, null, null, "No index of " + table + " starts with (" + String.join(", ",
                                fk.columns()) + "), the referencing columns of its foreign key to " + fk.refTable()
                                + ": every DELETE of a row of " + fk.refTable() + " (and every update of its key) scans "
                                + table + " to check for references, holding its row locks meanwhile; with ON DELETE "
                                + "CASCADE it scans to find the rows to delete.",
                        existing ? "-- in a migration of its own, before the foreign key:\nCREATE INDEX CONCURRENTLY "
                                + "IF NOT EXISTS " + RulesBSupport.ident(index) + " ON " + RulesBSupport.sql(table)
                                + " (" + cols + ");"
                                : "CREATE INDEX " + RulesBSupport.ident(index) + " ON " + RulesBSupport.sql(table) + " ("
                                + cols + ");");
            }
        }
    }

    private static boolean covered(LintedMigration m, List<Key> keys, String table, List<String> columns) {
        Set<String> wanted = new HashSet<>(columns);
        for (Key k : keys) {
            if (k.table().equals(table) && k.columns().size() >= columns.size()
                    && new HashSet<>(k.columns().subList(0, columns.size())).equals(wanted)) {
                return true;
            }
        }
        return Boolean.TRUE.equals(m.before().hasIndexLeadingWith(table, columns));
    }

    /** The index keys a statement creates: CREATE INDEX, PRIMARY KEY and UNIQUE constraints. */
    private static void keys(DdlStatement s, List<Key> keys, LintedMigration m) {
        String table = s.table();
        if (table == null) {
            return;
        }
        switch (s.kind()) {
            case CREATE_INDEX -> {
                if (!s.columns().isEmpty()) {
                    keys.add(new Key(table, s.columns(), s.objectName()));
                }
            }
            case CREATE_TABLE -> {
                for (ColumnDef c : s.columnDefs()) {
                    if (c.primaryKey() || c.unique()) {
                        keys.add(new Key(table, List.of(c.name()), null));
                    }
                }
                s.constraints().forEach(c -> constraint(table, c, keys));
            }
            case ALTER_TABLE -> {
                for (TableAction a : s.actions()) {
                    if (a.type() == TableAction.Type.ADD_CONSTRAINT) {
                        constraint(table, a.constraint(), keys);
                    } else if (a.type() == TableAction.Type.ADD_COLUMN && a.columnDef() != null
                            && (a.columnDef().primaryKey() || a.columnDef().unique())) {
                        keys.add(new Key(table, List.of(a.columnDef().name()), null));
                    }
                }
            }
            default -> {
            }
        }
    }

    private static void constraint(String table, ConstraintDef c, List<Key> keys) {
        if (c == null || c.type() != ConstraintDef.Type.PRIMARY_KEY && c.type() != ConstraintDef.Type.UNIQUE) {
            return;
        }
        if (!c.columns().isEmpty()) {
            keys.add(new Key(table, c.columns(), c.name()));
        } else if (c.usingIndex() != null) {
            String qualified = RulesBSupport.schemaOf(table) + "." + c.usingIndex();
            List<Key> backing = keys.stream().filter(k -> qualified.equals(k.name())).toList();
            backing.forEach(k -> keys.add(new Key(table, k.columns(), c.name())));
        }
    }

    /** {@code <table>_<columns>_idx}, cut to 63 bytes. */
    private static String indexName(String table, List<String> columns) {
        String name = table + "_" + String.join("_", columns) + "_idx";
        while (name.getBytes(StandardCharsets.UTF_8).length > 63) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }
}
