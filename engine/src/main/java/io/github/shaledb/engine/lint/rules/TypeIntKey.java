package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;

/** A PRIMARY KEY, identity or serial column of a 32- or 16-bit integer type: it overflows; use bigint. */
public final class TypeIntKey implements LintRule {

    @Override
    public String id() {
        return "type-int-key";
    }

    @Override
    public String name() {
        return "integer key that will overflow: use bigint";
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
                "CREATE TABLE orders (id serial PRIMARY KEY, total numeric(12,2));",
                "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total numeric(12,2));");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (TypeColumns.Typed t : TypeColumns.of(m)) {
            if (!t.key() || !t.type().matches("int|integer|int4|serial|serial4|smallint|int2|smallserial|serial2")) {
                continue;
            }
            boolean small = t.type().matches("smallint|int2|smallserial|serial2");
            boolean serial = t.type().contains("serial");
            findings.report(t.statement(), t.table(), null, null, t.table() + "." + t.column() + " is a key of type "
                            + t.written() + ": it runs out at " + (small ? "32,767" : "2,147,483,647") + " values (ids "
                            + "burnt by rolled-back inserts count too), and then every insert fails; changing it to "
                            + "bigint later rewrites the table and every table referencing it under an ACCESS EXCLUSIVE "
                            + "lock.",
                    TypeColumns.rewrite(t, "(?:int|integer|int4|smallint|int2)(?![\\w])|(?:smallserial|serial2|serial4|serial)",
                            serial ? "bigserial" : "bigint"));
        }
    }
}
