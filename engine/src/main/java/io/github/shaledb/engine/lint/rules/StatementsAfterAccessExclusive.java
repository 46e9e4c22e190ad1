package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.DdlStatement.Kind;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In a transactional migration, after a statement took ACCESS EXCLUSIVE on an existing table (held until commit), a
 * statement that runs long, or one that waits for a lock on another table with no lock timeout.
 */
public final class StatementsAfterAccessExclusive implements LintRule {

    @Override
    public String id() {
        return "statements-after-access-exclusive";
    }

    @Override
    public String name() {
        return "Long or blocking statement while an ACCESS EXCLUSIVE lock is held";
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
        return new RuleExample(List.of("CREATE TABLE orders (id bigint PRIMARY KEY, status text);"),
                List.of("""
                        ALTER TABLE orders ADD COLUMN state text;
                        UPDATE orders SET state = status;
                        """),
                List.of("ALTER TABLE orders ADD COLUMN state text;",
                        "UPDATE orders SET state = status WHERE state IS NULL AND id BETWEEN 1 AND 10000;"));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        if (!migration.transactional()) {
            return;
        }
        Map<String, DdlStatement> held = new LinkedHashMap<>();
        boolean timeout = migration.lockTimeoutHandled();
        for (DdlStatement s : migration.statements()) {
            if (LongStatements.ends(s)) {
                held.clear();
                continue;
            }
            if ((s.kind() == Kind.SET || s.kind() == Kind.RESET) && "lock_timeout".equals(s.objectName())) {
                timeout = migration.lockTimeoutHandled() || s.kind() == Kind.SET && nonZero(s.value());
            }
            Map<String, LockMode> locks = migration.locks(s);
            if (!held.isEmpty()) {
                String longWhy = LongStatements.statement(migration, s);
                if (longWhy != null) {
                    List<String> extended = held.keySet().stream()
                            .filter(rel -> locks.get(rel) != LockMode.ACCESS_EXCLUSIVE).toList();
                    if (!extended.isEmpty()) {
                        report(findings, s, held.get(extended.get(0)), extended.get(0), "it runs long (" + longWhy
                                + ")");
                    }
                } else if (!timeout) {
                    List<String> others = locks.keySet().stream()
                            .filter(rel -> !held.containsKey(rel) && migration.existing(rel, s.index())).toList();
                    if (!others.isEmpty()) {
                        String first = held.keySet().iterator().next();
                        report(findings, s, held.get(first), first, "it needs a " + locks.get(others.get(0)).sqlName()
                                + " lock on " + RuleSupport.sql(others.get(0)) + " and, with no lock_timeout, waits for "
                                + "it as long as any query on that table runs");
                    }
                }
            }
            locks.forEach((rel, mode) -> {
                if (mode == LockMode.ACCESS_EXCLUSIVE && migration.existing(rel, s.index())) {
                    held.putIfAbsent(rel, s);
                }
            });
        }
    }

    private static void report(Findings findings, DdlStatement s, DdlStatement locker, String relation, String what) {
        String table = RuleSupport.sql(relation);
        String why = RuleSupport.first(locker) + " (line " + locker.sql().line() + ") took an ACCESS EXCLUSIVE lock on " + table
                + " that the migration holds until it commits; " + what + ", and all that time every read and write of "
                + table + " waits.";
        String rewrite = RuleSupport.text(locker) + ";\n" + RuleSupport.nextMigration("its own transaction")
                + RuleSupport.text(s) + ";";
        findings.report(s, relation, LockMode.ACCESS_EXCLUSIVE, relation, why, rewrite);
    }

    private static boolean nonZero(String value) {
        if (value == null) {
            return false;
        }
        String v = value.replace("'", "").replace("\"", "").strip().toLowerCase(java.util.Locale.ROOT);
        return !(v.equals("default") || v.matches("0+\\s*(ms|s|min|h|d)?"));
    }
}
