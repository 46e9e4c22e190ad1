package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;

/** {@code TRUNCATE} of a table that holds data: every row is gone, under an ACCESS EXCLUSIVE lock. */
public final class Truncate implements LintRule {

    @Override
    public String id() {
        return "truncate";
    }

    @Override
    public String name() {
        return "Table truncated";
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
        return RuleExample.of("CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL);",
                "TRUNCATE events;",
                "DELETE FROM events WHERE created_at < now() - interval '90 days';");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.TRUNCATE) {
                continue;
            }
            for (String table : s.tables()) {
                if (!m.existing(table, s.index())) {
                    continue;
                }
                String name = RulesBSupport.sql(table);
                findings.report(s, table, "TRUNCATE deletes every row of " + table + " for good, and takes an ACCESS "
                                + "EXCLUSIVE lock on it until the migration commits: reads and writes wait. With "
                                + "CASCADE it empties the tables referencing it as well.",
                        "-- delete only the rows meant to go, in batches if there are many (row locks only):\n"
                                + "DELETE FROM " + name + " WHERE ctid IN (SELECT ctid FROM " + name
                                + " WHERE <condition> LIMIT 10000);\n-- or, when emptying it is the intent and no "
                                + "application version needs the rows:\n-- db:lint-ignore truncate reason\nTRUNCATE "
                                + name + ";");
            }
        }
    }
}
