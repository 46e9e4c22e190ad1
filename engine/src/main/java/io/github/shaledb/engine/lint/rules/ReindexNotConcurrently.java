package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import java.util.List;

/** {@code REINDEX} without {@code CONCURRENTLY}. */
public final class ReindexNotConcurrently implements LintRule {

    @Override
    public String id() {
        return "reindex-not-concurrently";
    }

    @Override
    public String name() {
        return "REINDEX without CONCURRENTLY";
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
                List.of("REINDEX INDEX orders_customer_id_idx;"),
                List.of("REINDEX INDEX CONCURRENTLY orders_customer_id_idx;"));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.REINDEX || s.concurrently()) {
                continue;
            }
            if (s.table() != null) {
                if (!migration.existing(s.table(), s.index())) {
                    continue;
                }
                String table = RuleSupport.sql(s.table());
                findings.report(s, s.table(), "REINDEX TABLE takes a SHARE lock on " + table + " (writes wait) and an "
                        + "ACCESS EXCLUSIVE lock on each of its indexes while it is rebuilt: queries planned on " + table
                        + " wait too, for the whole rebuild.", rewrite("TABLE", table));
            } else if (s.value() == null && s.objectName() != null) {
                if (RuleSupport.indexCreatedHere(migration, s, s.objectName())) {
                    continue;
                }
                String owner = RuleSupport.tableOfIndex(migration, s, s.objectName());
                if (owner != null && !migration.existing(owner, s.index())) {
                    continue;
                }
                String index = RuleSupport.sql(s.objectName());
                String table = owner == null ? "its table" : RuleSupport.sql(owner);
                String why = "REINDEX INDEX takes an ACCESS EXCLUSIVE lock on " + index + " and a SHARE lock on " + table
                        + ": writes wait, and so does every query whose planning reads the index, for the whole rebuild.";
                findings.report(s, owner, LockMode.ACCESS_EXCLUSIVE, s.objectName(), why, rewrite("INDEX", index));
            } else if ("schema".equals(s.value()) || "database".equals(s.value())) {
                String what = s.value().toUpperCase(java.util.Locale.ROOT);
                String target = s.objectName() == null ? "" : " " + RuleSupport.ident(s.objectName());
                findings.report(s, null, LockMode.SHARE, "every table of the " + s.value(), "REINDEX " + what
                        + " rebuilds every index of every table, one table at a time, each under a SHARE lock (writes "
                        + "wait) with its indexes under ACCESS EXCLUSIVE.", rewrite(what, target.strip()));
            }
        }
    }

    private static String rewrite(String what, String name) {
        return "-- in a migration of its own (Shale runs it outside a transaction; SHARE UPDATE EXCLUSIVE, reads and "
                + "writes go on; PostgreSQL 12+):\nREINDEX " + what + " CONCURRENTLY" + (name.isEmpty() ? "" : " " + name)
                + ";";
    }
}
