package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;

/** A column created or retyped as {@code timestamp [without time zone]}: an instant needs {@code timestamptz}. */
public final class TypeTimestampWithoutTimeZone implements LintRule {

    @Override
    public String id() {
        return "type-timestamp-without-time-zone";
    }

    @Override
    public String name() {
        return "timestamp without time zone: use timestamptz";
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
                "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamp NOT NULL DEFAULT now());",
                "CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (TypeColumns.Typed t : TypeColumns.of(m)) {
            if (!t.type().matches("timestamp(\\s*\\(\\s*\\d+\\s*\\))?(\\s+without\\s+time\\s+zone)?")) {
                continue;
            }
            String precision = t.type().replaceAll("^timestamp\\s*(\\(\\s*\\d+\\s*\\))?.*$", "$1");
            findings.report(t.statement(), t.table(), null, null, t.table() + "." + t.column() + " is timestamp without "
                            + "time zone: it stores a wall-clock reading with no zone, so the same instant reads "
                            + "differently from sessions in other time zones, now() is converted with the session's "
                            + "zone, and daylight-saving changes make values ambiguous. timestamptz stores the instant "
                            + "(in UTC) and shows it in the session's zone; it takes the same 8 bytes.",
                    TypeColumns.rewrite(t, "timestamp(?:\\s*\\(\\s*\\d+\\s*\\))?(?:\\s+without\\s+time\\s+zone)?",
                            "timestamptz" + precision.replace(" ", "")));
        }
    }
}
