package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.LintFinding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code -- db:lint-ignore} lines {@code db:generate} writes above the statements whose findings record what the
 * schema files ask for ({@link LintRule#intent()}: a dropped column, a changed type, a type choice). The reason says
 * where the decision was made, so a reviewer reads it in the pull request; findings of form rules are never
 * acknowledged — {@code db:generate} writes the safe form instead.
 */
public final class Acknowledgements {

    static final String REASON = "db:generate: the schema files ask for this; review it before merging";

    private Acknowledgements() {
    }

    /** @return whether db:generate acknowledges findings of this rule */
    public static boolean acknowledged(LintFinding finding) {
        return LintRules.byId(finding.ruleId()).map(LintRule::intent).orElse(false);
    }

    /**
     * @param sql      a migration's text
     * @param findings findings on that text (their lines are lines of {@code sql}); those of form rules are skipped
     * @return the text with a {@code -- db:lint-ignore RULE reason} line above each acknowledged statement, one per
     * rule, indented as the statement is
     */
    public static String annotate(String sql, List<LintFinding> findings) {
        Map<Integer, TreeSet<String>> rulesByLine = new TreeMap<>();
        for (LintFinding f : findings) {
            if (!f.suppressed() && acknowledged(f)) {
                rulesByLine.computeIfAbsent(f.line(), l -> new TreeSet<>()).add(f.ruleId());
            }
        }
        if (rulesByLine.isEmpty()) {
            return sql;
        }
        String[] lines = sql.split("\n", -1);
        StringBuilder out = new StringBuilder(sql.length() + rulesByLine.size() * 100);
        for (int i = 0; i < lines.length; i++) {
            TreeSet<String> rules = rulesByLine.get(i + 1);
            if (rules != null) {
                String indent = lines[i].substring(0, lines[i].length() - lines[i].stripLeading().length());
                for (String rule : rules) {
                    out.append(indent).append("-- db:lint-ignore ").append(rule).append(' ').append(REASON).append('\n');
                }
            }
            out.append(lines[i]);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
