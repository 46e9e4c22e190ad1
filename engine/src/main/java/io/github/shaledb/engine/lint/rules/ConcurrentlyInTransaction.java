package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.DdlStatement.Kind;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.sql.SqlToken;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code CONCURRENTLY} statement that would run inside a transaction block: after an explicit {@code BEGIN} of the
 * file, in a migration run as one transaction, or inside a {@code DO} block. PostgreSQL refuses it there.
 */
public final class ConcurrentlyInTransaction implements LintRule {

    private static final Pattern CONCURRENT_IN_BODY = Pattern.compile("(?is)\\b(create\\s+(unique\\s+)?index|drop\\s+index"
            + "|reindex\\b.*?|detach\\s+partition\\b.*?)\\s+concurrently\\b");

    @Override
    public String id() {
        return "concurrently-in-transaction";
    }

    @Override
    public String name() {
        return "CONCURRENTLY inside a transaction block";
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
                """
                        BEGIN;
                        CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
                        COMMIT;
                        """,
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);");
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        boolean open = false;
        DdlStatement begin = null;
        for (DdlStatement s : migration.statements()) {
            if (s.kind() == Kind.BEGIN) {
                open = true;
                begin = s;
                continue;
            }
            if (s.kind() == Kind.COMMIT || s.kind() == Kind.ROLLBACK) {
                open = false;
                continue;
            }
            if (RuleSupport.concurrentStatement(s)) {
                if (open) {
                    findings.report(s, null, "PostgreSQL refuses " + RuleSupport.first(s) + " inside the transaction block "
                            + "opened by " + RuleSupport.first(begin) + " (line " + begin.sql().line() + "): the migration "
                            + "fails with \"cannot run inside a transaction block\".", rewrite(s));
                } else if (migration.transactional()) {
                    findings.report(s, null, "This migration runs in one transaction, which PostgreSQL refuses for "
                            + RuleSupport.first(s) + ": it fails with \"cannot run inside a transaction block\".", rewrite(s));
                }
            } else if (doBlockConcurrently(s)) {
                findings.report(s, null, "A DO block runs in a transaction of its own: the CONCURRENTLY statement it "
                        + "executes fails with \"cannot be executed from a function\" or \"cannot run inside a "
                        + "transaction block\".", "-- write the statement itself, in a migration of its own (Shale runs "
                        + "it outside a transaction), e.g.:\nCREATE INDEX CONCURRENTLY IF NOT EXISTS name ON table (column);");
            }
        }
    }

    private static boolean doBlockConcurrently(DdlStatement s) {
        List<SqlToken> tokens = s.tokens();
        if (tokens.isEmpty() || !tokens.get(0).is("do")) {
            return false;
        }
        return tokens.stream().anyMatch(t -> t.kind() == SqlToken.Kind.STRING && CONCURRENT_IN_BODY.matcher(t.text()).find());
    }

    private static String rewrite(DdlStatement s) {
        return "-- no BEGIN/COMMIT around it, in a migration of its own (Shale runs a migration holding a CONCURRENTLY "
                + "statement outside a transaction, statement by statement):\n" + RuleSupport.text(s) + ";";
    }
}
