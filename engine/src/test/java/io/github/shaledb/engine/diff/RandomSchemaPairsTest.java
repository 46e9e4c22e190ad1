package io.github.shaledb.engine.diff;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Random schema pairs through the round trip: a random schema, a random mutation of it; ten pairs
 * at a time, each in a schema of its own ({@link RandomSchema#batch}). 300 pairs by default;
 * {@code -Dshale.randomPairs=N} runs more, {@code -Dshale.randomSeed=S} replays a run.
 */
class RandomSchemaPairsTest {

    static Stream<Arguments> batches() {
        return RandomSchema.batches(Integer.getInteger("shale.randomPairs", 300)).stream()
                .map(b -> Arguments.of(b.name(), b.pair().before(), b.pair().after()));
    }

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("batches")
    void randomPairsRoundTrip(String name, String before, String after) throws Exception {
        try {
            RoundTrip.check(before, after, null, null, candidate -> RenameDecider.Decision.DROP_AND_CREATE);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(name + "\n--- before:\n" + before + "\n--- after:\n" + after, e);
        }
    }
}
