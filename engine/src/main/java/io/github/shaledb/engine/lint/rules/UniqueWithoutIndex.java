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
import java.util.List;

/** {@code UNIQUE} or {@code PRIMARY KEY} added to an existing table without an index built concurrently before. */
public final class UniqueWithoutIndex implements LintRule {

    @Override
    public String id() {
        return "unique-without-index";
    }

    @Override
    public String name() {
        return "UNIQUE or PRIMARY KEY added without USING INDEX";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.ERROR;
    }

    @Override
    public boolean intent() {
        return false;
    }

    @Override
    public RuleExample example() {
        return new RuleExample(List.of("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);"),
                List.of("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);"),
                List.of("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);",
                        "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;"));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !migration.existing(s.table(), s.index())) {
                continue;
            }
            String table = RuleSupport.sql(s.table());
            for (TableAction a : s.actions()) {
                if (a.type() == TableAction.Type.ADD_CONSTRAINT && a.constraint().usingIndex() == null
                        && (a.constraint().type() == ConstraintDef.Type.UNIQUE
                        || a.constraint().type() == ConstraintDef.Type.PRIMARY_KEY)) {
                    ConstraintDef c = a.constraint();
                    findings.report(s, s.table(), why(table, c.type()), rewrite(s.table(), c, null));
                } else if (a.type() == TableAction.Type.ADD_COLUMN
                        && (a.columnDef().unique() || a.columnDef().primaryKey())) {
                    ColumnDef col = a.columnDef();
                    ConstraintDef c = new ConstraintDef(null, col.primaryKey() ? ConstraintDef.Type.PRIMARY_KEY
                            : ConstraintDef.Type.UNIQUE, List.of(col.name()), null, List.of(), false, null, null);
                    findings.report(s, s.table(), why(table, c.type()), rewrite(s.table(), c, col));
                }
            }
        }
    }

    private static String why(String table, ConstraintDef.Type type) {
        return "Adding " + (type == ConstraintDef.Type.UNIQUE ? "a UNIQUE constraint" : "a PRIMARY KEY")
                + " builds its index under an ACCESS EXCLUSIVE lock on " + table + ": reads and writes of " + table
                + " wait for the whole index build.";
    }

    private static String rewrite(String qualified, ConstraintDef c, ColumnDef added) {
        String table = RuleSupport.sql(qualified);
        String name = RuleSupport.ident(RuleSupport.constraintName(qualified, c));
        String columns = String.join(", ", c.columns().stream().map(RuleSupport::ident).toList());
        String kind = c.type() == ConstraintDef.Type.UNIQUE ? "UNIQUE" : "PRIMARY KEY";
        StringBuilder out = new StringBuilder();
        if (added != null) {
            out.append("ALTER TABLE ").append(table).append(" ADD COLUMN ").append(RuleSupport.ident(added.name()))
                    .append(' ').append(added.type())
                    .append(added.defaultExpr() == null ? "" : " DEFAULT " + RuleSupport.expr(added.defaultExpr())).append(";\n")
                    .append(RuleSupport.nextMigration("alone; Shale runs it outside a transaction"));
        } else {
            out.append("-- in a migration of its own (Shale runs it outside a transaction; SHARE UPDATE EXCLUSIVE):\n");
        }
        out.append("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ").append(name).append(" ON ").append(table)
                .append(" (").append(columns.isEmpty() ? "…" : columns).append(");\n")
                .append(RuleSupport.nextMigration(null))
                .append("ALTER TABLE ").append(table).append(" ADD CONSTRAINT ").append(name).append(' ').append(kind)
                .append(" USING INDEX ").append(name).append(';');
        if (c.type() == ConstraintDef.Type.PRIMARY_KEY) {
            out.append("\n-- a PRIMARY KEY also sets NOT NULL on its columns: make them NOT NULL first (see set-not-null)");
        }
        return out.toString();
    }
}
