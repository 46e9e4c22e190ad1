package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.diff.RandomSchema;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded random schema pairs ({@link RandomSchema}, the diff tests' generator) through {@code push}.
 * {@code -Dshale.randomPairs=N} runs more (20 by default), {@code -Dshale.randomSeed=S} replays a run:
 * each test's name carries its seed.
 */
class RandomPairsPushTest {

    static Stream<Arguments> pairs() {
        long seed = Long.getLong("shale.randomSeed", 20261124L);
        int count = Integer.getInteger("shale.randomPairs", 20);
        Random random = new Random(seed);
        return IntStream.range(0, count).mapToObj(i -> {
            RandomSchema.Pair pair = RandomSchema.pair(random);
            return Arguments.of("pair " + i + " of -Dshale.randomSeed=" + seed, pair.before(), pair.after());
        });
    }

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("pairs")
    void pushReachesTheRandomTarget(String name, String before, String after, @TempDir Path directory) throws Exception {
        try {
            PushPathTest.push(before, after, null, null, false, directory);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(name + "\n--- before:\n" + before + "\n--- after:\n" + after, e);
        }
    }
}
