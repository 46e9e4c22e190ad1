package io.github.shaledb.engine.diff;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every change case through the diff and its reverse on two databases of its own, without the verbs:
 * the quickest place to see what a failing case renders. {@code mvn verify} runs the same cases through
 * {@code db:generate} + {@code db:migrate} + {@code db:rollback} and through {@code db:push} (the
 * {@code suite} package), which assert everything this does and more, so this runs only on request:
 * {@code -Dshale.diffRoundTrip=true} (with {@code -Dshale.cases=REGEX} for a few cases).
 */
class SchemaDiffRoundTripTest {

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("io.github.shaledb.engine.diff.DiffCases#cases")
    void reachesTheTargetAndComesBack(String name, String before, String after, String seed, String countQuery)
            throws Exception {
        assumeTrue(Boolean.getBoolean("shale.diffRoundTrip"),
                "the suite's generate and push paths cover these cases; -Dshale.diffRoundTrip=true runs them here");
        String unsupported = DiffCases.unsupportedReason(name);
        assumeTrue(unsupported == null, () -> "not possible on this server: " + unsupported);
        RenameDecider decider = name.startsWith("rename")
                ? candidate -> RenameDecider.Decision.RENAME : candidate -> RenameDecider.Decision.DROP_AND_CREATE;
        RoundTrip.check(before, after, seed, countQuery, decider);
    }
}
