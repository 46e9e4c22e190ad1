package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import java.util.List;

/** {@code VACUUM FULL} or {@code CLUSTER} of an existing table, or of every table. */
public final class VacuumFullOrCluster implements LintRule {

    @Override
    public String id() {
        return "vacuum-full-or-cluster";
    }

    @Override
    public String name() {
        return "VACUUM FULL or CLUSTER in a migration";
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
        return RuleExample.of("CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);",
                "VACUUM FULL events;",
                "VACUUM (ANALYZE) events;");
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            boolean vacuumFull = s.kind() == DdlStatement.Kind.VACUUM && s.full();
            if (!vacuumFull && s.kind() != DdlStatement.Kind.CLUSTER) {
                continue;
            }
            String verb = vacuumFull ? "VACUUM FULL" : "CLUSTER";
            List<String> tables = vacuumFull ? s.tables() : s.table() == null ? List.of() : List.of(s.table());
            if (tables.isEmpty()) {
                findings.report(s, null, LockMode.ACCESS_EXCLUSIVE, "every table, one at a time", verb + " without a "
                        + "table rewrites every table of the database, each under an ACCESS EXCLUSIVE lock: reads and "
                        + "writes of each table wait while it is copied.", rewrite(verb, null));
                continue;
            }
            for (String table : tables) {
                if (!migration.existing(table, s.index())) {
                    continue;
                }
                findings.report(s, table, verb + " rewrites " + RuleSupport.sql(table) + " into a new file under an "
                        + "ACCESS EXCLUSIVE lock: every read and write of it waits for the whole copy, and it needs "
                        + "disk for a second copy.", rewrite(verb, table));
            }
        }
    }

    private static String rewrite(String verb, String table) {
        String name = table == null ? "" : " " + RuleSupport.sql(table);
        return "-- plain VACUUM makes dead space reusable without blocking reads or writes:\nVACUUM (ANALYZE)" + name
                + ";\n-- to give the space back to the system or reorder rows online, run pg_repack outside the "
                + "migration:\n--   pg_repack --table=" + (table == null ? "<table>" : table)
                + (verb.equals("CLUSTER") ? " --order-by=<columns>" : "") + " <database>";
    }
}
