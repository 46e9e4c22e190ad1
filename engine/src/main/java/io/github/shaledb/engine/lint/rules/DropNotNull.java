package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;

/** {@code ALTER COLUMN … DROP NOT NULL} on an existing table: readers of the running version assume a value. */
public final class DropNotNull implements LintRule {

    @Override
    public String id() {
        return "drop-not-null";
    }

    @Override
    public String name() {
        return "NOT NULL dropped while readers assume a value";
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
        return RuleExample.of("CREATE TABLE orders (id bigint PRIMARY KEY, currency text NOT NULL);",
                "ALTER TABLE orders ALTER COLUMN currency DROP NOT NULL;",
                "ALTER TABLE orders ALTER COLUMN currency SET DEFAULT 'EUR';");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !m.existing(s.table(), s.index())) {
                continue;
            }
            for (TableAction a : s.actions(TableAction.Type.DROP_NOT_NULL)) {
                if (a.column() == null || RulesBSupport.columnAddedHere(m, s.table(), a.column(), s.index())) {
                    continue;
                }
                String table = RulesBSupport.sql(s.table());
                String column = RulesBSupport.ident(a.column());
                findings.report(s, s.table(), "DROP NOT NULL lets " + s.table() + "." + a.column() + " hold NULL "
                                + "(a short ACCESS EXCLUSIVE lock; no scan). Deployed versions of the application that "
                                + "read the column assume a value and may fail on the first NULL a newer version "
                                + "writes.",
                        "-- expand/contract: first deploy readers that handle NULL in " + column + ", then:\n"
                                + "-- db:lint-ignore drop-not-null every deployed reader handles NULL since release N\n"
                                + "ALTER TABLE " + table + " ALTER COLUMN " + column + " DROP NOT NULL;");
            }
        }
    }
}
