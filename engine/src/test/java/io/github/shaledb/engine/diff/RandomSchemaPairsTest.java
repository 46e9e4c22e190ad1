package io.github.shaledb.engine.diff;

import org.junit.jupiter.api.Test;

import java.util.Random;

/**
 * Random schema pairs through the round trip: a random schema, a random mutation of it.
 * {@code -Dshale.randomPairs=N} runs more, {@code -Dshale.randomSeed=S} replays one run.
 */
class RandomSchemaPairsTest {

    @Test
    void randomPairsRoundTrip() throws Exception {
        long seed = Long.getLong("shale.randomSeed", 20261124L);
        int pairs = Integer.getInteger("shale.randomPairs", 40);
        Random random = new Random(seed);
        for (int i = 0; i < pairs; i++) {
            RandomSchema.Pair pair = RandomSchema.pair(random);
            try {
                RoundTrip.check(pair.before(), pair.after(), null, null, candidate -> RenameDecider.Decision.DROP_AND_CREATE);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("random pair " + i + " of seed " + seed + " (-Dshale.randomSeed=" + seed
                        + ")\n--- before:\n" + pair.before() + "\n--- after:\n" + pair.after(), e);
            }
        }
    }
}
