package io.github.shaledb.engine.server;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The embedded server on a data directory that survives the build (so the next build skips initialisation and only
 * recreates its database). A build claims the directory by locking {@code <data>.owner}, which holds its JVM's pid;
 * the operating system drops the lock when that JVM dies however it dies, so a server found running on a directory
 * whose owner file can be locked was left by a killed build and is stopped before a new one starts.
 */
final class EmbeddedBuildServer implements BuildServer {
    private final EmbeddedPostgres server;
    private final Path ownerFile;
    private final FileChannel ownerChannel;

    private EmbeddedBuildServer(EmbeddedPostgres server, Path ownerFile, FileChannel ownerChannel) {
        this.server = server;
        this.ownerFile = ownerFile;
        this.ownerChannel = ownerChannel;
    }

    /**
     * @param recovered receives one line when a server left by a killed build was stopped first
     */
    static EmbeddedBuildServer start(Path data, Path binaries, Consumer<String> log, Consumer<String> recovered)
            throws ShaleException {
        Path ownerFile = data.resolveSibling(data.getFileName() + ".owner");
        FileChannel channel = null;
        try {
            Files.createDirectories(data.getParent());
            channel = FileChannel.open(ownerFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            String previousOwner = new String(Files.readAllBytes(ownerFile), StandardCharsets.UTF_8).strip();
            if (lock == null) {
                throw new EnvironmentException("Another build" + (previousOwner.isEmpty() ? "" : " (process "
                        + previousOwner + ")") + " runs the PostgreSQL of db:start on " + data,
                        "wait for that build to end, or run this one in another checkout", null);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            long stale = EmbeddedPostgres.stopAbandoned(data, log);
            if (stale > 0) {
                recovered.accept("Stopped PostgreSQL (process " + stale + ") left running on " + data
                        + " by a build that was killed" + (previousOwner.isEmpty() ? "" : " (process " + previousOwner + ")"));
            }
            EmbeddedPostgres server = EmbeddedPostgres.start(new EmbeddedPostgres.Options(data, binaries, null, log));
            return new EmbeddedBuildServer(server, ownerFile, channel);
        } catch (IOException e) {
            close(channel);
            throw new EnvironmentException("Cannot claim " + ownerFile + " for db:start: " + e,
                    "check that " + data.getParent() + " is writable", e);
        } catch (ShaleException | RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    @Override
    public String host() {
        return server.host();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String user() {
        return server.user();
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    @Override
    public String description() {
        return server.host() + ":" + server.port() + " (data in " + server.dataDirectory() + ")";
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                Files.deleteIfExists(ownerFile);
            } catch (IOException e) {
                // an owner file nobody locks means nothing
            }
            close(ownerChannel);
        }
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the lock ends with the channel or the JVM
        }
    }
}
