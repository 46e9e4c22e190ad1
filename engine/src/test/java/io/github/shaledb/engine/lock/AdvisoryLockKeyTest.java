package io.github.shaledb.engine.lock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdvisoryLockKeyTest {

    @Test
    void defaultKeyIsTheFirstEightBytesOfTheQualifiedNamesSha256() {
        // printf 'drizzle.__drizzle_migrations' | sha256sum → first 16 hex digits, read as a signed long.
        long expected = Long.parseUnsignedLong("37e1afbb9d5f6d23", 16);
        assertThat(AdvisoryLock.defaultKey("drizzle", "__drizzle_migrations")).isEqualTo(expected);
        assertThat(AdvisoryLock.defaultKey("ops", "__drizzle_migrations")).isNotEqualTo(expected);
    }
}
