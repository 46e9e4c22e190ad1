package io.github.shaledb.engine.server;

import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.container.DockerPostgres;

import java.util.function.Consumer;

/**
 * {@code db.start.server=docker:IMAGE}: a container of the production image, started through Testcontainers, that
 * lives until {@code db:stop} or the end of the build's JVM. Nothing of it survives the build: should the JVM be
 * killed, Testcontainers' reaper (Ryuk) removes the container, so the next build has nothing to recover.
 */
final class DockerBuildServer implements BuildServer {
    static final String PREFIX = "docker:";

    private final DockerPostgres container;

    private DockerBuildServer(DockerPostgres container) {
        this.container = container;
    }

    /** @param kind {@code docker:IMAGE}, as given in {@code db.start.server} */
    static DockerBuildServer start(String kind, Consumer<String> log) throws ShaleException {
        return new DockerBuildServer(DockerPostgres.start(kind.substring(PREFIX.length()), "db.start.server", log));
    }

    @Override
    public String host() {
        return container.host();
    }

    @Override
    public int port() {
        return container.port();
    }

    @Override
    public String user() {
        return container.user();
    }

    @Override
    public String password() {
        return container.password();
    }

    @Override
    public String jdbcUrl(String database) {
        return container.jdbcUrl(database);
    }

    @Override
    public String description() {
        return container.host() + ":" + container.port() + " (container " + container.image() + ")";
    }

    @Override
    public String whereToLook() {
        return "see the container's log (docker logs, while the build runs)";
    }

    @Override
    public void close() {
        container.close();
    }
}
