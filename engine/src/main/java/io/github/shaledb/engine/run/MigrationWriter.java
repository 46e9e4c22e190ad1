package io.github.shaledb.engine.run;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.MigrationFileException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes new migration folders and their journal entries so that a failure leaves nothing half-written:
 * the files go to temporary folders beside the others, which are moved into place, then the journal
 * is replaced by a complete new copy.
 */
final class MigrationWriter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Drizzle-kit's journal layout: two-space indent, {@code "key": value}. */
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private MigrationWriter() {
    }

    /** One migration folder to write: {@code files} maps file names to their text. */
    record Folder(String tag, int idx, long when, Map<String, String> files) {
    }

    /**
     * @param files   file name to text, written into the folder {@code root/tag}
     * @param journal whether to append an entry to {@code meta/_journal.json} (not for the journal-less layout)
     */
    static Path write(Path root, String tag, int idx, long when, Map<String, String> files, boolean journal)
            throws EnvironmentException, MigrationFileException {
        return write(root, List.of(new Folder(tag, idx, when, files)), journal).get(0);
    }

    /**
     * Writes the folders, in order, and their journal entries: all of them or, on a failure, none. Each folder is
     * written to a temporary folder beside the others and moved into place; the journal is replaced last.
     */
    static List<Path> write(Path root, List<Folder> folders, boolean journal)
            throws EnvironmentException, MigrationFileException {
        for (Folder f : folders) {
            Path target = root.resolve(f.tag());
            if (Files.exists(target)) {
                throw alreadyExists(target);
            }
        }
        Path journalFile = root.resolve("meta/_journal.json");
        String journalText = null;
        if (journal) {
            for (Folder f : folders) {
                journalText = appendEntry(journalFile, journalText, f.idx(), f.when(), f.tag());
            }
        }
        List<Path> temps = new ArrayList<>();
        List<Path> moved = new ArrayList<>();
        Path current = root;
        try {
            Files.createDirectories(root);
            for (Folder f : folders) {
                current = root.resolve(f.tag());
                Path temp = Files.createTempDirectory(root, ".shale-" + f.tag() + "-");
                temps.add(temp);
                for (Map.Entry<String, String> file : f.files().entrySet()) {
                    Files.writeString(temp.resolve(file.getKey()), file.getValue());
                }
            }
            Path journalTemp = null;
            if (journal) {
                Files.createDirectories(journalFile.getParent());
                journalTemp = Files.createTempFile(journalFile.getParent(), "._journal", ".json");
                Files.writeString(journalTemp, journalText);
            }
            for (int i = 0; i < folders.size(); i++) {
                current = root.resolve(folders.get(i).tag());
                move(temps.get(i), current);
                moved.add(current);
            }
            temps.clear();
            if (journal) {
                try {
                    move(journalTemp, journalFile);
                } catch (IOException e) {
                    Files.deleteIfExists(journalTemp);
                    throw e;
                }
            }
            List<Path> written = List.copyOf(moved);
            moved.clear();
            return written;
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(current);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the migration " + current + ": " + e,
                    "check that " + root + " is writable; nothing was written", e);
        } finally {
            temps.forEach(MigrationWriter::deleteTree);
            moved.forEach(MigrationWriter::deleteTree);
        }
    }

    private static MigrationFileException alreadyExists(Path target) {
        return new MigrationFileException(target, target + " already exists.",
                "choose another name with -Ddb.name, or remove the folder if it is left from an earlier attempt");
    }

    /** The journal's new text with the entry appended; a missing journal is created. */
    static String appendEntry(Path journalFile, int idx, long when, String tag) throws MigrationFileException {
        return appendEntry(journalFile, null, idx, when, tag);
    }

    /** {@code text} (the journal as already extended; null: as on disk) with one more entry. */
    private static String appendEntry(Path journalFile, String text, int idx, long when, String tag)
            throws MigrationFileException {
        ObjectNode doc;
        if (text != null || Files.exists(journalFile)) {
            try {
                JsonNode read = JSON.readTree(text != null ? text : Files.readString(journalFile));
                if (!(read instanceof ObjectNode o) || !(o.get("entries") instanceof ArrayNode)) {
                    throw new MigrationFileException(journalFile, journalFile + " has no \"entries\" array.",
                            "restore it from version control");
                }
                doc = o;
            } catch (IOException e) {
                throw new MigrationFileException(journalFile, journalFile + " cannot be read: " + e.getMessage(),
                        "restore it from version control", e);
            }
        } else {
            doc = JSON.createObjectNode();
            doc.put("version", "7");
            doc.put("dialect", "postgresql");
            doc.putArray("entries");
        }
        ObjectNode entry = ((ArrayNode) doc.get("entries")).addObject();
        entry.put("idx", idx);
        entry.put("version", "7");
        entry.put("when", when);
        entry.put("tag", tag);
        entry.put("breakpoints", true);
        try {
            return PRETTY.writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Best effort: what is left is a dot-folder Shale ignores.
        }
    }
}
