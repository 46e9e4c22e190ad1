package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.LintFinding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/**
 * The {@code -- db:lint-ignore} lines {@code db:generate} writes above the statements whose findings record what the
 * schema files ask for ({@link LintRule#intent()}: a dropped column, a changed type, a type choice). The reason says
 * where the decision was made, so a reviewer reads it in the pull request; findings of form rules are never
 * acknowledged — {@code db:generate} writes the safe form instead — except where it knowingly cannot yet (statements
 * of one table not combined; partitioned tables), which the reason says.
 */
public final class Acknowledgements {

    static final String REASON = "db:generate: the schema files ask for this; review it before merging";
    static final String SEPARATE_STATEMENTS = "db:generate writes each change as a statement of its own; combine them"
            + " by hand if the table is large";
    static final String PARTITIONED = "db:generate writes no online form for partitioned tables and their"
            + " partitions yet; write this by hand if the table is large";
    static final String NEW_TABLE = "db:generate: an earlier migration of this change creates the table, and"
            + " db:migrate applies them in one run: it holds no rows yet";
    static final String AFTER_INTENT = "db:generate: the schema files ask for this rewrite; it runs while the lock"
            + " of an earlier statement is held";

    private Acknowledgements() {
    }

    /**
     * @param tables reasons by table ({@code schema.name}) for form findings on it: {@link #PARTITIONED},
     *               {@link #NEW_TABLE}
     * @return the reason db:generate writes for the finding, or null when it must not acknowledge it: intent findings,
     * the forms it knowingly cannot write better yet (statements not combined; partitioned tables), findings on a
     * table an earlier migration of the same change created, and a long statement after a lock when the statement is
     * itself what the schema files ask for
     */
    static String reason(LintFinding finding, Map<String, String> tables, boolean intentOnLine) {
        if (intent(finding)) {
            return REASON;
        }
        if (finding.ruleId().equals("alters-could-be-combined")) {
            return SEPARATE_STATEMENTS;
        }
        if (finding.ruleId().equals("statements-after-access-exclusive") && intentOnLine) {
            return AFTER_INTENT;
        }
        return finding.table() == null ? null : tables.get(finding.table());
    }

    private static boolean intent(LintFinding finding) {
        return LintRules.byId(finding.ruleId()).map(LintRule::intent).orElse(false);
    }

    /** @return reasons by table: partitioned tables and partitions, tables created by an earlier part of the change */
    public static Map<String, String> tableReasons(Set<String> partitioned, Set<String> createdByThisChange) {
        Map<String, String> reasons = new java.util.HashMap<>();
        createdByThisChange.forEach(t -> reasons.put(t, NEW_TABLE));
        partitioned.forEach(t -> reasons.put(t, PARTITIONED));
        return reasons;
    }

    /**
     * @param sql      a migration's text
     * @param findings findings on that text (their lines are lines of {@code sql}); those of form rules are skipped
     * @param tables   reasons by table for form findings on it (see {@link #tableReasons})
     * @return the text with a {@code -- db:lint-ignore RULE reason} line above each acknowledged statement, one per
     * rule, indented as the statement is
     */
    public static String annotate(String sql, List<LintFinding> findings, Map<String, String> tables) {
        Set<Integer> intentLines = new java.util.HashSet<>();
        findings.stream().filter(f -> !f.suppressed() && intent(f)).forEach(f -> intentLines.add(f.line()));
        Map<Integer, TreeMap<String, String>> rulesByLine = new TreeMap<>();
        for (LintFinding f : findings) {
            String reason = f.suppressed() ? null : reason(f, tables, intentLines.contains(f.line()));
            if (reason != null) {
                rulesByLine.computeIfAbsent(f.line(), l -> new TreeMap<>()).put(f.ruleId(), reason);
            }
        }
        if (rulesByLine.isEmpty()) {
            return sql;
        }
        String[] lines = sql.split("\n", -1);
        StringBuilder out = new StringBuilder(sql.length() + rulesByLine.size() * 100);
        for (int i = 0; i < lines.length; i++) {
            TreeMap<String, String> rules = rulesByLine.get(i + 1);
            if (rules != null) {
                String indent = lines[i].substring(0, lines[i].length() - lines[i].stripLeading().length());
                rules.forEach((rule, reason) -> out.append(indent).append("-- db:lint-ignore ").append(rule).append(' ')
                        .append(reason).append('\n'));
            }
            out.append(lines[i]);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
