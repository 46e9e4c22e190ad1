package io.github.shaledb.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a migrations folder in Shale's layout (journal + one folder per migration) for a test. */
final class MigrationsFolder {
    private final Path root;
    private final List<String> entries = new ArrayList<>();

    MigrationsFolder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Adds migration {@code NNNN_name} with its up and (when not null) down script, and rewrites the journal. */
    MigrationsFolder add(String name, String up, String down) {
        int idx = entries.size();
        String tag = String.format("%04d_%s", idx, name);
        try {
            Path folder = Files.createDirectories(root.resolve(tag));
            Files.writeString(folder.resolve("migration.sql"), up);
            if (down != null) {
                Files.writeString(folder.resolve("down.sql"), down);
            }
            entries.add("{\"idx\":" + idx + ",\"version\":\"7\",\"when\":" + (1700000000000L + idx * 1000L)
                    + ",\"tag\":\"" + tag + "\",\"breakpoints\":true}");
            writeJournal();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Removes the newest migration's folder and journal entry: the checkout of the release before it. */
    MigrationsFolder removeLast() {
        try {
            Path folder = root.resolve(tag(entries.size() - 1));
            try (var files = Files.walk(folder)) {
                for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
            entries.remove(entries.size() - 1);
            writeJournal();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path file(int idx, String name) {
        return root.resolve(tag(idx)).resolve(name);
    }

    String tag(int idx) {
        String entry = entries.get(idx);
        int start = entry.indexOf("\"tag\":\"") + 7;
        return entry.substring(start, entry.indexOf('"', start));
    }

    void write(int idx, String name, String text) {
        try {
            Files.writeString(file(idx, name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeJournal() throws IOException {
        Files.createDirectories(root.resolve("meta"));
        Files.writeString(root.resolve("meta/_journal.json"),
                "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[" + String.join(",", entries) + "]}");
    }
}
