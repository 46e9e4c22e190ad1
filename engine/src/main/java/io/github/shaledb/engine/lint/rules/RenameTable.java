package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;

/**
 * {@code ALTER TABLE … RENAME TO} or {@code SET SCHEMA} of an existing table: the running application still uses the
 * old name. Not flagged when the same transactional migration then creates a view with the old name (a simple view
 * is updatable, so old readers and writers keep working).
 */
public final class RenameTable implements LintRule {

    @Override
    public String id() {
        return "rename-table";
    }

    @Override
    public String name() {
        return "Table renamed or moved under the running application";
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
        return RuleExample.of("CREATE TABLE customer (id bigint PRIMARY KEY, name text NOT NULL);",
                "ALTER TABLE customer RENAME TO customers;",
                "ALTER TABLE customer RENAME TO customers;\nCREATE VIEW customer AS SELECT * FROM customers;");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !m.existing(s.table(), s.index())) {
                continue;
            }
            for (TableAction a : s.actions()) {
                if ((a.type() != TableAction.Type.RENAME_TABLE && a.type() != TableAction.Type.SET_SCHEMA)
                        || a.name() == null) {
                    continue;
                }
                String old = s.table();
                String renamed = a.type() == TableAction.Type.RENAME_TABLE
                        ? RulesBSupport.schemaOf(old) + "." + a.name() : a.name() + "." + RulesBSupport.simple(old);
                if (m.transactional() && viewReplaces(m, old, s.index())) {
                    continue;
                }
                findings.report(s, old, (a.type() == TableAction.Type.RENAME_TABLE ? "RENAME TO" : "SET SCHEMA")
                                + " takes an ACCESS EXCLUSIVE lock on " + old + " (reads and writes wait), and from its "
                                + "commit on every deployed version of the application that names " + old
                                + " fails: no such table.",
                        "-- rename and leave a view with the old name in the same migration (a simple view is "
                                + "updatable), drop the view once no deployed version uses the old name:\n"
                                + RulesBSupport.text(s) + "\nCREATE VIEW " + RulesBSupport.sql(old) + " AS SELECT * FROM "
                                + RulesBSupport.sql(renamed) + ";");
            }
        }
    }

    /** Whether a statement after {@code index} in this migration creates a view named {@code old}. */
    private static boolean viewReplaces(LintedMigration m, String old, int index) {
        for (DdlStatement s : m.statements()) {
            if (s.index() > index && old.equals(RulesBSupport.createdView(s))) {
                return true;
            }
        }
        return false;
    }
}
