package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.ColumnDef;
import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import java.util.List;

/**
 * {@code ADD CONSTRAINT … FOREIGN KEY / CHECK} without {@code NOT VALID} on an existing table, and
 * {@code ADD COLUMN … REFERENCES} on one: the rows are checked under the lock.
 */
public final class ConstraintWithoutNotValid implements LintRule {

    @Override
    public String id() {
        return "constraint-without-not-valid";
    }

    @Override
    public String name() {
        return "Foreign key or check added without NOT VALID";
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
        return new RuleExample(List.of("""
                        CREATE TABLE customers (id bigint PRIMARY KEY);
                        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);
                        """),
                List.of("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) "
                        + "REFERENCES customers (id);"),
                List.of("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) "
                                + "REFERENCES customers (id) NOT VALID;",
                        "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;"));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement statement : migration.statements()) {
            check(migration, findings, statement, statement);
            for (DdlStatement inner : RuleSupport.doBlockStatements(statement)) {
                check(migration, findings, inner, statement);
            }
        }
    }

    /** Judges {@code s}, reporting on {@code at} (itself, or the {@code DO} block that runs it). */
    private static void check(LintedMigration migration, Findings findings, DdlStatement s, DdlStatement at) {
        {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !migration.existing(s.table(), s.index())) {
                return;
            }
            String table = RuleSupport.sql(s.table());
            for (TableAction a : s.actions()) {
                if (a.type() == TableAction.Type.ADD_CONSTRAINT && !a.constraint().notValid()
                        && (a.constraint().type() == ConstraintDef.Type.FOREIGN_KEY
                        || a.constraint().type() == ConstraintDef.Type.CHECK)) {
                    ConstraintDef c = a.constraint();
                    String name = RuleSupport.ident(RuleSupport.constraintName(s.table(), c));
                    String rewrite = "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " "
                            + RuleSupport.constraintBody(a) + " NOT VALID;\n" + RuleSupport.nextMigration(
                            "its own transaction; VALIDATE takes SHARE UPDATE EXCLUSIVE, reads and writes go on")
                            + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";";
                    if (c.type() == ConstraintDef.Type.FOREIGN_KEY) {
                        reportForeignKey(findings, at, s.table(), c.refTable(), rewrite);
                    } else {
                        findings.report(at, s.table(), LockMode.ACCESS_EXCLUSIVE, s.table(), "Adding a CHECK constraint takes an ACCESS EXCLUSIVE lock on "
                                + table + " and checks every row under it: reads and writes of " + table
                                + " wait for the whole scan.", rewrite);
                    }
                } else if (a.type() == TableAction.Type.ADD_COLUMN && a.columnDef().references() != null) {
                    ColumnDef col = a.columnDef();
                    ConstraintDef ref = col.references();
                    String name = RuleSupport.ident(RuleSupport.local(s.table()) + "_" + col.name() + "_fkey");
                    String refCols = ref.refColumns().isEmpty() ? ""
                            : " (" + String.join(", ", ref.refColumns().stream().map(RuleSupport::ident).toList()) + ")";
                    String rewrite = "ALTER TABLE " + table + " ADD COLUMN " + RuleSupport.ident(col.name()) + " "
                            + col.type() + (col.defaultExpr() == null ? "" : " DEFAULT " + RuleSupport.expr(col.defaultExpr())) + ";\n"
                            + "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " FOREIGN KEY ("
                            + RuleSupport.ident(col.name()) + ") REFERENCES " + RuleSupport.sql(ref.refTable()) + refCols
                            + " NOT VALID;\n" + RuleSupport.nextMigration("its own transaction")
                            + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name + ";";
                    reportForeignKey(findings, at, s.table(), ref.refTable(), rewrite);
                }
            }
        }
    }

    private static void reportForeignKey(Findings findings, DdlStatement s, String qualified, String refTable,
                                         String rewrite) {
        String table = RuleSupport.sql(qualified);
        String referenced = refTable == null ? "the referenced table" : RuleSupport.sql(refTable);
        String why = "Adding a foreign key takes a SHARE ROW EXCLUSIVE lock on both " + table + " and " + referenced
                + " and checks every row of " + table + " under it: writes to both tables wait for the whole scan.";
        findings.report(s, qualified, LockMode.SHARE_ROW_EXCLUSIVE,
                qualified + (refTable == null ? "" : " and " + refTable), why, rewrite);
    }
}
