package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;

/** A column created or retyped as {@code json}: {@code jsonb} is smaller to query, indexable and comparable. */
public final class TypeJson implements LintRule {

    @Override
    public String id() {
        return "type-json";
    }

    @Override
    public String name() {
        return "json column: use jsonb";
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
        return RuleExample.of("",
                "CREATE TABLE events (id bigint PRIMARY KEY, payload json NOT NULL);",
                "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL);");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (TypeColumns.Typed t : TypeColumns.of(m)) {
            if (!t.type().equals("json")) {
                continue;
            }
            findings.report(t.statement(), t.table(), null, null, t.table() + "." + t.column() + " is json: stored as "
                            + "text and parsed again on every access, with no equality operator (no DISTINCT, GROUP "
                            + "BY, UNIQUE) and no GIN index. jsonb is parsed once, compact to query and indexable.",
                    TypeColumns.rewrite(t, "json", "jsonb"));
        }
    }
}
