package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;

/** {@code ALTER TABLE … DETACH PARTITION} without {@code CONCURRENTLY}. */
public final class DetachPartitionNotConcurrently implements LintRule {

    @Override
    public String id() {
        return "detach-partition-not-concurrently";
    }

    @Override
    public String name() {
        return "Partition detached without CONCURRENTLY";
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
        return RuleExample.of("""
                        CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at);
                        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                        """,
                "ALTER TABLE events DETACH PARTITION events_2024;",
                "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;");
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !migration.existing(s.table(), s.index())) {
                continue;
            }
            for (TableAction a : s.actions(TableAction.Type.DETACH_PARTITION)) {
                if (a.concurrently() || a.text().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\bfinalize\\s*$")) {
                    continue;
                }
                String parent = RuleSupport.sql(s.table());
                String partition = RuleSupport.sql(a.name());
                String why = "DETACH PARTITION takes an ACCESS EXCLUSIVE lock on " + parent + " and on " + partition
                        + ": every read and write of the whole partitioned table waits for it, and it waits for every "
                        + "running query on " + parent + ".";
                findings.report(s, s.table(), LockMode.ACCESS_EXCLUSIVE, s.table() + " and " + a.name(), why,
                        "-- in a migration of its own (Shale runs it outside a transaction; SHARE UPDATE EXCLUSIVE on "
                                + parent + ", PostgreSQL 14+, not with a DEFAULT partition):\nALTER TABLE " + parent
                                + " DETACH PARTITION " + partition + " CONCURRENTLY;");
            }
        }
    }
}
