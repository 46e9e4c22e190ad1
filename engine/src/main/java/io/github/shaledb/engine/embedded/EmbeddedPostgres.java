package io.github.shaledb.engine.embedded;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A PostgreSQL server run from the zonky binaries archive. A persistent data directory survives
 * {@link #close()}; a temporary one is deleted. A server already running on the data directory is
 * reused and left running.
 *
 * <p>The archive is unpacked once per content hash under {@code java.io.tmpdir/shale-postgres}. When
 * the JVM runs as root the server runs as {@code nobody} (PostgreSQL refuses root), so the data
 * directory becomes nobody's; when nobody cannot enter its parents (a project folder only its owner may
 * read), the data is kept under {@code java.io.tmpdir} and the data directory links to it.
 *
 * <p>Two processes starting the same data directory take turns through a {@code <data>.lock} file;
 * the second reuses the first's server. When the first closes, it stops that server even if the
 * second still uses it: acceptable for development, where the second run then fails to connect
 * and is simply repeated. The server's output goes to {@code <data>.log} next to the data directory.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    /** Settings for development and tests: durability traded for speed, TCP only. */
    private static final List<String> SERVER_SETTINGS = List.of(
            "listen_addresses=127.0.0.1", "unix_socket_directories=", "fsync=off", "synchronous_commit=off",
            "full_page_writes=off", "max_connections=300");
    /** One lock object per data directory, since a JVM cannot take the same file lock twice. */
    private static final Map<Path, Object> STARTING = new ConcurrentHashMap<>();
    private static final String TEMPORARY_PREFIX = "shale-pgdata-";
    private static final String OWNER_SUFFIX = ".owner";
    /** Under {@code java.io.tmpdir}: data directories the server account could not reach where they were asked for. */
    private static final String RELOCATED = "shale-embedded-data";

    /**
     * @param dataDirectory persistent data directory, or null for a temporary one
     * @param binaries a jar or .txz holding {@code postgres-<platform>.txz}, or null to find it on the class path
     * @param startTimeout how long to wait for the server to accept connections
     * @param log receives the server's and the tools' output lines
     */
    public record Options(Path dataDirectory, Path binaries, Duration startTimeout, Consumer<String> log) {
    }

    private final Path dataDirectory;
    private final Path logFile;
    private final String host;
    private final int port;
    /** Null when an already running server was reused. */
    private final Process process;
    private final Path installation;
    private final ServerAccount account;
    private final boolean temporary;
    private final Consumer<String> log;
    /** A temporary server's claim on its data directory, held while it runs. */
    private Owner owner;
    private boolean closed;

    private EmbeddedPostgres(Path dataDirectory, Path logFile, String host, int port, Process process,
                             Path installation, ServerAccount account, boolean temporary, Consumer<String> log) {
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.host = host;
        this.port = port;
        this.process = process;
        this.installation = installation;
        this.account = account;
        this.temporary = temporary;
        this.log = log;
    }

    public static EmbeddedPostgres start(Options options) throws ShaleException {
        Consumer<String> log = options.log() == null ? line -> { } : options.log();
        Duration timeout = options.startTimeout() == null ? DEFAULT_START_TIMEOUT : options.startTimeout();
        ServerAccount account = ServerAccount.current();
        Path installation = PostgresBinaries.install(options.binaries(), log);
        Launcher launcher = new Launcher(installation, account, timeout, log);
        if (options.dataDirectory() == null) {
            Owner owner = launcher.createTemporaryDirectory();
            try {
                EmbeddedPostgres server = launcher.start(owner.data(), true);
                server.owner = owner;
                return server;
            } catch (ShaleException | RuntimeException e) {
                launcher.deleteQuietly(owner.data());
                owner.release();
                throw e;
            }
        }
        Path data = options.dataDirectory().toAbsolutePath().normalize();
        Path lockFile = data.resolveSibling(data.getFileName() + ".lock");
        synchronized (STARTING.computeIfAbsent(lockFile, key -> new Object())) {
            try {
                Files.createDirectories(data.getParent());
            } catch (IOException e) {
                throw launcher.unusableDirectory(data, e);
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Path served = launcher.reachable(data);
                EmbeddedPostgres running = launcher.findRunning(served);
                return running != null ? running : launcher.start(served, false);
            } catch (IOException e) {
                throw new EnvironmentException("Cannot lock " + lockFile + " to start PostgreSQL: " + e,
                        "check that " + data.getParent() + " is writable", e);
            }
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The superuser, {@code postgres}, who connects without a password. */
    public String user() {
        return "postgres";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** The data directory the server runs on. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether this instance found the server already running and so leaves it running on close. */
    public boolean reused() {
        return process == null;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (process == null) {
            log.accept("Leaving the PostgreSQL server on " + dataDirectory + " running: another process started it");
            return;
        }
        stop();
        if (temporary) {
            new Launcher(installation, account, DEFAULT_START_TIMEOUT, log).deleteQuietly(dataDirectory);
            try {
                Files.deleteIfExists(logFile);
            } catch (IOException e) {
                // A leftover log in the temporary directory is harmless.
            }
        }
        if (owner != null) {
            owner.release();
        }
    }

    /**
     * The claim of a running JVM on a temporary data directory {@code shale-pgdata-<n>}: a lock on the file
     * {@code shale-pgdata-<n>.owner} beside it, made and locked before the directory, held until the directory is
     * deleted. The operating system drops the lock when the JVM dies, however it dies, so a directory whose owner
     * file can be locked belongs to a run that was killed.
     */
    private record Owner(Path file, FileChannel channel, Path data) {
        /** Owner files this JVM holds: never opened a second time, since closing that would drop the lock. */
        private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

        static Owner create(Path tmp) throws IOException {
            while (true) {
                Path file = Files.createTempFile(tmp, TEMPORARY_PREFIX, OWNER_SUFFIX);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                String name = file.getFileName().toString();
                Path data = file.resolveSibling(name.substring(0, name.length() - OWNER_SUFFIX.length()));
                try {
                    if (channel.tryLock() != null) {
                        Files.createDirectory(data);
                        HELD.add(file);
                        return new Owner(file, channel, data);
                    }
                } catch (FileAlreadyExistsException e) {
                    // a directory of that name is left from elsewhere; draw another name
                }
                channel.close();
                Files.deleteIfExists(file);
            }
        }

        void release() {
            try {
                Files.deleteIfExists(file);
                channel.close();
            } catch (IOException e) {
                // The lock ends with the JVM; a leftover owner file without its directory is ignored.
            } finally {
                HELD.remove(file);
            }
        }
    }

    /**
     * Stops and deletes the temporary servers ({@code java.io.tmpdir/shale-pgdata-*}) of runs that were killed:
     * a killed JVM leaves its server running and its data directory behind. Servers of live runs, in this JVM or
     * another, and directories without an owner file (older versions, other tools) are left alone.
     *
     * @param report receives a line for each server removed
     */
    public static void removeAbandonedTemporaryServers(Consumer<String> report) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        List<Path> directories;
        try (Stream<Path> list = Files.list(tmp)) {
            directories = list.filter(p -> p.getFileName().toString().startsWith(TEMPORARY_PREFIX)
                    && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException e) {
            return;
        }
        for (Path data : directories) {
            Path ownerFile = data.resolveSibling(data.getFileName() + OWNER_SUFFIX);
            if (Owner.HELD.contains(ownerFile) || !Files.isRegularFile(ownerFile, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (FileChannel channel = FileChannel.open(ownerFile, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock == null) {
                    continue; // its run is alive
                }
                String stopped = stopOrphan(data);
                PostgresBinaries.deleteRecursively(data);
                Files.deleteIfExists(logFile(data));
                Files.deleteIfExists(ownerFile);
                report.accept("Removed the temporary PostgreSQL server of a run that was killed: " + stopped
                        + "deleted " + data);
            } catch (IOException | RuntimeException e) {
                report.accept("Could not remove " + data + ", left by a run that was killed: " + e);
            }
        }
    }

    /**
     * Stops the server running on {@code data} with a fast shutdown (its sessions are ended), for a caller that knows
     * the process that started it is gone, e.g. a build that was killed.
     *
     * @return the server's pid, or -1 when no server runs on {@code data}
     */
    public static long stopAbandoned(Path data, Consumer<String> log) throws IOException {
        PostmasterPid pid = PostmasterPid.read(data).orElse(null);
        if (pid == null || !pid.processAlive()) {
            return -1;
        }
        ProcessHandle process = ProcessHandle.of(pid.pid()).orElse(null);
        // An unknown command (another account's process) is taken for the server: the pid file is in our directory.
        if (process == null || !process.info().command().map(c -> c.endsWith("postgres")).orElse(true)) {
            return -1;
        }
        log.accept("Stopping PostgreSQL process " + pid.pid() + " on " + data + " (fast shutdown)");
        try {
            if (PostgresBinaries.isPosix(data)) {
                // SIGINT is PostgreSQL's fast shutdown; SIGTERM (destroy) would wait for the sessions of a dead build.
                new ProcessBuilder("kill", "-INT", Long.toString(pid.pid())).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } else {
                process.destroy();
            }
            process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return pid.pid();
    }

    /** Stops the server a killed run left on {@code data}, if it still runs; says what it did. */
    private static String stopOrphan(Path data) throws IOException {
        PostmasterPid pid = PostmasterPid.read(data).orElse(null);
        if (pid == null || !pid.processAlive()) {
            return "";
        }
        ProcessHandle process = ProcessHandle.of(pid.pid()).orElse(null);
        if (process == null || !process.info().command().map(c -> c.endsWith("postgres")).orElse(false)) {
            return ""; // the pid is another program's now
        }
        // SIGTERM: its clients died with the run, so the smart shutdown is immediate.
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return "stopped PostgreSQL process " + pid.pid() + ", ";
    }

    private void stop() {
        List<String> stop = List.of(installation.resolve("bin/pg_ctl").toString(), "stop", "-D",
                dataDirectory.toString(), "-m", "fast", "-W");
        try {
            Process pgCtl = new ProcessBuilder(account.command(stop)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            if (!pgCtl.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                pgCtl.destroyForcibly();
            }
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.accept("PostgreSQL did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing it");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Prepares the data directory and runs initdb and postgres on it. */
    private static final class Launcher {
        private final Path installation;
        private final ServerAccount account;
        private final Duration timeout;
        private final Consumer<String> log;

        Launcher(Path installation, ServerAccount account, Duration timeout, Consumer<String> log) {
            this.installation = installation;
            this.account = account;
            this.timeout = timeout;
            this.log = log;
        }

        Owner createTemporaryDirectory() throws ShaleException {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            checkReachable(tmp.resolve("shale-pgdata"));
            try {
                return Owner.create(tmp);
            } catch (IOException e) {
                throw new EnvironmentException("Cannot create a temporary PostgreSQL data directory in " + tmp
                        + ": " + e, "set -Djava.io.tmpdir to a writable directory", e);
            }
        }

        /** A server already serving {@code data}, or null after clearing a stale postmaster.pid. */
        EmbeddedPostgres findRunning(Path data) throws ShaleException, IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                PostmasterPid pid = PostmasterPid.read(data).orElse(null);
                if (pid == null) {
                    return null;
                }
                if (!pid.processAlive()) {
                    log.accept("Removing the stale " + pid.file() + " of PostgreSQL process " + pid.pid()
                            + ", which is gone");
                    Files.deleteIfExists(pid.file());
                    return null;
                }
                if (pid.port() > 0 && accepts(pid.host(), pid.port())) {
                    log.accept("Reusing the PostgreSQL server (pid " + pid.pid() + ") already running on " + data
                            + " at " + pid.host() + ":" + pid.port());
                    return new EmbeddedPostgres(data, logFile(data), pid.host(), pid.port(), null, installation,
                            account, false, log);
                }
                if (System.nanoTime() > deadline) {
                    throw new EnvironmentException("Process " + pid.pid() + " holds " + pid.file()
                            + " but no PostgreSQL server accepts connections on port " + pid.port(),
                            "stop that process, or delete " + pid.file() + " if it is not PostgreSQL", null);
                }
                sleep();
            }
        }

        EmbeddedPostgres start(Path data, boolean temporary) throws ShaleException {
            prepare(data);
            Path logFile = logFile(data);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initialise(data, logFile);
            }
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                long offset = size(logFile);
                long started = System.nanoTime();
                Process process = launch(data, port, logFile);
                try {
                    if (awaitReady(process, port, data, logFile, offset, attempt < 3)) {
                        forwardLog(logFile, offset);
                        log.accept("Started PostgreSQL on 127.0.0.1:" + port + " with data in " + data + " in "
                                + (System.nanoTime() - started) / 1_000_000 + " ms");
                        return new EmbeddedPostgres(data, logFile, "127.0.0.1", port, process, installation,
                                account, temporary, log);
                    }
                } catch (ShaleException | RuntimeException e) {
                    process.destroyForcibly();
                    throw e;
                }
                log.accept("Port " + port + " was taken meanwhile; retrying on another one");
            }
        }

        private void prepare(Path data) throws ShaleException {
            checkReachable(data);
            try {
                if (!Files.exists(data)) {
                    Files.createDirectories(data.getParent());
                    Files.createDirectory(data);
                } else if (!Files.isDirectory(data)) {
                    throw new ConfigurationException("db.url", "The embedded data directory " + data
                            + " is a file", "choose a directory, e.g. -Ddb.url=embedded:target/shale/postgres");
                } else if (!isEmpty(data) && !Files.exists(data.resolve("PG_VERSION"))) {
                    throw new ConfigurationException("db.url", "The embedded data directory " + data
                            + " is neither empty nor a PostgreSQL data directory",
                            "choose an empty or new directory, e.g. -Ddb.url=embedded:target/shale/postgres");
                }
                if (PostgresBinaries.isPosix(data)) {
                    // The server refuses data directories that others can read.
                    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
                }
                if (!account.owns(data) || isEmpty(data)) {
                    account.takeOwnership(data);
                }
            } catch (IOException e) {
                throw unusableDirectory(data, e);
            }
        }

        /**
         * The directory the server runs on for the data directory {@code data}: {@code data} itself, unless the server
         * runs as another account (the JVM runs as root) that cannot reach it, as in a project folder only its owner
         * may enter. The data then lives in {@code java.io.tmpdir/shale-embedded-data/<name>-<hash of data>}, and
         * {@code data} becomes a symbolic link to it: the link is the user's handle, so {@code mvn clean} (which
         * deletes it) starts the next run from an empty database, as it does where no link is needed.
         */
        Path reachable(Path data) throws ShaleException, IOException {
            if (!account.switchesUser()) {
                return data;
            }
            if (Files.isSymbolicLink(data)) {
                return data.resolveSibling(Files.readSymbolicLink(data)).normalize();
            }
            Path blocked = account.firstUnreachable(data.getParent());
            if (blocked == null) {
                return data;
            }
            if (Files.exists(data) && !(Files.isDirectory(data) && isEmpty(data))) {
                throw new ConfigurationException("db.url", "PostgreSQL refuses to run as root, so Shale runs the"
                        + " embedded server as '" + ServerAccount.SWITCHED_USER + "', who cannot reach " + data + " ("
                        + blocked + " is closed to it), and " + data + " already holds files",
                        "delete " + data + " (e.g. mvn clean) to let Shale keep the data where '"
                                + ServerAccount.SWITCHED_USER + "' can reach it, or choose a data directory it can"
                                + " reach, e.g. -Ddb.url=embedded:/tmp/shale-data");
            }
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            Path home = tmp.resolve(RELOCATED);
            checkReachable(home.resolve("x"));
            Files.createDirectories(home);
            if (PostgresBinaries.isPosix(home)) {
                // The server account passes through, and nobody lists which projects keep data here.
                Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
            }
            Path served = home.resolve(data.getFileName() + "-" + PostgresBinaries.sha256Hex(data.toString())
                    .substring(0, 16));
            if (Files.exists(served) && findRunning(served) == null) {
                // Left by a data directory whose link was deleted (mvn clean): start from an empty database.
                deleteQuietly(served);
            }
            Files.deleteIfExists(data);
            Files.createSymbolicLink(data, served);
            log.accept("PostgreSQL refuses to run as root, so the embedded server runs as '" + ServerAccount.SWITCHED_USER
                    + "', who cannot reach " + data + " (" + blocked + " is closed to it): its data is kept in " + served
                    + ", and " + data + " links to it");
            return served;
        }

        /** The directory's parents must let the server account in; the directory itself becomes that account's. */
        void checkReachable(Path directory) throws ConfigurationException {
            Path blocked;
            try {
                blocked = directory.getParent() == null ? null : account.firstUnreachable(directory.getParent());
            } catch (IOException e) {
                throw unusableDirectory(directory, e);
            }
            if (blocked != null) {
                throw new ConfigurationException("db.url", "PostgreSQL refuses to run as root, so Shale runs the"
                        + " embedded server as '" + ServerAccount.SWITCHED_USER + "', who cannot reach " + directory
                        + " (" + blocked + " is closed to it)",
                        "choose a data directory '" + ServerAccount.SWITCHED_USER + "' can reach, e.g."
                                + " -Ddb.url=embedded:/tmp/shale-data, or run Maven as a non-root user");
            }
        }

        ConfigurationException unusableDirectory(Path data, IOException e) {
            return new ConfigurationException("db.url", "Cannot use " + data + " as the embedded data directory: "
                    + e, "choose a writable directory, e.g. -Ddb.url=embedded:target/shale/postgres", e);
        }

        /**
         * Copies a cluster initialised once per installation (initdb costs seconds, a copy a fraction),
         * so every new data directory starts from the same freshly initdb'd state.
         */
        private void initialise(Path data, Path logFile) throws ShaleException {
            long started = System.nanoTime();
            Path template = installation.resolveSibling(installation.getFileName() + "-initdb");
            try {
                if (!Files.exists(template.resolve("PG_VERSION"))) {
                    Path staging = Files.createTempDirectory(installation.getParent(), template.getFileName() + ".staging-");
                    try {
                        account.takeOwnership(staging);
                        initdb(staging, logFile);
                        Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                        // Another process initialised the template first; use theirs.
                    } finally {
                        deleteQuietly(staging);
                    }
                }
                copyTree(template, data);
                account.takeOwnership(data);
            } catch (IOException e) {
                throw new EnvironmentException("Cannot initialise " + data + " from " + template + ": " + e,
                        "check free disk space; delete " + template + " to initialise it again", e);
            }
            log.accept("Initialised " + data + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }

        private static void copyTree(Path source, Path target) throws IOException {
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Path copy = target.resolve(source.relativize(path).toString());
                    if (!path.equals(source)) {
                        Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
        }

        private void initdb(Path data, Path logFile) throws ShaleException {
            long started = System.nanoTime();
            List<String> command = List.of(binary("initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                    "--locale=C", "--no-sync", "-D", data.toString());
            List<String> output = new ArrayList<>();
            int exit;
            try {
                Process initdb = processBuilder(command).redirectErrorStream(true).start();
                try (var reader = initdb.inputReader(StandardCharsets.UTF_8)) {
                    reader.lines().forEach(output::add);
                }
                exit = initdb.waitFor();
                Files.write(logFile, output, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new EnvironmentException("Cannot run " + command.get(0) + ": " + e,
                        "check that " + installation + " holds complete binaries; delete it to unpack again", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("Interrupted while initialising " + data, null, e);
            }
            output.forEach(log);
            if (exit != 0) {
                throw new EnvironmentException("initdb failed on " + data + " (exit " + exit + "):"
                        + System.lineSeparator() + String.join(System.lineSeparator(), output),
                        "see the output above; an empty or new data directory is needed", null);
            }
            log.accept("Ran initdb on " + data + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }

        private Process launch(Path data, int port, Path logFile) throws EnvironmentException {
            List<String> command = new ArrayList<>(List.of(binary("postgres"), "-D", data.toString(),
                    "-p", Integer.toString(port)));
            for (String setting : SERVER_SETTINGS) {
                command.add("-c");
                command.add(setting);
            }
            try {
                return processBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            } catch (IOException e) {
                throw new EnvironmentException("Cannot run " + command.get(0) + ": " + e,
                        "check that " + installation + " holds complete binaries; delete it to unpack again", e);
            }
        }

        /** True once the server accepts connections; false if it lost the race for its port and may retry. */
        private boolean awaitReady(Process process, int port, Path data, Path logFile, long offset,
                                   boolean mayRetry) throws ShaleException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String output = readLog(logFile, offset);
                    if (mayRetry && (output.contains("could not bind") || output.contains("already in use"))) {
                        return false;
                    }
                    forwardLog(logFile, offset);
                    throw new EnvironmentException("PostgreSQL on " + data + " exited with code "
                            + process.exitValue() + " while starting:" + System.lineSeparator() + output.strip(),
                            "see the server log " + logFile, null);
                }
                if (accepts("127.0.0.1", port)) {
                    return true;
                }
                sleep();
            }
            forwardLog(logFile, offset);
            throw new EnvironmentException("PostgreSQL on " + data + " did not accept connections within "
                    + timeout.toSeconds() + " s", "see the server log " + logFile
                    + "; a slow machine may need a longer start timeout", null);
        }

        private ProcessBuilder processBuilder(List<String> command) {
            ProcessBuilder builder = new ProcessBuilder(account.command(command)).directory(installation.toFile());
            builder.environment().put("LC_ALL", "C");
            return builder;
        }

        private String binary(String name) {
            String suffix = PostgresBinaries.operatingSystem().equals("windows") ? ".exe" : "";
            return installation.resolve("bin").resolve(name + suffix).toString();
        }

        private void forwardLog(Path logFile, long offset) {
            readLog(logFile, offset).lines().forEach(log);
        }

        void deleteQuietly(Path data) {
            try {
                PostgresBinaries.deleteRecursively(data);
            } catch (IOException e) {
                log.accept("Could not delete the temporary data directory " + data + ": " + e);
            }
        }
    }

    static boolean accepts(String host, int port) {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        // The driver directly: DriverManager cannot see drivers in a Maven plugin's class realm.
        try (Connection connection = new org.postgresql.Driver()
                .connect("jdbc:postgresql://" + host + ":" + port + "/postgres", properties)) {
            return connection != null;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Path logFile(Path data) {
        return data.resolveSibling(data.getFileName() + ".log");
    }

    private static int freePort() throws EnvironmentException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EnvironmentException("Cannot find a free TCP port on 127.0.0.1: " + e,
                    "check the loopback network interface", e);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String readLog(Path logFile, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            file.seek(Math.min(offset, file.length()));
            byte[] bytes = new byte[(int) Math.min(file.length() - file.getFilePointer(), 1 << 20)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
