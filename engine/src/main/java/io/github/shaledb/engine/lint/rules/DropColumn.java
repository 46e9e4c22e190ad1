package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;

/** {@code ALTER TABLE … DROP COLUMN} of an existing table: the column's data is gone and its readers break. */
public final class DropColumn implements LintRule {

    @Override
    public String id() {
        return "drop-column";
    }

    @Override
    public String name() {
        return "Column dropped";
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
        return RuleExample.of("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, legacy_code text);",
                "ALTER TABLE users DROP COLUMN legacy_code;",
                "COMMENT ON COLUMN users.legacy_code IS 'unused since release 4.2; dropped once no deployed version reads it';");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !m.existing(s.table(), s.index())) {
                continue;
            }
            for (TableAction a : s.actions(TableAction.Type.DROP_COLUMN)) {
                if (a.column() == null || RulesBSupport.columnAddedHere(m, s.table(), a.column(), s.index())) {
                    continue;
                }
                String table = RulesBSupport.sql(s.table());
                String column = RulesBSupport.ident(a.column());
                findings.report(s, s.table(), "DROP COLUMN deletes the values of " + s.table() + "." + a.column()
                                + " for good, under a short ACCESS EXCLUSIVE lock on " + s.table() + " (reads and "
                                + "writes wait, and queue behind it while it waits). Every deployed version of the "
                                + "application that still selects, inserts or maps the column fails from then on.",
                        "-- expand/contract: first deploy an application version that neither reads nor writes "
                                + column + ", then acknowledge the drop:\n-- db:lint-ignore drop-column no deployed "
                                + "version uses it since release N\nALTER TABLE " + table + " DROP COLUMN "
                                + (a.ifExists() ? "IF EXISTS " : "") + column + ";");
            }
        }
    }
}
