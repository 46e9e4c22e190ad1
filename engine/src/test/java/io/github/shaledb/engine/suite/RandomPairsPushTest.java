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
 * Seeded random schema pairs ({@link RandomSchema}, the diff tests' generator) through {@code push},
 * ten at a time, each pair in a schema of its own ({@link RandomSchema#batch}): 100 pairs by default,
 * {@code -Dshale.randomPushPairs=N} runs more, {@code -Dshale.randomSeed=S} replays a run: each test's
 * name carries its seed.
 */
class RandomPairsPushTest {
    private static final int PAIRS_PER_BATCH = 10;

    static Stream<Arguments> batches() {
        long seed = Long.getLong("shale.randomSeed", 20261124L);
        int pairs = Integer.getInteger("shale.randomPushPairs", 100);
        Random random = new Random(seed);
        return IntStream.range(0, (pairs + PAIRS_PER_BATCH - 1) / PAIRS_PER_BATCH).mapToObj(b -> {
            RandomSchema.Pair batch = RandomSchema.batch(random, Math.min(PAIRS_PER_BATCH, pairs - b * PAIRS_PER_BATCH));
            return Arguments.of("pairs " + b * PAIRS_PER_BATCH + "-" + (Math.min(pairs, (b + 1) * PAIRS_PER_BATCH) - 1)
                    + " of -Dshale.randomSeed=" + seed, batch.before(), batch.after());
        });
    }

    @ParameterizedTest(name = "{0}")
    @Execution(ExecutionMode.CONCURRENT)
    @MethodSource("batches")
    void pushReachesTheRandomTargets(String name, String before, String after, @TempDir Path directory) throws Exception {
        try {
            PushPathTest.push(before, after, null, null, false, directory);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(name + "\n--- before:\n" + before + "\n--- after:\n" + after, e);
        }
    }
}
