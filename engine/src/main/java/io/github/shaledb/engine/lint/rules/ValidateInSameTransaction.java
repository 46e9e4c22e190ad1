package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code VALIDATE CONSTRAINT} of a constraint added in the same transactional migration. */
public final class ValidateInSameTransaction implements LintRule {

    @Override
    public String id() {
        return "validate-in-same-transaction";
    }

    @Override
    public String name() {
        return "Constraint validated in the transaction that added it";
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
                List.of("""
                        ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id)
                            REFERENCES customers (id) NOT VALID;
                        ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
                        """),
                List.of("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) "
                                + "REFERENCES customers (id) NOT VALID;",
                        "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;"));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        if (!migration.transactional()) {
            return;
        }
        Map<String, DdlStatement> added = new HashMap<>();
        Map<String, ConstraintDef> defs = new HashMap<>();
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || s.table() == null) {
                continue;
            }
            for (TableAction a : s.actions()) {
                if (a.type() == TableAction.Type.ADD_CONSTRAINT && a.constraint().name() != null) {
                    added.put(s.table() + "|" + a.constraint().name(), s);
                    defs.put(s.table() + "|" + a.constraint().name(), a.constraint());
                } else if (a.type() == TableAction.Type.VALIDATE_CONSTRAINT && added.containsKey(s.table() + "|" + a.name())
                        && migration.existing(s.table(), s.index())) {
                    DdlStatement add = added.get(s.table() + "|" + a.name());
                    ConstraintDef c = defs.get(s.table() + "|" + a.name());
                    String table = RuleSupport.sql(s.table());
                    boolean fk = c.type() == ConstraintDef.Type.FOREIGN_KEY;
                    LockMode held = fk ? LockMode.SHARE_ROW_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
                    String why = "The ADD CONSTRAINT at line " + add.sql().line() + " took " + (fk ? "a " : "an ") + held.sqlName()
                            + " lock on " + table + (fk && c.refTable() != null ? " and " + RuleSupport.sql(c.refTable())
                            : "") + " that is held until the migration commits, so the scan of VALIDATE runs under it: "
                            + held.blocks() + " wait for the whole scan, as if NOT VALID had not been written.";
                    String rewrite = RuleSupport.text(add) + ";\n" + RuleSupport.nextMigration("its own transaction; "
                            + "VALIDATE takes SHARE UPDATE EXCLUSIVE, reads and writes go on") + "ALTER TABLE " + table
                            + " VALIDATE CONSTRAINT " + RuleSupport.ident(a.name()) + ";";
                    findings.report(s, s.table(), held, s.table() + (fk && c.refTable() != null ? " and " + c.refTable()
                            : ""), why, rewrite);
                }
            }
        }
    }
}
