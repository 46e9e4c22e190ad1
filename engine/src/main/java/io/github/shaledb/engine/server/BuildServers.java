package io.github.shaledb.engine.server;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.ShaleException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The servers {@code db:start} runs in this JVM, by key (the kind and the data directory), so that the modules of one
 * build (also under {@code -T}) find a shared server, {@code db:stop} finds what to stop, and a JVM shutdown hook stops
 * whatever is left when the build ends early (a failing goal, Ctrl-C).
 */
public final class BuildServers {
    /** Guarded by itself. */
    private static final Map<String, Entry> RUNNING = new HashMap<>();
    /** One lock per key: modules starting different servers do so in parallel. */
    private static final Map<String, Object> STARTING = new ConcurrentHashMap<>();
    private static Thread shutdownHook;

    /** Resolves the embedded server's binaries, only when an embedded server is started. */
    @FunctionalInterface
    public interface Binaries {
        Path resolve() throws ShaleException;
    }

    /** A server acquired for one module: the server, whether it was already running, and what was recovered. */
    public record Lease(BuildServer server, boolean joined, String recovered) {
    }

    private static final class Entry {
        final BuildServer server;
        final int expected;
        final Set<String> databases = new HashSet<>();
        /** Where the shutdown hook says what it stops. */
        final Consumer<String> log;
        int starts = 1;
        int stops;

        Entry(BuildServer server, int expected, Consumer<String> log) {
            this.server = server;
            this.expected = Math.max(1, expected);
            this.log = log;
        }

        int remaining() {
            return Math.max(expected, starts) - stops;
        }
    }

    private BuildServers() {
    }

    /** The key of the server of {@code kind} on {@code data}. */
    public static String key(String kind, Path data) {
        return kind + " " + data;
    }

    /** The lock under which a module acquires the server of {@code key} and creates its database. */
    public static Object lock(String key) {
        return STARTING.computeIfAbsent(key, k -> new Object());
    }

    /**
     * The running server of {@code key}, joined, or a new one. Call under {@link #lock(String)}.
     *
     * @param users how many releases the server waits for (the modules that will start it); a join beyond that
     *              counts one more
     * @param database the database this module uses; a second module asking for the same one is refused
     */
    public static Lease acquire(String key, String kind, Path data, int users, String database, Binaries binaries,
                                Consumer<String> log, Consumer<String> report) throws ShaleException {
        Entry entry;
        synchronized (RUNNING) {
            entry = RUNNING.get(key);
            if (entry != null) {
                if (!entry.databases.add(database)) {
                    throw new ConfigurationException("db.start.database", "Two modules of this build use the database "
                            + database + " on the shared server of db:start, and each start recreates it",
                            "give each module its own <database> (-Ddb.start.database) in the db:start configuration");
                }
                entry.starts++;
                return new Lease(entry.server, true, null);
            }
        }
        String[] recovered = new String[1];
        BuildServer server = open(kind, data, binaries, log, line -> recovered[0] = line);
        synchronized (RUNNING) {
            entry = new Entry(server, users, report);
            entry.databases.add(database);
            RUNNING.put(key, entry);
            if (shutdownHook == null) {
                shutdownHook = new Thread(BuildServers::stopAll, "shale-db-stop");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        }
        return new Lease(server, false, recovered[0]);
    }

    /**
     * Starts a server of {@code kind}: the one place where a kind of server plugs in.
     */
    static BuildServer open(String kind, Path data, Binaries binaries, Consumer<String> log, Consumer<String> recovered)
            throws ShaleException {
        if (kind.equals("embedded")) {
            return EmbeddedBuildServer.start(data, binaries.resolve(), log, recovered);
        }
        if (kind.startsWith(DockerBuildServer.PREFIX)) {
            return DockerBuildServer.start(kind, log);
        }
        throw new ConfigurationException("db.start.server", "db.start.server=" + kind
                + " is not a kind of server db:start knows", "use embedded (the default) or docker:IMAGE, e.g."
                + " docker:postgres:17");
    }

    /** Forgets a module's database after its start failed past {@link #acquire}, so that a retry may use it. */
    public static void forget(String key, String database) {
        synchronized (RUNNING) {
            Entry entry = RUNNING.get(key);
            if (entry != null) {
                entry.databases.remove(database);
            }
        }
    }

    /**
     * One module is done with the server of {@code key}: it stops once every module that started it is done.
     *
     * @return null when no server of {@code key} runs; else the server and how many modules still use it
     */
    public static Released release(String key) {
        Entry entry;
        synchronized (RUNNING) {
            entry = RUNNING.get(key);
            if (entry == null) {
                return null;
            }
            entry.stops++;
            if (entry.remaining() > 0) {
                return new Released(entry.server.description(), false, entry.remaining());
            }
            RUNNING.remove(key);
        }
        entry.server.close();
        return new Released(entry.server.description(), true, 0);
    }

    /** What {@link #release} did. */
    public record Released(String description, boolean stopped, int remaining) {
    }

    /** Stops every server still running: the build ended without reaching db:stop. */
    static void stopAll() {
        List<Entry> left;
        synchronized (RUNNING) {
            left = new ArrayList<>(RUNNING.values());
            RUNNING.clear();
        }
        for (Entry entry : left) {
            try {
                entry.log.accept("Stopping the PostgreSQL of db:start at " + entry.server.description()
                        + ": the build ended before db:stop");
            } catch (RuntimeException e) {
                // the build's log may be closed by now
            }
            entry.server.close();
        }
    }
}
