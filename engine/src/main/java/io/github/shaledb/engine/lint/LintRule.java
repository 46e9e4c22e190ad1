package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.LintSeverity;

/**
 * One lint rule: a stable id, a one-line title, the check, and its page on the site
 * ({@code src/site/markdown/lint/<id>.md}, which shows the {@link #example()}). Rules are listed in {@link LintRules}.
 * A rule reports through {@link Findings}; it reads the migration's statements, what tracing observed and what is
 * known of the schema before the migration from {@link LintedMigration}.
 */
public interface LintRule {

    /** @return the stable id, kebab-case, as {@code -- db:lint-ignore} and {@code db.lint.disable} name it */
    String id();

    /** @return the one-line title */
    String name();

    /** @return how much a finding matters on a table of any size */
    LintSeverity severity();

    /**
     * @return true when a finding records a decision the author made (drop a column, change a type, a type choice)
     * rather than a form with a safe equivalent; {@code db:generate} acknowledges these in the files it writes
     * (with a {@code -- db:lint-ignore} line naming the schema change), never the others
     */
    boolean intent();

    /** @return a violating and a compliant migration, shown on the rule's page and run by the tests */
    RuleExample example();

    /** Reports every statement of the migration that breaks the rule. */
    void check(LintedMigration migration, Findings findings);

    /** @return the rule's page on the site */
    default String page() {
        return "https://shaledb.github.io/shale/lint/" + id() + ".html";
    }
}
