package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.ColumnDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import java.util.Locale;

/** {@code ADD COLUMN … NOT NULL} without a default on an existing table: fails as soon as the table has a row. */
public final class AddColumnNotNullWithoutDefault implements LintRule {

    @Override
    public String id() {
        return "add-column-not-null-without-default";
    }

    @Override
    public String name() {
        return "NOT NULL column added without a default";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.ERROR;
    }

    @Override
    public boolean intent() {
        return true;
    }

    @Override
    public RuleExample example() {
        return RuleExample.of("CREATE TABLE orders (id bigint PRIMARY KEY);",
                "ALTER TABLE orders ADD COLUMN status text NOT NULL;",
                "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';");
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !migration.existing(s.table(), s.index())) {
                continue;
            }
            for (TableAction a : s.actions(TableAction.Type.ADD_COLUMN)) {
                ColumnDef c = a.columnDef();
                if (!c.notNull() || c.defaultExpr() != null || c.serial() || c.identity() || c.generatedStored()) {
                    continue;
                }
                String table = RuleSupport.sql(s.table());
                findings.report(s, s.table(), "Every existing row of " + table + " would get NULL in " + c.name()
                        + ", which NOT NULL refuses: the migration fails as soon as the table holds a row (after "
                        + "taking an ACCESS EXCLUSIVE lock on it).", rewrite(s.table(), c));
            }
        }
    }

    private static String rewrite(String qualified, ColumnDef c) {
        String table = RuleSupport.sql(qualified);
        String col = RuleSupport.ident(c.name());
        String value = defaultFor(c.type());
        String rest = c.primaryKey() ? " PRIMARY KEY" : c.unique() ? " UNIQUE" : "";
        if (value != null && rest.isEmpty()) {
            return "-- a constant (or stable) default fills existing rows without a rewrite (PostgreSQL 11+):\n"
                    + "ALTER TABLE " + table + " ADD COLUMN " + col + " " + c.type() + " NOT NULL DEFAULT " + value + ";";
        }
        return "ALTER TABLE " + table + " ADD COLUMN " + col + " " + c.type() + ";\n"
                + RuleSupport.nextMigration("backfill in batches")
                + "UPDATE " + table + " SET " + col + " = <value> WHERE " + col + " IS NULL AND id BETWEEN 1 AND 10000;\n"
                + RuleSupport.nextMigration("then NOT NULL without a scan under ACCESS EXCLUSIVE")
                + SetNotNull.rewrite(qualified, c.name());
    }

    /** A constant of the type, for the rewrite; null when there is no obvious one. */
    private static String defaultFor(String type) {
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]")) {
            return "'{}'";
        }
        if (t.matches("(small|big)?int.*|integer|int[248]|numeric.*|decimal.*|real|double precision|float.*")) {
            return "0";
        }
        if (t.startsWith("bool")) {
            return "false";
        }
        if (t.equals("text") || t.startsWith("varchar") || t.startsWith("character varying")) {
            return "''";
        }
        if (t.startsWith("timestamp") || t.equals("timestamptz") || t.equals("date")) {
            return "now()";
        }
        if (t.equals("jsonb") || t.equals("json")) {
            return "'{}'";
        }
        return null;
    }
}
