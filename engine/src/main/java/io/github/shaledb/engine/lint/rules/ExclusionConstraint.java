package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;

/** {@code ADD CONSTRAINT … EXCLUDE} on an existing table: no online form exists. */
public final class ExclusionConstraint implements LintRule {

    @Override
    public String id() {
        return "exclusion-constraint";
    }

    @Override
    public String name() {
        return "Exclusion constraint added to an existing table";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.ERROR;
    }

    @Override
    public boolean intent() {
        // No online form exists: adding it is the author's decision to take the lock.
        return true;
    }

    @Override
    public RuleExample example() {
        return RuleExample.of("CREATE TABLE bookings (id bigint PRIMARY KEY, room int NOT NULL, during tstzrange NOT NULL);",
                "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&);",
                """
                        CREATE TABLE bookings_v2 (
                            id bigint PRIMARY KEY,
                            room int NOT NULL,
                            during tstzrange NOT NULL,
                            CONSTRAINT bookings_v2_no_overlap EXCLUDE USING gist (during WITH &&)
                        );
                        """);
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !migration.existing(s.table(), s.index())) {
                continue;
            }
            for (TableAction a : s.actions(TableAction.Type.ADD_CONSTRAINT)) {
                if (a.constraint().type() != ConstraintDef.Type.EXCLUDE) {
                    continue;
                }
                String table = RuleSupport.sql(s.table());
                findings.report(s, s.table(), "Adding an exclusion constraint builds its index and checks every row "
                        + "under an ACCESS EXCLUSIVE lock on " + table + ": reads and writes wait for the whole build, "
                        + "and PostgreSQL has no NOT VALID or USING INDEX form for it.",
                        "-- no online form: define it on a new table and move the data (expand/contract), e.g.\n"
                                + "CREATE TABLE " + RuleSupport.sql(s.table() + "_v2") + " (LIKE " + table
                                + " INCLUDING ALL);\nALTER TABLE " + RuleSupport.sql(s.table() + "_v2") + " ADD "
                                + a.text().replaceFirst("(?is)^add\\s+", "") + ";\n"
                                + "-- then dual-write, backfill in batches, switch readers and drop " + table
                                + ";\n-- or, on a small table, accept the lock: -- db:lint-ignore exclusion-constraint "
                                + "<reason>");
            }
        }
    }
}
