package io.github.shaledb.engine.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.shaledb.engine.api.MigrationFileException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Writes and reads {@code snapshot.json}: deterministic JSON (after the header {@code format},
 * {@code version}, {@code id}, {@code prevId} and, when known, {@code postgresVersion}, one key per {@link ObjectKind} in alphabetical order;
 * lists sorted as the model keeps them; 2-space indent; {@code \n} line ends and a final newline;
 * absent values omitted; no timestamps). Files of an older format version are read too: they lack the
 * kinds added since. The format is described on the site page {@code snapshot-format.md}.
 */
public final class SnapshotJson {
    public static final String FORMAT = "shale-snapshot";
    /** Bumped when a reader of this version could misread a newer file; see the versioning policy on the site. */
    public static final int VERSION = 2;
    private static final Set<String> HEADER = Set.of("format", "version", "id", "prevId", "postgresVersion");
    /** The format version that introduced the {@code postgresVersion} header value. */
    private static final int POSTGRES_VERSION_SINCE = 2;

    private static final String FIX_RESTORE = "Restore the file from version control; snapshots are written by"
            + " db:generate and are not meant to be edited by hand.";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private SnapshotJson() {
    }

    /** The file's text: same snapshot, same bytes. */
    public static String write(SchemaSnapshot snapshot) {
        return render(document(snapshot.id(), snapshot.prevId(), snapshot.model(), snapshot.version(),
                snapshot.postgresVersion()));
    }

    /**
     * The id of a snapshot: the SHA-256, in lower-case hex, of the UTF-8 text {@link #write} produces
     * for it with the {@code "id"} key left out. So it covers the model and {@code prevId}: an unchanged
     * schema after a new predecessor (a hand-written migration) still gets an id of its own.
     */
    public static String contentId(SchemaModel model, String prevId) {
        return contentId(model, prevId, VERSION);
    }

    /** The id a file of format {@code version} holding {@code model} has: the kinds newer than it are not in it. */
    public static String contentId(SchemaModel model, String prevId, int version) {
        return contentId(model, prevId, version, null);
    }

    /** The id of a file of format {@code version} that also records {@code postgresVersion} (null: does not). */
    public static String contentId(SchemaModel model, String prevId, int version, Integer postgresVersion) {
        String text = render(document(null, prevId, model, version, postgresVersion));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reads a snapshot file; anything but a well-formed snapshot of this format version is refused. */
    public static SchemaSnapshot read(Path file) throws MigrationFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MigrationFileException(file, "Cannot read the snapshot " + file + ": " + e.getMessage(),
                    "Check that the file exists and is readable.", e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MigrationFileException(file, "The snapshot " + file + " is not UTF-8 text.", FIX_RESTORE, e);
        }
        return read(file, text);
    }

