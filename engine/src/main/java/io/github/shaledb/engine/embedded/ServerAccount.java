package io.github.shaledb.engine.embedded;

import io.github.shaledb.engine.api.EnvironmentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The operating-system account that runs initdb and postgres. PostgreSQL refuses to run as root,
 * so a JVM running as root hands the server to {@code nobody}; any other user runs it as itself.
 */
final class ServerAccount {
    static final String SWITCHED_USER = "nobody";

    private static volatile ServerAccount current;

    private final int uid;
    private final int gid;
    /** Command prefix that switches to {@link #uid}; empty when no switch is needed. */
    private final List<String> switchPrefix;

    private ServerAccount(int uid, int gid, List<String> switchPrefix) {
        this.uid = uid;
        this.gid = gid;
        this.switchPrefix = switchPrefix;
    }

    static ServerAccount current() throws EnvironmentException {
        ServerAccount account = current;
        if (account == null) {
            account = isRoot() ? nobody() : new ServerAccount(-1, -1, List.of());
            current = account;
        }
        return account;
    }

    boolean switchesUser() {
        return !switchPrefix.isEmpty();
    }

    /** {@code command} as the server account runs it. */
    List<String> command(List<String> command) {
        if (switchPrefix.isEmpty()) {
            return command;
        }
        if (!switchPrefix.get(0).endsWith("su")) {
            List<String> result = new ArrayList<>(switchPrefix);
            result.addAll(command);
            return result;
        }
        String shellCommand = command.stream().map(ServerAccount::shellQuote).collect(Collectors.joining(" "));
        return List.of(switchPrefix.get(0), "-s", "/bin/sh", SWITCHED_USER, "-c", "exec " + shellCommand);
    }

    /** Makes {@code directory} and everything in it the server account's. */
    void takeOwnership(Path directory) throws IOException {
        if (!switchesUser()) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    boolean owns(Path path) throws IOException {
        return !switchesUser() || ((Integer) Files.getAttribute(path, "unix:uid")) == uid;
    }

    /** The first existing directory on the way to {@code target} that the server account cannot enter, or null. */
    Path firstUnreachable(Path target) throws IOException {
        if (!switchesUser()) {
            return null;
        }
        Path absolute = target.toAbsolutePath().normalize();
        for (int i = 0; i <= absolute.getNameCount(); i++) {
            Path directory = i == 0 ? absolute.getRoot() : absolute.getRoot().resolve(absolute.subpath(0, i));
            if (!Files.isDirectory(directory)) {
                return null;
            }
            if (!canEnter(directory)) {
                return directory;
            }
        }
        return null;
    }

    private boolean canEnter(Path directory) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        if ((Integer) Files.getAttribute(directory, "unix:uid") == uid) {
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE);
        }
        if ((Integer) Files.getAttribute(directory, "unix:gid") == gid) {
            return permissions.contains(PosixFilePermission.GROUP_EXECUTE);
        }
        return permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
    }

    private static boolean isRoot() {
        try {
            Class<?> unixSystem = Class.forName("com.sun.security.auth.module.UnixSystem");
            Object system = unixSystem.getConstructor().newInstance();
            return ((Long) unixSystem.getMethod("getUid").invoke(system)) == 0L;
        } catch (ReflectiveOperationException | LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static ServerAccount nobody() throws EnvironmentException {
        int uid = Integer.parseInt(run(List.of("id", "-u", SWITCHED_USER)));
        int gid = Integer.parseInt(run(List.of("id", "-g", SWITCHED_USER)));
        List<String> prefix;
        if (onPath("setpriv")) {
            prefix = List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
        } else if (onPath("runuser")) {
            prefix = List.of("runuser", "-u", SWITCHED_USER, "--");
        } else if (onPath("su")) {
            prefix = List.of("su");
        } else {
            throw new EnvironmentException("PostgreSQL refuses to run as root, and neither setpriv, runuser nor su"
                    + " is available to run it as '" + SWITCHED_USER + "'",
                    "install util-linux, or run Maven as a non-root user", null);
        }
        return new ServerAccount(uid, gid, prefix);
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
        return Stream.of(path.split(":")).filter(s -> !s.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String run(List<String> command) throws EnvironmentException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0 || !output.matches("\\d+")) {
                throw new IOException(String.join(" ", command) + " said: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new EnvironmentException("PostgreSQL refuses to run as root, and the user '" + SWITCHED_USER
                    + "' to run it as was not found: " + e.getMessage(), "run Maven as a non-root user", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while looking up the user '" + SWITCHED_USER + "'", null, e);
        }
    }

    private static String shellQuote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
