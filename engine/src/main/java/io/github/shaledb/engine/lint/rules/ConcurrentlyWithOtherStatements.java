package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.DdlStatement.Kind;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import java.util.List;

/**
 * A migration holding a {@code CONCURRENTLY} statement and other statements: Shale runs it statement by statement,
 * so a failure half-way leaves it half-applied.
 */
public final class ConcurrentlyWithOtherStatements implements LintRule {

    @Override
    public String id() {
        return "concurrently-with-other-statements";
    }

    @Override
    public String name() {
        return "CONCURRENTLY mixed with other statements in one migration";
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
        return new RuleExample(List.of("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL);"),
                List.of("""
                        ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                        CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
                        """),
                List.of("ALTER TABLE orders ADD COLUMN shipped_at timestamptz;",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);"));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        List<DdlStatement> concurrent = migration.statements().stream().filter(RuleSupport::concurrentStatement).toList();
        if (concurrent.isEmpty()) {
            return;
        }
        List<DdlStatement> others = migration.statements().stream()
                .filter(s -> !RuleSupport.concurrentStatement(s) && !allowed(s)).toList();
        if (others.isEmpty()) {
            return;
        }
        StringBuilder rewrite = new StringBuilder("-- the other statements in a migration of their own (one transaction):\n");
        others.forEach(o -> rewrite.append(RuleSupport.text(o)).append(";\n"));
        for (DdlStatement c : concurrent) {
            rewrite.append(RuleSupport.nextMigration("alone; Shale runs it outside a transaction"))
                    .append(RuleSupport.text(c)).append(";\n");
        }
        DdlStatement first = concurrent.get(0);
        DdlStatement other = others.get(0);
        findings.report(first, null, "The migration holds " + RuleSupport.first(first) + ", so Shale runs all of it "
                + "outside a transaction, statement by statement: when a statement fails, those before it stay applied "
                + "and the migration is neither done nor undone. Its " + others.size() + " other statement(s) (first: "
                + RuleSupport.first(other) + ", line " + other.sql().line() + ") lose their all-or-nothing.",
                rewrite.toString().strip());
    }

    /** Session settings, transaction control, statistics and comments: nothing to leave half-applied. */
    private static boolean allowed(DdlStatement s) {
        return s.kind() == Kind.SET || s.kind() == Kind.RESET || s.kind() == Kind.BEGIN || s.kind() == Kind.COMMIT
                || s.kind() == Kind.ROLLBACK || s.kind() == Kind.COMMENT
                || !s.tokens().isEmpty() && (s.tokens().get(0).is("analyze") || s.tokens().get(0).is("analyse"));
    }
}
