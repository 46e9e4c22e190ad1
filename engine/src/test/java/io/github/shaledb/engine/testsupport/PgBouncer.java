package io.github.shaledb.engine.testsupport;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PgBouncer in front of the test server, in a temp directory of its own, for one test. The binary is
 * found on the PATH or in {@code /usr/sbin}; when absent and the JVM runs as root where apt-get is
 * available, it is installed ({@code apt-get install -y pgbouncer}, after {@code apt-get update} if that
 * fails). When it cannot be had, the test is skipped with the reason. Clients authenticate with
 * {@code trust}; PgBouncer logs into the server with the test server's user and password.
 */
public final class PgBouncer implements AutoCloseable {
    public enum PoolMode { SESSION, TRANSACTION }

    private static final List<Path> LOCATIONS = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"),
            Path.of("/usr/local/bin/pgbouncer"), Path.of("/usr/local/sbin/pgbouncer"));
    /** The binary, or why there is none; looked up (and installed) once per JVM. */
    private static String binary;
    private static String unavailable;

    private final Process process;
    private final Path directory;
    private final TestDatabase database;
    private final int port;

    private PgBouncer(Process process, Path directory, TestDatabase database, int port) {
        this.process = process;
        this.directory = directory;
        this.database = database;
        this.port = port;
    }

    /**
     * Starts PgBouncer for {@code database} in {@code mode} with at most {@code poolSize} server
     * connections; skips the calling test when PgBouncer cannot be had.
     */
    public static PgBouncer start(TestDatabase database, PoolMode mode, int poolSize) {
        String pgbouncer = binary();
        Assumptions.assumeTrue(pgbouncer != null, () -> "PgBouncer tests skipped: " + unavailable);
        try {
            Path directory = Files.createTempDirectory("shale-pgbouncer");
            int port = freePort();
            // PgBouncer refuses to run as root and then switches to -u's user, who must read its files.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            String password = database.password() == null ? "" : database.password();
            Path users = Files.writeString(directory.resolve("users.txt"),
                    "\"" + database.user() + "\" \"" + password.replace("\"", "\"\"") + "\"\n");
            Path ini = Files.writeString(directory.resolve("pgbouncer.ini"), """
                    [databases]
                    %s = host=%s port=%d dbname=%s

                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    auth_type = trust
                    auth_file = %s
                    pool_mode = %s
                    default_pool_size = %d
                    max_client_conn = 200
                    ignore_startup_parameters = extra_float_digits
                    server_reset_query = DISCARD ALL
                    """.formatted(database.name(), database.host(), database.port(), database.name(), port, users,
                    mode.name().toLowerCase(), poolSize));
            for (Path file : List.of(users, ini)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            List<String> command = new ArrayList<>(List.of(pgbouncer));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody"));
            }
            command.add(ini.toString());
            Path log = directory.resolve("pgbouncer.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, directory, database, port);
            bouncer.awaitListening(log);
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test database through this PgBouncer. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database.name();
    }

    public int port() {
        return port;
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        close();
        throw new IllegalStateException("PgBouncer did not listen on port " + port + " within 10 s:\n" + Files.readString(log));
    }

    private static synchronized String binary() {
        if (binary != null || unavailable != null) {
            return binary;
        }
        binary = find();
        if (binary == null) {
            unavailable = install();
            binary = unavailable == null ? find() : null;
            if (binary == null && unavailable == null) {
                unavailable = "apt-get installed pgbouncer, but no pgbouncer binary is on the PATH or in /usr/sbin";
            }
        }
        return binary;
    }

    private static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "pgbouncer"))) {
                return Path.of(dir, "pgbouncer").toString();
            }
        }
        return LOCATIONS.stream().filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    }

    /** Installs the Debian package; null when done, else why not. */
    private static String install() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "pgbouncer is not installed and the tests do not run as root to install it (apt-get install pgbouncer)";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            return "pgbouncer is not installed and there is no apt-get to install it";
        }
        String first = run("apt-get", "install", "-y", "-q", "pgbouncer");
        if (first == null) {
            return null;
        }
        String update = run("apt-get", "update", "-q");
        String second = update == null ? run("apt-get", "install", "-y", "-q", "pgbouncer") : update;
        return second == null ? null : "pgbouncer is not installed and 'apt-get install -y pgbouncer' failed: " + second;
    }

    /** Runs a command; null when it succeeds, else the end of its output. */
    private static String run(String... command) {
        try {
            Path output = Files.createTempFile("shale-apt", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish within 5 minutes";
            }
            String text = Files.readString(output);
            Files.deleteIfExists(output);
            return process.exitValue() == 0 ? null : text.substring(Math.max(0, text.length() - 600)).strip();
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops PgBouncer (its server connections close with it) and removes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