    /** Reads snapshot text; {@code file} names it in errors. */
    public static SchemaSnapshot read(Path file, String text) throws MigrationFileException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        }
        if (root == null || !root.isObject()) {
            throw new MigrationFileException(file, "The snapshot " + file + " is not a JSON object.", FIX_RESTORE);
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.textValue())) {
            throw new MigrationFileException(file, "The file " + file + " is not a Shale snapshot: its \"format\" is "
                    + (format == null ? "missing" : format) + ", expected \"" + FORMAT + "\".",
                    "A drizzle-kit snapshot cannot be read as a Shale one. Run db:generate to write a Shale snapshot,"
                            + " or restore the file from version control.");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isInt() || version.intValue() < 1 || version.intValue() > VERSION) {
            boolean newer = version != null && version.isInt() && version.intValue() > VERSION;
            throw new MigrationFileException(file, "The snapshot " + file + " has format version "
                    + (version == null ? "(missing)" : version) + "; this Shale reads versions 1 to " + VERSION + ".",
                    newer ? "The file was written by a newer Shale: upgrade the plugin to the version your team uses."
                            : FIX_RESTORE);
        }
        JsonNode id = root.get("id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            throw new MigrationFileException(file, "The snapshot " + file + " has no \"id\" string.", FIX_RESTORE);
        }
        JsonNode prevId = root.get("prevId");
        if (prevId != null && !prevId.isNull() && !prevId.isTextual()) {
            throw new MigrationFileException(file, "The snapshot " + file + " has a \"prevId\" that is neither a string"
                    + " nor null.", FIX_RESTORE);
        }
        JsonNode postgresVersion = root.get("postgresVersion");
        if (postgresVersion != null && (version.intValue() < POSTGRES_VERSION_SINCE || !postgresVersion.isInt()
                || postgresVersion.intValue() < 1)) {
            throw new MigrationFileException(file, "The snapshot " + file + " has a \"postgresVersion\" of " + postgresVersion
                    + (version.intValue() < POSTGRES_VERSION_SINCE ? ", which format version " + version + " does not have."
                    : "; it must be a PostgreSQL major version such as 15."), FIX_RESTORE);
        }
        SchemaModel model;
        try {
            // From the text again, not the tree, so that errors carry a line and column.
            model = readModel(file, text, version.intValue());
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw new MigrationFileException(file, "Cannot read the snapshot " + file + ": " + e.getMessage(), FIX_RESTORE, e);
        }
        return new SchemaSnapshot(id.textValue(), prevId == null || prevId.isNull() ? null : prevId.textValue(), model,
                version.intValue(), postgresVersion == null ? null : postgresVersion.intValue());
    }

    /** The kinds of the document, each read as a list of its records; a key no kind of that version has is refused. */
    private static SchemaModel readModel(Path file, String text, int version) throws IOException, MigrationFileException {
        SchemaModel.Builder model = SchemaModel.builder();
        try (JsonParser parser = JSON.createParser(text)) {
            parser.nextToken(); // the document's START_OBJECT, checked above
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                if (HEADER.contains(key)) {
                    parser.skipChildren();
                    continue;
                }
                ObjectKind<?, ?> kind = ObjectKind.byKey(key).filter(k -> k.since() <= version).orElse(null);
                if (kind == null) {
                    throw new MigrationFileException(file, "The snapshot " + file + " is not valid at line "
                            + parser.currentLocation().getLineNr() + ": unknown key \"" + key + "\" for format version "
                            + version + ".", FIX_RESTORE);
                }
                readKind(parser, kind, model);
            }
        }
        return model.build();
    }

    private static <T> void readKind(JsonParser parser, ObjectKind<T, ?> kind, SchemaModel.Builder model) throws IOException {
        JavaType listType = JSON.getTypeFactory().constructCollectionType(List.class, kind.type());
        try {
            // One value of the document, so what follows it is no trailing token.
            List<T> items = JSON.readerFor(listType).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(parser);
            model.put(kind, items);
        } catch (JsonMappingException e) {
            e.prependPath(null, kind.key());
            throw e;
        }
    }

    private static MigrationFileException malformed(Path file, JsonProcessingException e) {
        String at = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String where = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? " (at " + jsonPath(mapping.getPath()) + ")" : "";
        return new MigrationFileException(file, "The snapshot " + file + " is not valid" + at + where + ": "
                + e.getOriginalMessage(), "Fix the JSON there (a leftover merge conflict marker is the usual cause),"
                + " or restore the file from version control and run db:generate again.", e);
    }

    /** {@code tables[0].columns[2].type}: where in the document, without Jackson's class names. */
    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                text.append(text.isEmpty() ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                text.append('[').append(step.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static ObjectNode document(String id, String prevId, SchemaModel model, int version, Integer postgresVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", version);
        if (id != null) {
            root.put("id", id);
        }
        if (prevId == null) {
            root.putNull("prevId");
        } else {
            root.put("prevId", prevId);
        }
        if (postgresVersion != null && version >= POSTGRES_VERSION_SINCE) {
            root.put("postgresVersion", postgresVersion.intValue());
        }
        ObjectKind.ALL.stream().filter(kind -> kind.since() <= version)
                .sorted((a, b) -> a.key().compareTo(b.key()))
                .forEach(kind -> root.set(kind.key(), JSON.valueToTree(model.all(kind))));
        return root;
    }

    private static String render(ObjectNode document) {
        try {
            return PRETTY.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
