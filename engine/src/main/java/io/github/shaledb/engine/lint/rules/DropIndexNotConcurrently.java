package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import java.util.List;

/** {@code DROP INDEX} without {@code CONCURRENTLY} of an index of an existing table. */
public final class DropIndexNotConcurrently implements LintRule {

    @Override
    public String id() {
        return "drop-index-not-concurrently";
    }

    @Override
    public String name() {
        return "Index dropped without CONCURRENTLY";
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
        return new RuleExample(List.of("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);",
                "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);"),
                List.of("DROP INDEX orders_customer_id_idx;"),
                List.of("DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;"));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.DROP_INDEX || s.concurrently() || s.objectName() == null
                    || RuleSupport.indexCreatedHere(migration, s, s.objectName())) {
                continue;
            }
            String table = RuleSupport.tableOfIndex(migration, s, s.objectName());
            if (table != null && !migration.existing(table, s.index())) {
                continue;
            }
            if (table == null && Boolean.FALSE.equals(migration.before().exists(s.objectName()))) {
                continue;
            }
            String index = RuleSupport.sql(s.objectName());
            String on = table == null ? "the index's table" : RuleSupport.sql(table);
            String why = "DROP INDEX takes an ACCESS EXCLUSIVE lock on " + on + ": while it waits for running "
                    + "queries to finish, every read and write of " + on + " queues behind it.";
            String rewrite = "-- in a migration of its own (Shale runs it outside a transaction; SHARE UPDATE EXCLUSIVE, "
                    + "reads and writes go on):\nDROP INDEX CONCURRENTLY IF EXISTS " + index + ";";
            if (table != null) {
                LockMode observed = migration.lockOn(s, table);
                findings.report(s, table, observed == null ? LockMode.ACCESS_EXCLUSIVE : observed, table, why, rewrite);
            } else {
                findings.report(s, null, LockMode.ACCESS_EXCLUSIVE, "the table of " + index, why, rewrite);
            }
        }
    }
}
