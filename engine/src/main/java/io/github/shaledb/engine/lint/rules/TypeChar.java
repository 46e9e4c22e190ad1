package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;

/** A column created or retyped as {@code char(n)} / {@code character(n)}: blank-padded, no faster; use text. */
public final class TypeChar implements LintRule {

    @Override
    public String id() {
        return "type-char";
    }

    @Override
    public String name() {
        return "char(n) column: use text or varchar";
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
                "CREATE TABLE accounts (id bigint PRIMARY KEY, country_code char(2) NOT NULL);",
                "CREATE TABLE accounts (id bigint PRIMARY KEY, country_code text NOT NULL CHECK (length(country_code) = 2));");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (TypeColumns.Typed t : TypeColumns.of(m)) {
            if (!t.type().matches("(char|character|bpchar)(\\s*\\(\\s*\\d+\\s*\\))?")) {
                continue;
            }
            findings.report(t.statement(), t.table(), null, null, t.table() + "." + t.column() + " is " + t.written()
                            + ": values are padded with blanks to the length, trailing blanks are ignored in "
                            + "comparisons but kept in some casts and clients (surprising equality and LIKE results), "
                            + "and it is no faster or smaller than text in PostgreSQL.",
                    TypeColumns.rewrite(t, "(?:character|char|bpchar)(?:\\s*\\(\\s*\\d+\\s*\\))?", "text")
                            + "\n-- a fixed length, if it matters: CHECK (length(" + RulesBSupport.ident(t.column())
                            + ") = n)");
        }
    }
}
