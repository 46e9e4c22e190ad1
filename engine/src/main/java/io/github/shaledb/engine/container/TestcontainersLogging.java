package io.github.shaledb.engine.container;

/**
 * Keeps Testcontainers' INFO lines (its version, the Docker environment found, each pull and start) and its
 * multi-line report of every Docker configuration tried out of a Maven build's log, where Maven's SLF4J prints
 * INFO: Shale reports what matters in its own words. A level the user set for these loggers
 * ({@code -Dorg.slf4j.simpleLogger.log.org.testcontainers=debug}) wins; other SLF4J bindings are configured their
 * own way and not touched.
 */
final class TestcontainersLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";

    private TestcontainersLogging() {
    }

    static void quiet() {
        if (System.getProperty(PREFIX + "org.testcontainers") != null || System.getProperty(PREFIX + "tc") != null) {
            return;
        }
        System.setProperty(PREFIX + "org.testcontainers", "warn");
        // Its "could not find a valid Docker environment" report: DockerPostgres says it in one line instead.
        System.setProperty(PREFIX + "org.testcontainers.dockerclient", "off");
        // The container's own logger (named tc.IMAGE): pulling and starting.
        System.setProperty(PREFIX + "tc", "warn");
        // docker-java's callbacks (not shaded by Testcontainers): a stack trace at ERROR for every failed attempt of a
        // pull that Testcontainers retries ("Retrying pull for image …" stays) and then reports once, failed.
        if (System.getProperty(PREFIX + "com.github.dockerjava") == null) {
            System.setProperty(PREFIX + "com.github.dockerjava", "off");
        }
    }
}
