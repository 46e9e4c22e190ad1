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
import io.github.shaledb.engine.migrations.Layout;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes new migrations and their journal entries so that a failure leaves nothing half-written: the files go to
 * temporary dot-names beside the others (which Shale and drizzle-orm ignore), are moved into place, then the journal
 * is replaced by a complete new copy. Folders and files are created as any file the user makes (mode 0755/0644 under
 * umask 022), never as private temporary files: teammates and CI users read them after a checkout or a copy.
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
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String MIGRATION_SQL = "migration.sql";
    static final String DOWN_SQL = "down.sql";

    private MigrationWriter() {
    }

    /**
     * One migration to write: {@code files} maps the names a migration folder holds ({@code migration.sql},
     * {@code down.sql}, {@code snapshot.json}) to their text.
     */
    record Folder(String tag, int idx, long when, Map<String, String> files) {
    }

    /** Where each file of a migration goes, relative to the migrations folder, in the folder's layout. */
    static Map<String, String> placement(Layout layout, String tag, Iterable<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, layout != Layout.JOURNAL_FLAT ? tag + "/" + name : switch (name) {
                // drizzle-kit's flat layout: drizzle-orm reads only <tag>.sql of each journal entry.
                case MIGRATION_SQL -> tag + ".sql";
                case DOWN_SQL -> tag + ".down.sql";
                case Snapshots.SNAPSHOT_JSON -> "meta/" + Snapshots.flatPrefix(tag) + "_snapshot.json";
                default -> tag + "." + name;
            });
        }
        return out;
    }

    /** The files beside the migration itself, as the log names them: "down.sql and snapshot.json". */
    static String companions(Layout layout, String tag) {
        Map<String, String> placed = placement(layout, tag, List.of(DOWN_SQL, Snapshots.SNAPSHOT_JSON));
        return layout == Layout.JOURNAL_FLAT ? String.join(" and ", placed.values()) : DOWN_SQL + " and " + Snapshots.SNAPSHOT_JSON;
    }

    /** One migration; see {@link #write(Path, List, Layout)}. */
    static Path write(Path root, String tag, int idx, long when, Map<String, String> files, Layout layout)
            throws EnvironmentException, MigrationFileException {
        return write(root, List.of(new Folder(tag, idx, when, files)), layout).get(0);
    }

    /**
     * Writes the migrations, in order, and their journal entries: all of them or, on a failure, none.
     *
     * @param layout the layout of the folder as read: {@link Layout#JOURNAL_FLAT} writes drizzle-kit's flat files,
     *               {@link Layout#FOLDERS} folders without a journal, anything else Shale's folders and journal
     * @return the migration's folder, or its {@code <tag>.sql} in the flat layout
     */
    static List<Path> write(Path root, List<Folder> folders, Layout layout)
            throws EnvironmentException, MigrationFileException {
        boolean journal = layout != Layout.FOLDERS;
        boolean flat = layout == Layout.JOURNAL_FLAT;
        List<Map<String, String>> placements = new ArrayList<>();
        for (Folder f : folders) {
            Map<String, String> placed = placement(layout, f.tag(), f.files().keySet());
            placements.add(placed);
            for (Path target : flat ? placed.values().stream().map(root::resolve).toList() : List.of(root.resolve(f.tag()))) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw alreadyExists(target);
                }
            }
        }
        Path journalFile = root.resolve("meta/_journal.json");
        String journalText = null;
        if (journal) {
            for (Folder f : folders) {
                journalText = appendEntry(journalFile, journalText, f.idx(), f.when(), f.tag());
            }
        }
        // Staged path -> final path, in the order they are moved; moved ones are removed again on a failure.
        Map<Path, Path> staged = new LinkedHashMap<>();
        List<Path> moved = new ArrayList<>();
        Path current = root;
        try {
            Files.createDirectories(root);
            if (flat || journal) {
                Files.createDirectories(root.resolve("meta"));
            }
            for (int i = 0; i < folders.size(); i++) {
                Folder f = folders.get(i);
                current = root.resolve(f.tag());
                if (flat) {
                    for (Map.Entry<String, String> file : placements.get(i).entrySet()) {
                        Path target = root.resolve(file.getValue());
                        current = target;
                        staged.put(stage(target, f.files().get(file.getKey()), null), target);
                    }
                } else {
                    Path temp = Files.createDirectory(root.resolve(".shale-" + f.tag() + "-" + token()));
                    staged.put(temp, current);
                    for (Map.Entry<String, String> file : f.files().entrySet()) {
                        Files.writeString(temp.resolve(file.getKey()), file.getValue(), StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE);
                    }
                }
            }
            Path journalTemp = null;
            if (journal) {
                current = journalFile;
                journalTemp = stage(journalFile, journalText, Files.exists(journalFile) ? journalFile : null);
            }
            for (Iterator<Map.Entry<Path, Path>> it = staged.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Path, Path> e = it.next();
                current = e.getValue();
                if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(current.toString());
                }
                move(e.getKey(), current);
                it.remove();
                moved.add(current);
            }
            if (journal) {
                try {
                    move(journalTemp, journalFile);
                } catch (IOException e) {
                    Files.deleteIfExists(journalTemp);
                    throw e;
                }
            }
            moved.clear();
            List<Path> written = new ArrayList<>();
            for (Folder f : folders) {
                written.add(root.resolve(flat ? f.tag() + ".sql" : f.tag()));
            }
            return written;
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(current);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the migration " + current + ": " + e,
                    "check that " + root + " is writable; nothing was written", e);
        } finally {
            staged.keySet().forEach(MigrationWriter::deleteTree);
            moved.forEach(MigrationWriter::deleteTree);
        }
    }

    /**
     * Writes {@code text} to a new dot-file beside {@code target}, created as the user creates files (the umask
     * applies), with the permissions of {@code like} when it is given (a journal edited in place keeps its mode).
     */
    private static Path stage(Path target, String text, Path like) throws IOException {
        Path temp = target.resolveSibling(".shale-" + token() + "-" + target.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (like != null && Files.getFileAttributeView(like, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(like));
        }
        return temp;
    }

    private static String token() {
        return Long.toUnsignedString(RANDOM.nextLong(), 36);
    }

    private static MigrationFileException alreadyExists(Path target) {
        return new MigrationFileException(target, target + " already exists.",
                "choose another name with -Ddb.name, or remove it if it is left from an earlier attempt");
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
