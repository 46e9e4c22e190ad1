package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement taking a SHARE or stronger lock on an existing table while no {@code lock_timeout} is in effect: while
 * it waits for the lock (behind a long query or an idle transaction), every later query on the table queues behind
 * it. Shale's migrate sets one per statement ({@code db.lockTimeoutPerStatement}, on by default); a migration that
 * turns it off ({@code SET lock_timeout = 0}, {@code RESET lock_timeout}) is flagged, as is every migration when
 * {@code db.lockTimeoutPerStatement} is 0 and the migration sets none itself.
 */
public final class MissingLockTimeout implements LintRule {

    private static final Pattern NUMBER = Pattern.compile("^\\s*'?\\s*(\\d+(?:\\.\\d+)?)");

    @Override
    public String id() {
        return "missing-lock-timeout";
    }

    @Override
    public String name() {
        return "Strong lock taken with no lock_timeout";
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
        return RuleExample.of("CREATE TABLE orders (id bigint PRIMARY KEY);",
                "SET lock_timeout = 0;\nALTER TABLE orders ADD COLUMN note text;",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        boolean limited = m.lockTimeoutHandled();
        for (DdlStatement s : m.statements()) {
            if (s.kind() == DdlStatement.Kind.SET && "lock_timeout".equals(s.objectName())) {
                if (!s.local() || m.transactional()) {
                    limited = !zero(s.value());
                }
                continue;
            }
            if (s.kind() == DdlStatement.Kind.RESET && ("lock_timeout".equals(s.objectName())
                    || "all".equals(s.objectName()))) {
                limited = false;
                continue;
            }
            if (!m.transactional() && s.concurrently() && m.lockTimeoutHandled()) {
                // Shale runs a CONCURRENTLY statement without its lock_timeout and sets it again after it.
                limited = true;
                continue;
            }
            if (limited) {
                continue;
            }
            String table = null;
            LockMode lock = null;
            for (Map.Entry<String, LockMode> e : m.locks(s).entrySet()) {
                if (e.getValue().compareTo(LockMode.SHARE) >= 0 && m.existing(e.getKey(), s.index())
                        && (lock == null || e.getValue().compareTo(lock) > 0)) {
                    table = e.getKey();
                    lock = e.getValue();
                }
            }
            if (table == null) {
                continue;
            }
            findings.report(s, table, lock, table, "It takes " + lock.sqlName() + " on " + table + " with no "
                            + "lock_timeout in effect: if a long query or an idle transaction holds any lock on "
                            + table + ", it waits without limit, and meanwhile every later " + (lock.blocksReads()
                            ? "read and write" : "write") + " of " + table + " queues behind it: the application "
                            + "stalls.",
                    "SET lock_timeout = '5s';  -- give up instead of queueing; retry the migration later\n"
                            + RulesBSupport.text(s));
        }
    }

    /** Whether a {@code SET lock_timeout} value turns the timeout off (0, '0', '0ms', DEFAULT). */
    private static boolean zero(String value) {
        if (value == null) {
            return true;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("default") || v.equals("'default'")) {
            return true;
        }
        Matcher n = NUMBER.matcher(v);
        return n.find() && Double.parseDouble(n.group(1)) == 0;
    }
}
