package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import java.util.List;

/** {@code CREATE INDEX} without {@code CONCURRENTLY} on a table that already holds rows. */
public final class CreateIndexNotConcurrently implements LintRule {

    @Override
    public String id() {
        return "create-index-not-concurrently";
    }

    @Override
    public String name() {
        return "Index built without CONCURRENTLY on an existing table";
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
        return RuleExample.of("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);",
                "CREATE INDEX orders_customer_id_idx ON orders (customer_id);",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);");
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.CREATE_INDEX || s.concurrently() || s.table() == null
                    || !migration.existing(s.table(), s.index())) {
                continue;
            }
            int on = RuleSupport.token(s, "on");
            if (on >= 0 && on + 1 < s.tokens().size() && s.tokens().get(on + 1).is("only")) {
                continue; // ON ONLY a partitioned parent: builds nothing, the partitions' indexes are attached later
            }
            String table = RuleSupport.sql(s.table());
            String why = "CREATE INDEX takes a SHARE lock on " + table + " for the whole index build: every INSERT, "
                    + "UPDATE and DELETE on it waits (reads go on) until the index is built, minutes on a big table.";
            findings.report(s, s.table(), why, rewrite(migration, s));
        }
    }

    private static String rewrite(LintedMigration migration, DdlStatement s) {
        int index = RuleSupport.token(s, "index");
        String concurrent = RuleSupport.insertAfter(s, index, " CONCURRENTLY"
                + (s.ifExists() || s.objectName() == null ? "" : " IF NOT EXISTS"));
        if (!RuleSupport.partitioned(migration, s, s.table())) {
            return "-- in a migration of its own (Shale runs it outside a transaction; the build takes a SHARE UPDATE "
                    + "EXCLUSIVE lock, writes go on):\n" + concurrent + ";";
        }
        String name = s.objectName() == null ? RuleSupport.local(s.table()) + "_idx" : RuleSupport.local(s.objectName());
        String parent = RuleSupport.sql(s.table());
        int on = RuleSupport.token(s, "on");
        String onOnly = RuleSupport.insertAfter(s, on, " ONLY");
        if (s.objectName() == null) {
            onOnly = onOnly.replaceFirst("(?i)\\bindex\\s+on\\b", "INDEX " + RuleSupport.ident(name) + " ON");
        }
        StringBuilder out = new StringBuilder("-- " + parent + " is partitioned: CONCURRENTLY is refused on it. Create the "
                + "parent's index empty, build each partition's concurrently, then attach them.\n");
        out.append(onOnly).append(";\n");
        List<String> partitions = RuleSupport.partitions(migration, s, s.table());
        if (partitions.isEmpty()) {
            partitions = List.of(s.table() + "_p1");
            out.append("-- for each partition (here ").append(RuleSupport.sql(partitions.get(0))).append("):\n");
        }
        out.append(RuleSupport.nextMigration("each CREATE INDEX CONCURRENTLY in a migration of its own"));
        String columns = s.sql().text().substring(s.tokens().get(on).offset());
        columns = columns.replaceFirst("(?is)^on\\s+(only\\s+)?(\"(?:[^\"]|\"\")*\"|[\\w$.]+)\\s*", "").strip()
                .replaceAll(";\\s*$", "");
        for (String partition : partitions) {
            String partIndex = RuleSupport.local(partition) + "_" + name.replaceFirst("^" + RuleSupport.local(s.table())
                    + "_", "");
            out.append("CREATE ").append(s.unique() ? "UNIQUE " : "").append("INDEX CONCURRENTLY IF NOT EXISTS ")
                    .append(RuleSupport.ident(partIndex)).append(" ON ").append(RuleSupport.sql(partition)).append(' ')
                    .append(columns).append(";\n");
        }
        out.append(RuleSupport.nextMigration(null));
        for (String partition : partitions) {
            String partIndex = RuleSupport.local(partition) + "_" + name.replaceFirst("^" + RuleSupport.local(s.table())
                    + "_", "");
            out.append("ALTER INDEX ").append(RuleSupport.sql(schemaOf(s.table()) + "." + name))
                    .append(" ATTACH PARTITION ").append(RuleSupport.sql(schemaOf(partition) + "." + partIndex))
                    .append(";\n");
        }
        return out.toString().strip();
    }

    private static String schemaOf(String qualified) {
        return qualified.substring(0, qualified.lastIndexOf('.'));
    }
}
