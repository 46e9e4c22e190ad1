package io.github.shaledb.engine.migrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.sql.SqlScript;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** A migrations folder, read and checked once. */
public final class MigrationDirectory {

    static final String JOURNAL = "meta/_journal.json";
    static final String MIGRATION_SQL = "migration.sql";
    static final String DOWN_SQL = "down.sql";

    private static final Pattern TIMESTAMP_FOLDER = Pattern.compile("(\\d{14})_.+");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);

    private final Path root;
    private final Layout layout;
    private final List<Migration> migrations;
    private final Map<String, Migration> byTag;

    private MigrationDirectory(Path root, Layout layout, List<Migration> migrations) {
        this.root = root;
        this.layout = layout;
        this.migrations = List.copyOf(migrations);
        this.byTag = new HashMap<>();
        for (Migration m : this.migrations) {
            byTag.put(m.tag(), m);
        }
    }

    public static MigrationDirectory read(Path root) throws MigrationFileException {
        if (!Files.isDirectory(root)) {
            return new MigrationDirectory(root, Layout.EMPTY, List.of());
        }
        Path journal = root.resolve(JOURNAL);
        byte[] journalBytes = readIfExists(journal);
        if (journalBytes != null) {
            return readJournal(root, journal, journalBytes);
        }
        return readFolders(root, journal);
    }

    public Path root() {
        return root;
    }

    public Layout layout() {
        return layout;
    }

    /** In journal order (idx), or folder-name order for the journal-less layout. */
    public List<Migration> migrations() {
        return migrations;
    }

    public Optional<Migration> find(String tag) {
        return Optional.ofNullable(byTag.get(tag));
    }

    /** The down script's text, or null when there is none or it has no statement (stored with the tracking row). */
    public String downIfPresent(Migration migration) throws MigrationFileException {
        Path down = migration.downFile();
        byte[] bytes = down == null ? null : readIfExists(down);
        if (bytes == null) {
            return null;
        }
        String text = decodeUtf8(down, bytes);
        return SqlScript.parse(text).statements().isEmpty() ? null : text;
    }

    /** The down script's text; fails naming the file when it is missing or has no statement. */
    public String readDown(Migration migration) throws MigrationFileException {
        Path down = migration.downFile();
        if (down == null) {
            throw new MigrationFileException(null, "migration " + migration.tag() + " has no down script",
                    "Write the reverse SQL in a down script beside " + migration.file()
                            + ", or roll back to a later tag.");
        }
        byte[] bytes = readIfExists(down);
        if (bytes == null) {
            throw new MigrationFileException(down, down + " does not exist",
                    "Write the reverse SQL of " + migration.tag() + " there, or roll back to a later tag"
                            + " (db.to) so this migration stays applied.");
        }
        String text = decodeUtf8(down, bytes);
        if (SqlScript.parse(text).statements().isEmpty()) {
            throw new MigrationFileException(down, down + " has no statement (only whitespace or comments)",
                    "Write the reverse SQL of " + migration.tag() + " there, or roll back to a later tag"
                            + " (db.to) so this migration stays applied.");
        }
        return text;
    }

    // ---- journal layouts ----

    private static MigrationDirectory readJournal(Path root, Path journal, byte[] bytes)
            throws MigrationFileException {
        Object doc = parseJson(journal, bytes);
        if (doc == null) {
            throw new MigrationFileException(journal, journal + " is empty",
                    "Restore it from version control, or write {\"version\":\"7\",\"dialect\":\"postgresql\","
                            + "\"entries\":[]} for a folder without migrations.");
        }
        if (!(doc instanceof Map<?, ?> object)) {
            throw badJournal(journal, journal + " must hold a JSON object, found " + JsonValues.kind(doc));
        }
        Object dialect = object.get("dialect");
        if (dialect != null && !"postgresql".equals(dialect)) {
            throw new MigrationFileException(journal,
                    journal + " is a journal for dialect " + JsonValues.show(dialect) + ", Shale reads only \"postgresql\"",
                    "Point the migrations directory at the PostgreSQL migrations folder,"
                            + " or set \"dialect\": \"postgresql\" if the migrations are PostgreSQL.");
        }
        Object entryValues = object.get("entries");
        if (!(entryValues instanceof List<?> entries)) {
            throw badJournal(journal, journal + (entryValues == null ? " has no \"entries\" array"
                    : " has \"entries\" of type " + JsonValues.kind(entryValues) + ", expected an array"));
        }

        List<Entry> parsed = new ArrayList<>(entries.size());
        Map<Integer, String> tagByIdx = new HashMap<>();
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = parseEntry(journal, i, entries.get(i));
            String sameIdx = tagByIdx.putIfAbsent(e.idx, e.tag);
            if (sameIdx != null) {
                throw new MigrationFileException(journal,
                        journal + " has two entries with idx " + e.idx + ": " + sameIdx + " and " + e.tag,
                        "Give each entry its own idx. If two branches each generated a migration, keep one,"
                                + " delete the other's entry and folder, and run db:generate again after the merge.");
            }
            if (!tags.add(e.tag)) {
                throw new MigrationFileException(journal, journal + " has two entries with tag " + e.tag,
                        "Remove the duplicate entry; each tag names one migration.");
            }
            parsed.add(e);
        }
        parsed.sort(Comparator.comparingInt(e -> e.idx));

        Set<String> names = listNames(root);
        refuseUnlisted(root, journal, names, tags);
        List<Migration> migrations = inParallel(parsed, e -> journalEntry(root, journal, names, e));
        boolean allFlat = !migrations.isEmpty()
                && migrations.stream().allMatch(m -> m.file().equals(root.resolve(m.tag() + ".sql")));
        return new MigrationDirectory(root, allFlat ? Layout.JOURNAL_FLAT : Layout.JOURNAL_FOLDERS, migrations);
    }

    /**
     * A migration beside the journal that the journal does not list would never be applied while migrate says
     * "up to date" (a merge that kept the folder but lost the entry, a hand-made folder).
     */
    private static void refuseUnlisted(Path root, Path journal, Set<String> names, Set<String> tags)
            throws MigrationFileException {
        List<String> unlisted = new ArrayList<>();
        for (String name : names) {
            boolean folder = Files.isRegularFile(root.resolve(name).resolve(MIGRATION_SQL));
            boolean flat = name.endsWith(".sql") && !name.endsWith(".down.sql");
            String tag = folder ? name : flat ? name.substring(0, name.length() - 4) : null;
            if (tag != null && !tags.contains(tag)) {
                unlisted.add(folder ? name + "/" + MIGRATION_SQL : name);
            }
        }
        if (unlisted.isEmpty()) {
            return;
        }
        unlisted.sort(Comparator.naturalOrder());
        String first = unlisted.get(0);
        throw new MigrationFileException(root.resolve(first), root.resolve(first) + " is not listed in " + journal
                + (unlisted.size() > 1 ? " (nor are " + String.join(", ", unlisted.subList(1, unlisted.size())) + ")" : "")
                + ", so it would never be applied. Nothing was run.",
                "add its entry to " + journal + " (as db:generate writes it: idx, version, when, tag, breakpoints), e.g. from"
                        + " the branch it came from; or delete it if the migration was abandoned");
    }

    /** The entry's {@code <tag>/migration.sql}, else the flat layout's {@code <tag>.sql}. */
    private static Migration journalEntry(Path root, Path journal, Set<String> names, Entry e)
            throws MigrationFileException {
        Path folder = root.resolve(e.tag);
        Path file = folder.resolve(MIGRATION_SQL);
        Path down = folder.resolve(DOWN_SQL);
        byte[] sql = names.contains(e.tag) ? readIfExists(file) : null;
        if (sql == null) {
            file = root.resolve(e.tag + ".sql");
            down = root.resolve(e.tag + ".down.sql");
            sql = names.contains(e.tag + ".sql") ? readIfExists(file) : null;
            if (sql == null) {
                throw new MigrationFileException(journal,
                        "journal entry " + e.idx + " (" + e.tag + ") in " + journal + " has no folder "
                                + e.tag + "/" + MIGRATION_SQL + " nor file " + e.tag + ".sql",
                        "Restore " + root.resolve(e.tag).resolve(MIGRATION_SQL) + " (from version control or"
                                + " the branch it came from), or remove the entry from " + journal + ".");
            }
        }
        return migration(e.idx, e.tag, e.when, file, down, sql, e.breakpoints);
    }

    private interface Loader<T> {
        Migration load(T item) throws MigrationFileException;
    }

    /**
     * Loads every item on the common pool's threads as well as this one: reading and hashing a
     * thousand files is most of a run that finds nothing to apply. The first failure in list order
     * is thrown, so the message does not depend on scheduling.
     */
    private static <T> List<Migration> inParallel(List<T> items, Loader<T> loader) throws MigrationFileException {
        Migration[] loaded = new Migration[items.size()];
        MigrationFileException[] failures = new MigrationFileException[items.size()];
        IntStream.range(0, items.size()).parallel().forEach(i -> {
            try {
                loaded[i] = loader.load(items.get(i));
            } catch (MigrationFileException e) {
                failures[i] = e;
            }
        });
        for (MigrationFileException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return Arrays.asList(loaded);
    }

    private record Entry(int idx, String tag, long when, boolean breakpoints) {
    }

    private static Entry parseEntry(Path journal, int position, Object value) throws MigrationFileException {
        String where = "entry #" + position + " of \"entries\" in " + journal;
        if (!(value instanceof Map<?, ?> node)) {
            throw badJournal(journal, where + " is " + JsonValues.kind(value) + ", expected an object");
        }
        if (!(node.get("tag") instanceof String t) || t.isBlank()) {
            throw badJournal(journal, where + " has no string \"tag\"");
        }
        where = "entry #" + position + " (" + t + ") in " + journal;
        if (t.contains("/") || t.contains("\\") || t.equals(".") || t.equals("..")) {
            throw badJournal(journal, where + " has a tag that is not a plain folder name");
        }
        if (!(node.get("idx") instanceof Long idx) || idx != idx.intValue()) {
            throw badJournal(journal, where + " has no integer \"idx\"");
        }
        if (idx < 0) {
            throw badJournal(journal, where + " has a negative idx " + idx);
        }
        if (!(node.get("when") instanceof Long when)) {
            throw badJournal(journal, where + " has no integer \"when\" (epoch milliseconds)");
        }
        Object breakpoints = node.get("breakpoints");
        if (breakpoints != null && !(breakpoints instanceof Boolean)) {
            throw badJournal(journal, where + " has \"breakpoints\" of type " + JsonValues.kind(breakpoints) + ", expected true or false");
        }
        // Absent means false, as in drizzle-orm, which reads the field as is.
        return new Entry(idx.intValue(), t, when, Boolean.TRUE.equals(breakpoints));
    }

    private static MigrationFileException badJournal(Path journal, String message) {
        return new MigrationFileException(journal, message,
                "Each entry needs {\"idx\":<integer ≥ 0>,\"version\":\"7\",\"when\":<epoch ms>,\"tag\":\"<folder name>\","
                        + "\"breakpoints\":true}. Fix " + journal + " by hand or restore it from version control.");
    }

    private static Object parseJson(Path file, byte[] bytes) throws MigrationFileException {
        // Decode first: Jackson's own UTF-8 errors point past the bad byte with a misleading message.
        String text = decodeUtf8(file, bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            return JsonValues.parse(text);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MigrationFileException(file, file + " is not valid JSON" + at + ": " + e.getOriginalMessage(),
                    "Fix the JSON there (a leftover merge conflict marker or a trailing comma is the usual cause),"
                            + " or restore the file from version control.", e);
        } catch (IOException e) {
            throw new MigrationFileException(file, file + " cannot be read: " + e.getMessage(),
                    "Check the file is UTF-8 JSON and readable.", e);
        }
    }

    // ---- journal-less folder layout ----

    private static MigrationDirectory readFolders(Path root, Path journal) throws MigrationFileException {
        List<String> names = new ArrayList<>(listNames(root));
        names.sort(Comparator.naturalOrder());
        List<Migration> migrations = new ArrayList<>();
        for (String name : names) {
            Matcher m = TIMESTAMP_FOLDER.matcher(name);
            if (!m.matches()) {
                continue;
            }
            Path folder = root.resolve(name);
            Path file = folder.resolve(MIGRATION_SQL);
            byte[] sql = readIfExists(file);
            if (sql == null) {
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                throw new MigrationFileException(folder, folder + " has no " + MIGRATION_SQL,
                        "Restore " + file + " from version control, or delete the folder if the migration was abandoned.");
            }
            long when;
            try {
                when = LocalDateTime.parse(m.group(1), TIMESTAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new MigrationFileException(folder,
                        folder + " starts with " + m.group(1) + ", which is not a UTC timestamp yyyyMMddHHmmss",
                        "Rename the folder so its name starts with the time it was generated, e.g. 20250101120000_"
                                + name.substring(15) + ".", e);
            }
            migrations.add(migration(migrations.size(), name, when, file, folder.resolve(DOWN_SQL), sql, true));
        }
        if (!migrations.isEmpty()) {
            return new MigrationDirectory(root, Layout.FOLDERS, migrations);
        }
        // Migration files without a journal would be silently skipped: refuse instead of reporting EMPTY.
        for (String name : names) {
            if (name.endsWith(".sql") || Files.isRegularFile(root.resolve(name).resolve(MIGRATION_SQL))) {
                throw new MigrationFileException(journal,
                        root + " holds migrations (" + name + ") but no journal " + journal,
                        "Restore " + journal + " from version control; Shale reads a migration only when the"
                                + " journal lists it (or, without a journal, from folders named yyyyMMddHHmmss_name).");
            }
        }
        return new MigrationDirectory(root, Layout.EMPTY, List.of());
    }

    // ---- files ----

    private static Migration migration(int idx, String tag, long when, Path file, Path down, byte[] sql,
                                       boolean breakpoints) throws MigrationFileException {
        String text = decodeUtf8(file, sql);
        // For valid UTF-8, hashing the bytes equals drizzle-orm's sha256 of the decoded string.
        return new Migration(idx, tag, when, file, down, text, sha256(sql), breakpoints);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Set<String> listNames(Path dir) throws MigrationFileException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new MigrationFileException(dir, dir + " cannot be listed: " + e.getMessage(),
                    "Check that the migrations directory is readable.", e);
        }
        return names;
    }

    /** The file's bytes, or null when it (or its folder) does not exist. */
    private static byte[] readIfExists(Path file) throws MigrationFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return null;
        } catch (IOException e) {
            // ENOTDIR (the "folder" is a file) arrives as a plain FileSystemException; stat only on this path.
            if (file.getParent() != null && Files.exists(file.getParent()) && !Files.isDirectory(file.getParent())) {
                return null;
            }
            throw new MigrationFileException(file, file + " cannot be read: " + e.getMessage(),
                    "Check that it is a readable file.", e);
        }
    }

    static String decodeUtf8(Path file, byte[] bytes) throws MigrationFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * (double) decoder.maxCharsPerByte()));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new MigrationFileException(file,
                    file + " is not valid UTF-8: bad byte 0x" + String.format("%02x", bytes[offset] & 0xff)
                            + " at line " + line + " (byte offset " + offset + ")",
                    "Save the file as UTF-8 (it was probably written in a legacy encoding such as Windows-1252).");
        }
        return out.flip().toString();
    }
}
