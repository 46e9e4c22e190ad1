package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule's own example: the violating migration is flagged by the rule, the compliant rewrite is not. */
class LintRulesTest {

    @TempDir
    Path temp;

    @Test
    void everyRuleHasAStableIdAPageAndARowInTheIndex() throws Exception {
        Path pages = Path.of("..", "src", "site", "markdown", "lint");
        String index = Files.readString(pages.resolve("index.md"));
        assertThat(LintRules.all()).extracting(LintRule::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        for (LintRule rule : LintRules.all()) {
            assertThat(pages.resolve(rule.id() + ".md")).as("the page of %s", rule.id()).exists();
            assertThat(index).as("the index lists %s", rule.id()).contains("(" + rule.id() + ".html)");
            assertThat(rule.page()).endsWith("/lint/" + rule.id() + ".html");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRuleTellsItsExamplesApart() {
        assertThat(LintRules.all()).isNotEmpty();
        return LintRules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            RuleExample example = rule.example();
            List<String> violating = new ArrayList<>(example.setup());
            violating.addAll(example.violating());
            LintResult bad = LintHarness.lint(temp.resolve(rule.id() + "-violating"), violating, b -> b);
            assertThat(LintHarness.findingsOf(bad, rule.id())).as("findings of %s on its violating example", rule.id())
                    .isNotEmpty();
            List<String> compliant = new ArrayList<>(example.setup());
            compliant.addAll(example.compliant());
            LintResult good = LintHarness.lint(temp.resolve(rule.id() + "-compliant"), compliant, b -> b);
            int setup = example.setup().size();
            assertThat(good.findings().stream().filter(f -> f.ruleId().equals(rule.id()))
                    .filter(f -> good.linted().indexOf(f.migration()) >= setup))
                    .as("findings of %s on its compliant example", rule.id()).isEmpty();
        }));
    }
}
