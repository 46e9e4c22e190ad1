package io.github.shaledb.engine.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server's {@code postmaster.pid}: pid on line 1, port on line 4, first listen address on line 6.
 * The server writes it in steps while starting, so missing lines are tolerated.
 */
record PostmasterPid(Path file, long pid, int port, String listenAddress) {

    static Optional<PostmasterPid> read(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        long pid = lines.isEmpty() ? -1 : parse(lines.get(0));
        int port = lines.size() < 4 ? -1 : (int) parse(lines.get(3));
        String address = lines.size() < 6 ? "" : lines.get(5).trim();
        return Optional.of(new PostmasterPid(file, pid, port, address));
    }

    boolean processAlive() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The address to connect to: the one the server listens on, unless it listens on all of them. */
    String host() {
        return listenAddress.isEmpty() || listenAddress.equals("*") || listenAddress.equals("0.0.0.0")
                || listenAddress.equals("::") ? "127.0.0.1" : listenAddress;
    }

    private static long parse(String line) {
        try {
            return Long.parseLong(line.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
