package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.diff.RandomSchema;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Seeded random schema pairs ({@link RandomSchema}, the diff tests' generator) through {@code push},
 * ten at a time, each pair in a schema of its own ({@link RandomSchema#batch}): 100 pairs by default,
 * {@code -Dshale.randomPushPairs=N} runs more, {@code -Dshale.randomSeed=S} replays a run: each test's
 * name carries its seed.
 */
class RandomPairsPushTest {

    static Stream<Arguments> batches() {
        return RandomSchema.batches(Integer.getInteger("shale.randomPushPairs", 100)).stream()
                .map(b -> Arguments.of(b.name(), b.pair().before(), b.pair().after()));
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
