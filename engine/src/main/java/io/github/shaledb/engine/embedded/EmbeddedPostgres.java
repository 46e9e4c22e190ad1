package io.github.shaledb.engine.embedded;

import io.github.shaledb.engine.ShaleException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A PostgreSQL server run from the zonky binaries archive. A persistent data directory survives
 * {@link #close()}; a temporary one is deleted. A server already running on the data directory is
 * reused and left running.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    /**
     * @param dataDirectory persistent data directory, or null for a temporary one
     * @param binaries a jar or .txz holding {@code postgres-<platform>.txz}, or null to find it on the class path
     * @param startTimeout how long to wait for the server to accept connections
     * @param log receives the server's and the tools' output lines
     */
    public record Options(Path dataDirectory, Path binaries, Duration startTimeout, Consumer<String> log) {
    }

    public static EmbeddedPostgres start(Options options) throws ShaleException {
        throw new UnsupportedOperationException("TODO");
    }

    public String host() {
        throw new UnsupportedOperationException("TODO");
    }

    public int port() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The superuser, {@code postgres}, who connects without a password. */
    public String user() {
        return "postgres";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO");
    }
}
