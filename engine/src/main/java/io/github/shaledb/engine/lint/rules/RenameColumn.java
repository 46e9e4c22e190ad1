package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;

/** {@code ALTER TABLE … RENAME COLUMN} of an existing table: the running application still uses the old name. */
public final class RenameColumn implements LintRule {

    @Override
    public String id() {
        return "rename-column";
    }

    @Override
    public String name() {
        return "Column renamed under the running application";
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
        return RuleExample.of("CREATE TABLE users (id bigint PRIMARY KEY, fullname text);",
                "ALTER TABLE users RENAME COLUMN fullname TO full_name;",
                "ALTER TABLE users ADD COLUMN full_name text;");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !m.existing(s.table(), s.index())) {
                continue;
            }
            for (TableAction a : s.actions(TableAction.Type.RENAME_COLUMN)) {
                if (a.column() == null || a.name() == null
                        || RulesBSupport.columnAddedHere(m, s.table(), a.column(), s.index())) {
                    continue;
                }
                String table = RulesBSupport.sql(s.table());
                String from = RulesBSupport.ident(a.column());
                String to = RulesBSupport.ident(a.name());
                String type = RulesBSupport.columnType(m, s.table(), a.column(), s.index());
                findings.report(s, s.table(), "RENAME COLUMN takes an ACCESS EXCLUSIVE lock on " + s.table()
                                + " (reads and writes wait), and from its commit every deployed version of the "
                                + "application that names " + a.column() + " fails: no such column.",
                        "-- expand/contract over several releases:\n-- 1. add the new column (and keep both in step, "
                                + "e.g. by a trigger or by the application writing both)\nALTER TABLE " + table
                                + " ADD COLUMN " + to + " " + (type == null ? "<type of " + from + ">" : type) + ";\n-- 2. backfill in batches\nUPDATE "
                                + table + " SET " + to + " = " + from + " WHERE " + to + " IS NULL AND ctid IN (SELECT "
                                + "ctid FROM " + table + " WHERE " + to + " IS NULL LIMIT 10000);\n-- 3. switch the "
                                + "readers to " + to + ", stop writing " + from + "\n-- 4. in a later release: ALTER "
                                + "TABLE " + table + " DROP COLUMN " + from + ";");
            }
        }
    }
}
