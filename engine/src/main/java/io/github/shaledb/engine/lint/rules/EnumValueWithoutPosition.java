package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TYPE … ADD VALUE} without {@code BEFORE}/{@code AFTER} on an enum whose order means something: its
 * labels are not in alphabetical order (the author ordered them: low, medium, high), or a column of it is an index
 * key. The new value then sorts last, after the highest one.
 */
public final class EnumValueWithoutPosition implements LintRule {

    @Override
    public String id() {
        return "enum-value-without-position";
    }

    @Override
    public String name() {
        return "Enum value added at the end of an ordered enum";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.WARNING;
    }

    @Override
    public boolean intent() {
        return true;
    }

    @Override
    public RuleExample example() {
        return RuleExample.of("CREATE TYPE priority AS ENUM ('low', 'medium', 'high');",
                "ALTER TYPE priority ADD VALUE 'urgent';",
                "ALTER TYPE priority ADD VALUE 'urgent' AFTER 'high';");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TYPE || s.value() == null || s.positioned()
                    || s.objectName() == null) {
                continue;
            }
            List<String> labels = labels(m, s);
            boolean sorted = Boolean.TRUE.equals(m.before().enumSorted(s.objectName()));
            if (labels == null || labels.isEmpty() || !sorted && alphabetical(labels)) {
                continue;
            }
            String last = labels.get(labels.size() - 1);
            findings.report(s, null, null, null, "ADD VALUE without BEFORE or AFTER puts '" + s.value() + "' after '"
                            + last + "', last in the sort order of " + s.objectName() + " (" + String.join(", ", labels)
                            + "), whose labels are in an order of meaning" + (sorted ? " used by an index" : "")
                            + ": ORDER BY, comparisons (< >) and min/max on its columns then rank it highest.",
                    "ALTER TYPE " + RulesBSupport.sql(s.objectName()) + " ADD VALUE " + (s.ifExists() ? "IF NOT EXISTS "
                            : "") + quote(s.value()) + " AFTER " + quote(last) + ";  -- or BEFORE the label it "
                            + "belongs before");
        }
    }

    /** The enum's labels before {@code s}: the facts, else earlier statements; then this migration's before it. */
    private static List<String> labels(LintedMigration m, DdlStatement s) {
        List<String> known = m.before().enumLabels(s.objectName());
        List<String> labels = known == null ? null : new ArrayList<>(known);
        List<DdlStatement> replay = new ArrayList<>(known == null ? m.earlier() : List.of());
        m.statements().stream().filter(d -> d.index() < s.index()).forEach(replay::add);
        for (DdlStatement d : replay) {
            if (!s.objectName().equals(d.objectName())) {
                continue;
            }
            if (d.kind() == DdlStatement.Kind.CREATE_TYPE) {
                labels = created(d);
            } else if (d.kind() == DdlStatement.Kind.ALTER_TYPE && d.value() != null && labels != null
                    && !labels.contains(d.value())) {
                add(labels, d);
            }
        }
        return labels;
    }

    /** The labels of {@code CREATE TYPE … AS ENUM (…)}; null for another kind of type. */
    private static List<String> created(DdlStatement d) {
        int at = RulesBSupport.find(d, "enum");
        if (at < 0) {
            return null;
        }
        List<String> labels = new ArrayList<>();
        for (int i = at + 1; i < d.tokens().size(); i++) {
            SqlToken t = d.tokens().get(i);
            if (t.kind() == SqlToken.Kind.STRING) {
                labels.add(unquote(t.text()));
            }
        }
        return labels;
    }

    private static void add(List<String> labels, DdlStatement d) {
        if (!d.positioned()) {
            labels.add(d.value());
            return;
        }
        List<SqlToken> t = d.tokens();
        for (int i = 0; i + 1 < t.size(); i++) {
            if ((t.get(i).is("before") || t.get(i).is("after")) && t.get(i + 1).kind() == SqlToken.Kind.STRING) {
                int at = labels.indexOf(unquote(t.get(i + 1).text()));
                if (at < 0) {
                    labels.add(d.value());
                } else {
                    labels.add(t.get(i).is("before") ? at : at + 1, d.value());
                }
                return;
            }
        }
        labels.add(d.value());
    }

    private static boolean alphabetical(List<String> labels) {
        for (int i = 1; i < labels.size(); i++) {
            if (labels.get(i - 1).compareTo(labels.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String literal) {
        if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            return literal.substring(1, literal.length() - 1).replace("''", "'");
        }
        if (literal.length() >= 3 && (literal.startsWith("E'") || literal.startsWith("e'"))) {
            return literal.substring(2, literal.length() - 1).replace("''", "'");
        }
        return literal;
    }

    private static String quote(String label) {
        return "'" + label.replace("'", "''") + "'";
    }
}
