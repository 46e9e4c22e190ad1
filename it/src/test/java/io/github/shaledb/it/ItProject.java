package io.github.shaledb.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A copy of one project from src/it (or of one of the repository's examples/), under target/it-work, with
 * {@code @project.version@} filled in.
 */
final class ItProject {
    private static final Path SOURCES = Path.of(System.getProperty("it.projects"));
    private static final Path EXAMPLES = Path.of(System.getProperty("it.examples"));
    private static final Path WORK = Path.of(System.getProperty("it.work"));
    private static final AtomicInteger COPIES = new AtomicInteger();

    final Path dir;

    private ItProject(Path dir) {
        this.dir = dir;
    }

    static ItProject copy(String name) throws IOException {
        return copy(SOURCES.resolve(name), name);
    }

    /** A copy of examples/{@code name} as a user would check it out: without what a local build left in target/. */
    static ItProject example(String name) throws IOException {
        return copy(EXAMPLES.resolve(name), "example-" + name);
    }

    private static ItProject copy(Path source, String name) throws IOException {
        Path target = WORK.resolve(name + "-" + COPIES.incrementAndGet());
        deleteTree(target); // left by an earlier run without mvn clean
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files.filter(f -> !isBuildOutput(source, f))::iterator) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else if (file.getFileName().toString().equals("pom.xml")) {
                    Files.writeString(to, Files.readString(file)
                            .replace("@project.version@", System.getProperty("shale.version")));
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return new ItProject(target);
    }

    private static boolean isBuildOutput(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    MavenBuild mvn(String... goals) {
        return MavenBuild.in(dir).goals(goals);
    }

    Path migrations() {
        return dir.resolve("src/main/db/migrations");
    }

    Path path(String relative) {
        return dir.resolve(relative);
    }

    /** SHA-256 hex of a file's text, as Drizzle hashes migration.sql. */
    static String sha256(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Files.readString(file).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
