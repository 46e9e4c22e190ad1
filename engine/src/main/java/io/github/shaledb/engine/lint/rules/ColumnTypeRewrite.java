package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ALTER COLUMN … TYPE} that rewrites the table and its indexes: what tracing saw ({@code relfilenode} changed)
 * when traced, else judged from the old type; not flagged when the old type is unknown.
 */
public final class ColumnTypeRewrite implements LintRule {

    private static final Pattern USING = Pattern.compile("(?is)\\busing\\b(.*)$");

    @Override
    public String id() {
        return "column-type-rewrite";
    }

    @Override
    public String name() {
        return "Column type change that rewrites the table";
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
        return RuleExample.of("CREATE TABLE orders (id bigint PRIMARY KEY, quantity int NOT NULL, note varchar(100));",
                "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;",
                "ALTER TABLE orders ALTER COLUMN note TYPE varchar(500);");
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !migration.existing(s.table(), s.index())) {
                continue;
            }
            Boolean traced = migration.rewrote(s, s.table());
            List<TableAction> changes = s.actions(TableAction.Type.ALTER_COLUMN_TYPE);
            // Traced, the rewrite is seen for the statement, not per column: blame the changes not known to be free,
            // or all of them when each looks free.
            boolean blameAll = changes.stream().allMatch(a -> Boolean.FALSE.equals(
                    rewrites(RuleSupport.columnType(migration, s, s.table(), a.column()), a)));
            for (TableAction a : changes) {
                String old = RuleSupport.columnType(migration, s, s.table(), a.column());
                Boolean rewrites = rewrites(old, a);
                if (traced != null) {
                    rewrites = traced && (blameAll || !Boolean.FALSE.equals(rewrites));
                }
                if (!Boolean.TRUE.equals(rewrites)) {
                    continue;
                }
                String table = RuleSupport.sql(s.table());
                String from = old == null ? "its type" : old;
                String why = "Changing " + a.column() + " from " + from + " to " + a.dataType() + " rewrites " + table
                        + " and rebuilds its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait for the "
                        + "whole rewrite" + (traced != null ? " (tracing saw the table's file replaced)." : ".");
                findings.report(s, s.table(), why, rewrite(s.table(), a));
            }
        }
    }

    /** Whether the change rewrites, from the old type and the action; null when the old type is unknown. */
    static Boolean rewrites(String oldType, TableAction a) {
        if (oldType == null) {
            return null;
        }
        String using = null;
        if (a.using()) {
            Matcher m = USING.matcher(a.text());
            using = m.find() ? m.group(1).strip() : "?";
        }
        return TypeChange.rewrites(oldType, a.dataType(), a.column(), using);
    }

    private static String rewrite(String qualified, TableAction a) {
        String table = RuleSupport.sql(qualified);
        String col = RuleSupport.ident(a.column());
        String fresh = RuleSupport.ident(a.column() + "_new");
        String old = RuleSupport.ident(a.column() + "_old");
        return "-- expand/contract: a new column, filled in batches, then swapped\n"
                + "ALTER TABLE " + table + " ADD COLUMN " + fresh + " " + a.dataType() + ";\n"
                + "-- the application (or a trigger) writes both columns; backfill in batches:\n"
                + "UPDATE " + table + " SET " + fresh + " = " + col + " WHERE " + fresh + " IS NULL AND id BETWEEN 1 AND 10000;\n"
                + RuleSupport.nextMigration("once every row is filled and readers use the new column")
                + "ALTER TABLE " + table + " RENAME COLUMN " + col + " TO " + old + ";\n"
                + "ALTER TABLE " + table + " RENAME COLUMN " + fresh + " TO " + col + ";\n"
                + RuleSupport.nextMigration("when nothing reads it any more")
                + "ALTER TABLE " + table + " DROP COLUMN " + old + ";";
    }
}
