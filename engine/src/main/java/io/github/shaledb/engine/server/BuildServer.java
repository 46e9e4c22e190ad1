package io.github.shaledb.engine.server;

/**
 * A PostgreSQL server started for a build's integration tests by {@code db:start} and stopped by {@code db:stop} (or
 * when the build's JVM ends). Each kind of server ({@code embedded}, {@code docker:IMAGE}) implements it, and
 * {@link BuildServers#open} is the one place that picks the kind.
 */
public interface BuildServer extends AutoCloseable {
    String host();

    int port();

    /** A user allowed to create databases. */
    String user();

    /** Empty when the server needs none. */
    String password();

    String jdbcUrl(String database);

    /** Where it runs, for messages: {@code 127.0.0.1:5432 (data in …)}. */
    String description();

    /** Where to look when the server misbehaves, as a fix line. */
    default String whereToLook() {
        return "see the server log beside its data directory";
    }

    /** Stops the server (fast shutdown: open sessions are ended). */
    @Override
    void close();
}
