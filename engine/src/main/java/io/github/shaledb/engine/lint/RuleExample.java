package io.github.shaledb.engine.lint;

import java.util.List;

/**
 * A rule's example, as its page shows it and as {@code LintRulesTest} runs it: {@code setup} migrations build the
 * schema (and are not judged), then the {@code violating} migrations must produce a finding of the rule and the
 * {@code compliant} ones (the safe rewrite) none of it.
 *
 * @param setup     migrations applied before, each one SQL script; may be empty
 * @param violating migrations breaking the rule (the last one holds the finding)
 * @param compliant the safe way: one or several migrations doing the same
 */
public record RuleExample(List<String> setup, List<String> violating, List<String> compliant) {
    /** Copies the lists. */
    public RuleExample {
        setup = List.copyOf(setup);
        violating = List.copyOf(violating);
        compliant = List.copyOf(compliant);
    }

    /** One setup script, one violating migration, one compliant migration. */
    public static RuleExample of(String setup, String violating, String compliant) {
        return new RuleExample(setup.isBlank() ? List.of() : List.of(setup), List.of(violating), List.of(compliant));
    }
}
