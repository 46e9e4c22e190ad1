package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import java.util.List;

/** {@code ALTER COLUMN … SET NOT NULL} on an existing table with no validated {@code CHECK (col IS NOT NULL)}. */
public final class SetNotNull implements LintRule {

    @Override
    public String id() {
        return "set-not-null";
    }

    @Override
    public String name() {
        return "SET NOT NULL that scans the table under ACCESS EXCLUSIVE";
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
        return new RuleExample(List.of("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);"),
                List.of("ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;"),
                List.of("ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null "
                                + "CHECK (customer_id IS NOT NULL) NOT VALID;",
                        """
                        ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_not_null;
                        ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
                        ALTER TABLE orders DROP CONSTRAINT orders_customer_id_not_null;
                        """));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !migration.existing(s.table(), s.index())) {
                continue;
            }
            for (TableAction a : s.actions(TableAction.Type.SET_NOT_NULL)) {
                if (a.column() == null || RuleSupport.validatedNotNullCheck(migration, s, s.table(), a.column())) {
                    continue;
                }
                findings.report(s, s.table(), "SET NOT NULL takes an ACCESS EXCLUSIVE lock on "
                        + RuleSupport.sql(s.table()) + " and reads every row to prove " + a.column()
                        + " holds no NULL: reads and writes of the table wait for the whole scan.",
                        rewrite(s.table(), a.column()));
            }
        }
    }

    /** The three-step form: a NOT VALID check, validated in the next migration, which then sets NOT NULL for free. */
    static String rewrite(String qualified, String column) {
        String table = RuleSupport.sql(qualified);
        String check = RuleSupport.ident(RuleSupport.local(qualified) + "_" + column + "_not_null");
        String col = RuleSupport.ident(column);
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + check + " CHECK (" + col + " IS NOT NULL) NOT VALID;\n"
                + RuleSupport.nextMigration("VALIDATE scans under SHARE UPDATE EXCLUSIVE; SET NOT NULL then uses the "
                + "check and does not scan")
                + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + check + ";\n"
                + "ALTER TABLE " + table + " ALTER COLUMN " + col + " SET NOT NULL;\n"
                + "ALTER TABLE " + table + " DROP CONSTRAINT " + check + ";";
    }
}
