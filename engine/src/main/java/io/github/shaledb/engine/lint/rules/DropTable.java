package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;

/** {@code DROP TABLE} of a table that holds data: its rows are gone, and the running application breaks. */
public final class DropTable implements LintRule {

    @Override
    public String id() {
        return "drop-table";
    }

    @Override
    public String name() {
        return "Table dropped";
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
        return RuleExample.of("CREATE TABLE legacy_audit (id bigint PRIMARY KEY, note text);",
                "DROP TABLE legacy_audit;",
                "COMMENT ON TABLE legacy_audit IS 'unused since release 4.2; dropped once no deployed version reads it';");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.DROP_TABLE) {
                continue;
            }
            for (String table : s.tables()) {
                if (!m.existing(table, s.index())) {
                    continue;
                }
                findings.report(s, table, "DROP TABLE deletes every row of " + table + " for good (no rollback once "
                                + "committed), and takes an ACCESS EXCLUSIVE lock on it: reads and writes wait. Every "
                                + "deployed version of the application that still reads or writes " + table
                                + " fails from then on.",
                        "-- first deploy an application version that no longer uses " + RulesBSupport.sql(table)
                                + " (and keep a backup), then acknowledge the drop:\n-- db:lint-ignore drop-table "
                                + "no deployed version uses it since release N\nDROP TABLE "
                                + (s.ifExists() ? "IF EXISTS " : "") + RulesBSupport.sql(table)
                                + (RulesBSupport.find(s, "cascade") >= 0 ? " CASCADE" : "") + ";");
            }
        }
    }
}
