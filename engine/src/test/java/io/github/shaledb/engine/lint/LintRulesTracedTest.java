package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule's example again, traced on a scratch database as {@code db:lint} does by default: the verdicts hold, and
 * the lock each finding names from pg_locks is the lock Shale's table names without tracing — the table is right for
 * every rule's example.
 */
@ExtendWith(TestPostgres.class)
class LintRulesTracedTest {

    private static TestDatabase server;

    @TempDir
    Path temp;

    @BeforeAll
    static void server() {
        server = TestPostgres.newDatabase();
    }

    @AfterAll
    static void close() throws Exception {
        server.close();
    }

    private static UnaryOperator<ShaleSettings.Builder> traced() {
        return b -> b.lintTrace(true).shadowUrl(server.jdbcUrl()).user(server.user()).password(server.password());
    }

    @TestFactory
    List<DynamicTest> tracedVerdictsAndLocksAgreeWithTheTable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (LintRule rule : LintRules.all()) {
            tests.add(DynamicTest.dynamicTest(rule.id(), () -> {
                RuleExample example = rule.example();
                List<String> violating = new ArrayList<>(example.setup());
                violating.addAll(example.violating());
                LintResult traced = LintHarness.lint(temp.resolve(rule.id() + "-traced"), violating, traced());
                assertThat(traced.notTraced()).as("why not traced").isNull();
                List<LintFinding> observed = LintHarness.findingsOf(traced, rule.id());
                assertThat(observed).as("traced findings of %s on its violating example", rule.id()).isNotEmpty();
                LintResult table = LintHarness.lint(temp.resolve(rule.id() + "-table"), violating, b -> b.lintTrace(false));
                List<LintFinding> expected = LintHarness.findingsOf(table, rule.id());
                for (LintFinding f : observed) {
                    if (!f.lockObserved()) {
                        continue;
                    }
                    assertThat(expected).as("%s at %d:%d: the table's lock", rule.id(), f.line(), f.column())
                            .anySatisfy(e -> {
                                assertThat(e.line()).isEqualTo(f.line());
                                assertThat(e.lock()).isEqualTo(f.lock());
                            });
                }
                List<String> compliant = new ArrayList<>(example.setup());
                compliant.addAll(example.compliant());
                LintResult good = LintHarness.lint(temp.resolve(rule.id() + "-compliant"), compliant, traced());
                int setup = example.setup().size();
                assertThat(good.findings().stream().filter(f -> f.ruleId().equals(rule.id()))
                        .filter(f -> good.linted().indexOf(f.migration()) >= setup))
                        .as("traced findings of %s on its compliant example", rule.id()).isEmpty();
            }));
        }
        return tests;
    }
}
