package io.github.shaledb.engine.schema;

import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(TestPostgres.class)
class SnapshotJsonTest {
    @TempDir
    Path folder;

    private static SchemaModel introspect(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            return Introspector.introspect(connection, List.of("app"));
        }
    }

    /** A small model written out in full: the example on the site's snapshot-format page. */
    private static SchemaModel small() {
        QualifiedName users = QualifiedName.of("public", "users");
        return SchemaModel.builder().put(ObjectKind.SCHEMAS,
                List.of(new Schema("public", null))).put(ObjectKind.ENUMS,
                List.of(new EnumType(QualifiedName.of("public", "role"), List.of("member", "admin"), null)))
                .put(ObjectKind.SEQUENCES, List.of(new Sequence(QualifiedName.of("public", "users_id_seq"),
                        new SequenceOptions("integer", 1, 1, 1, 2147483647, 1, false),
                        new ColumnRef(users, "id"), false, null)))
                .put(ObjectKind.TABLES, List.of(new Table(users, false, null, null, null, List.of(), List.of(
                        new Column("id", 1, "integer", true, "nextval('public.users_id_seq'::regclass)",
                                QualifiedName.of("public", "users_id_seq"), null, null, null, null),
                        new Column("role", 2, "public.role", true, "'member'::public.role", null, null, null, null,
                                "what they may do")),
                        List.of(new Constraint("users_pkey", Constraint.Type.PRIMARY_KEY, "PRIMARY KEY (id)", List.of("id"),
                                false, null, false, false, true, null)),
                        List.of(), "people who sign in")))
                .build();
    }

    /** A snapshot as Shale wrote it before functions and the other kinds of format version 2: still read. */
    private static final String VERSION_1_FILE = """
                {
                  "format": "shale-snapshot",
                  "version": 1,
                  "id": "%s",
                  "prevId": null,
                  "enums": [
                    {
                      "labels": [
                        "member",
                        "admin"
                      ],
                      "name": {
                        "name": "role",
                        "schema": "public"
                      }
                    }
                  ],
                  "schemas": [
                    {
                      "name": "public"
                    }
                  ],
                  "sequences": [
                    {
                      "identity": false,
                      "name": {
                        "name": "users_id_seq",
                        "schema": "public"
                      },
                      "options": {
                        "cache": 1,
                        "cycle": false,
                        "increment": 1,
                        "max": 2147483647,
                        "min": 1,
                        "start": 1,
                        "type": "integer"
                      },
                      "ownedBy": {
                        "column": "id",
                        "table": {
                          "name": "users",
                          "schema": "public"
                        }
                      }
                    }
                  ],
                  "tables": [
                    {
                      "columns": [
                        {
                          "defaultExpression": "nextval('public.users_id_seq'::regclass)",
                          "name": "id",
                          "notNull": true,
                          "ownedSequence": {
                            "name": "users_id_seq",
                            "schema": "public"
                          },
                          "position": 1,
                          "type": "integer"
                        },
                        {
                          "comment": "what they may do",
                          "defaultExpression": "'member'::public.role",
                          "name": "role",
                          "notNull": true,
                          "position": 2,
                          "type": "public.role"
                        }
                      ],
                      "comment": "people who sign in",
                      "constraints": [
                        {
                          "columns": [
                            "id"
                          ],
                          "deferrable": false,
                          "definition": "PRIMARY KEY (id)",
                          "initiallyDeferred": false,
                          "name": "users_pkey",
                          "nullsNotDistinct": false,
                          "type": "PRIMARY_KEY",
                          "validated": true
                        }
                      ],
                      "indexes": [],
                      "name": {
                        "name": "users",
                        "schema": "public"
                      },
                      "options": [],
                      "unlogged": false
                    }
                  ],
                  "views": []
                }
                """.formatted("05a93ce3b3a7ebc7c0bfd50940529e8d5b64cd5f040e96b2ae21452a136d19ff");

    @Test
    void aVersion1SnapshotIsReadWithItsIdIntact() throws Exception {
        SchemaSnapshot read = SnapshotJson.read(file(VERSION_1_FILE));

        assertThat(read.version()).isEqualTo(1);
        assertThat(read.model()).isEqualTo(small());
        assertThat(read.idMatchesContent()).isTrue();
        assertThat(SnapshotJson.write(read)).isEqualTo(VERSION_1_FILE);
        assertThat(SnapshotJson.contentId(small(), null)).isNotEqualTo(read.id());
    }

    @Test
    void writesTheDocumentedLayout() {
        String text = SnapshotJson.write(SchemaSnapshot.of(small(), null));

        String id = SnapshotJson.contentId(small(), null);
        // The version 1 file's kinds as they were, every kind added since as an empty list, all in key order.
        java.util.Map<String, String> blocks = new java.util.HashMap<>();
        String body = VERSION_1_FILE.substring(VERSION_1_FILE.indexOf("\n", VERSION_1_FILE.indexOf("\"prevId\"")) + 1,
                VERSION_1_FILE.lastIndexOf("}"));
        for (String block : body.split("\n(?=  \")")) {
            String kept = block.strip().endsWith(",") ? block.substring(0, block.lastIndexOf(',')) : block.stripTrailing();
            blocks.put(kept.substring(3, kept.indexOf('"', 3)), kept);
        }
        String expected = "{\n  \"format\": \"shale-snapshot\",\n  \"version\": 2,\n  \"id\": \"" + id + "\",\n"
                + "  \"prevId\": null,\n" + String.join(",\n", ObjectKind.ALL.stream().map(ObjectKind::key).sorted()
                .map(key -> blocks.getOrDefault(key, "  \"" + key + "\": []")).toList()) + "\n}\n";
        assertThat(text).isEqualTo(expected);
        assertThat(SchemaSnapshot.of(small(), null).idMatchesContent()).isTrue();
    }

    @Test
    void theSitePagesExampleIsWhatTheWriterWrites() throws Exception {
        String page = Files.readString(Path.of("../src/site/markdown/snapshot-format.md"));
        String example = page.substring(page.indexOf("```json\n", page.indexOf("## Example")) + "```json\n".length(),
                page.lastIndexOf("```"));

        assertThat(example).isEqualTo(SnapshotJson.write(SchemaSnapshot.of(small(), null)));
    }

    @Test
    void idIsTheSha256OfTheFileWithoutItsIdLineAsTheSiteSays() throws Exception {
        String text = SnapshotJson.write(SchemaSnapshot.of(small(), "f".repeat(64)));
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        String idLine = lines.remove(3);

        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        assertThat(idLine).isEqualTo("  \"id\": \"" + sha256 + "\",");
    }

    @Test
    void roundTripsASchemaWithEveryObjectKindExactly(TestDatabase db) throws Exception {
        db.execute(EveryObjectKind.IN_ORDER);
        SchemaSnapshot snapshot = SchemaSnapshot.of(introspect(db), "a".repeat(64));
        assertThat(snapshot.model().tables()).hasSize(3);
        assertThat(snapshot.model().views()).hasSize(2);

        String text = SnapshotJson.write(snapshot);
        Path file = Files.writeString(folder.resolve("snapshot.json"), text);
        SchemaSnapshot read = SnapshotJson.read(file);

        assertThat(read).isEqualTo(snapshot);
        assertThat(SnapshotJson.write(read)).isEqualTo(text);
        assertThat(read.idMatchesContent()).isTrue();
        assertThat(text).endsWith("}\n").doesNotContain("\r").doesNotContain("\t")
                .contains("\"prevId\": \"" + "a".repeat(64) + "\"")
                .contains("\"comment\": \"human invoice numbers\"", "\"onDelete\": \"CASCADE\"", "\"nullsNotDistinct\": true")
                .contains("\"deterministic\": false", "\"validated\": false", "\"comment\": \"ISO 4217\"",
                        "\"multirange\": {", "\"relocatable\": true");
        assertThat(read.model().extensions()).hasSize(1);
        assertThat(read.model().domains()).hasSize(1);
        assertThat(read.model().compositeTypes()).hasSize(1);
        assertThat(read.model().rangeTypes()).hasSize(1);
        assertThat(read.model().collations()).hasSize(1);
    }

    @Test
    void introspectingTwiceWritesTheSameBytes(TestDatabase db) throws Exception {
        db.execute(EveryObjectKind.IN_ORDER);

        String first = SnapshotJson.write(SchemaSnapshot.of(introspect(db), null));
        String second = SnapshotJson.write(SchemaSnapshot.of(introspect(db), null));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void theSameSchemaBuiltInAnotherOrderWritesTheSameBytes(TestDatabase inOrder, TestDatabase otherOrder) throws Exception {
        inOrder.execute(EveryObjectKind.IN_ORDER);
        otherOrder.execute(EveryObjectKind.OTHER_ORDER);

        String first = SnapshotJson.write(SchemaSnapshot.of(introspect(inOrder), null));
        String second = SnapshotJson.write(SchemaSnapshot.of(introspect(otherOrder), null));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void idIsAHashOfModelAndPrevIdSoAnUnchangedSchemaAfterANewParentGetsANewId() {
        SchemaSnapshot first = SchemaSnapshot.of(small(), null);
        SchemaSnapshot again = SchemaSnapshot.of(small(), null);
        SchemaSnapshot next = SchemaSnapshot.of(small(), first.id());
        SchemaSnapshot empty = SchemaSnapshot.of(SchemaModel.EMPTY, null);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(next.id()).isNotEqualTo(first.id());
        assertThat(empty.id()).isNotEqualTo(first.id());
        assertThat(new SchemaSnapshot(first.id(), null, SchemaModel.EMPTY).idMatchesContent()).isFalse();
    }

    @Test
    void modelListsAreSortedWhateverOrderTheyArriveIn() {
        Schema b = new Schema("b", null);
        Schema a = new Schema("a", null);
        SchemaModel model = SchemaModel.builder().put(ObjectKind.SCHEMAS, List.of(b, a)).put(ObjectKind.ENUMS, null).build();

        assertThat(model.schemas()).containsExactly(a, b);
        assertThat(model.enums()).isEmpty();
        assertThat(model).isEqualTo(SchemaModel.builder().put(ObjectKind.SCHEMAS, List.of(a, b)).build());
    }

    private Path file(String text) throws Exception {
        return Files.writeString(folder.resolve("0003_add_prefs_snapshot.json"), text);
    }

    @Test
    void malformedJsonIsRefusedWithFileLineAndColumn() throws Exception {
        Path file = file("{\n  \"format\": \"shale-snapshot\",\n  \"version\": 1,\n}\n");

        assertThatThrownBy(() -> SnapshotJson.read(file))
                .isInstanceOfSatisfying(MigrationFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.getMessage()).startsWith("The snapshot " + file + " is not valid at line 4, column 1:");
                    assertThat(e.fix()).contains("merge conflict marker").contains("restore the file from version control");
                });
    }

    @Test
    void aMergeConflictMarkerIsRefusedWithItsLine() throws Exception {
        String text = SnapshotJson.write(SchemaSnapshot.of(small(), null));
        Path file = file(text.replace("  \"collations\"", "<<<<<<< HEAD\n  \"collations\""));

        assertThatThrownBy(() -> SnapshotJson.read(file))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("at line 6, column 1");
    }

    @Test
    void thePostgresVersionIsAHeaderValueAfterPrevIdCoveredByTheId() throws Exception {
        SchemaSnapshot snapshot = SchemaSnapshot.of(small(), null, 15);
        String text = SnapshotJson.write(snapshot);

        assertThat(text).startsWith("{\n  \"format\": \"shale-snapshot\",\n  \"version\": 2,\n  \"id\": \"" + snapshot.id()
                + "\",\n  \"prevId\": null,\n  \"postgresVersion\": 15,\n");
        assertThat(snapshot.id()).isNotEqualTo(SchemaSnapshot.of(small(), null).id())
                .isNotEqualTo(SchemaSnapshot.of(small(), null, 16).id());
        SchemaSnapshot read = SnapshotJson.read(file(text));
        assertThat(read.postgresVersion()).isEqualTo(15);
        assertThat(read.idMatchesContent()).isTrue();
        assertThat(SnapshotJson.read(file(SnapshotJson.write(SchemaSnapshot.of(small(), null)))).postgresVersion()).isNull();
        assertThat(SnapshotJson.read(file(VERSION_1_FILE)).postgresVersion()).isNull();
    }

    @Test
    void aPostgresVersionInAVersion1FileOrNotANumberIsRefused() throws Exception {
        Path old = file(VERSION_1_FILE.replace("  \"prevId\": null,\n", "  \"prevId\": null,\n  \"postgresVersion\": 15,\n"));
        assertThatThrownBy(() -> SnapshotJson.read(old)).isInstanceOf(MigrationFileException.class)
                .hasMessageContaining("\"postgresVersion\" of 15, which format version 1 does not have");

        Path text = file(SnapshotJson.write(SchemaSnapshot.of(small(), null, 15)).replace("\"postgresVersion\": 15",
                "\"postgresVersion\": \"15\""));
        assertThatThrownBy(() -> SnapshotJson.read(text)).isInstanceOf(MigrationFileException.class)
                .hasMessageContaining("it must be a PostgreSQL major version such as 15");
    }

    @Test
    void aNewerFormatVersionAsksForANewerShale() throws Exception {
        String text = SnapshotJson.write(SchemaSnapshot.of(small(), null)).replace("\"version\": 2", "\"version\": 3");
        Path file = file(text);

        assertThatThrownBy(() -> SnapshotJson.read(file))
                .isInstanceOfSatisfying(MigrationFileException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.getMessage()).isEqualTo("The snapshot " + file
                            + " has format version 3; this Shale reads versions 1 to 2.");
                    assertThat(e.fix()).contains("newer Shale").contains("upgrade the plugin");
                });
    }

    @Test
    void aMissingOrNonNumericVersionIsRefused() throws Exception {
        Path missing = file("{\"format\": \"shale-snapshot\", \"id\": \"x\", \"prevId\": null}");
        assertThatThrownBy(() -> SnapshotJson.read(missing))
                .isInstanceOf(MigrationFileException.class).hasMessageContaining("format version (missing)");

        Path text = file("{\"format\": \"shale-snapshot\", \"version\": \"1\", \"id\": \"x\", \"prevId\": null}");
        assertThatThrownBy(() -> SnapshotJson.read(text))
                .isInstanceOf(MigrationFileException.class).hasMessageContaining("format version \"1\"");
    }

    @Test
    void aDrizzleKitSnapshotIsNotTakenForOurs() throws Exception {
        Path file = file("{\"id\": \"6b1f\", \"prevId\": \"00000000-0000-0000-0000-000000000000\", \"version\": \"7\","
                + " \"dialect\": \"postgresql\", \"tables\": {}}");

        assertThatThrownBy(() -> SnapshotJson.read(file))
                .isInstanceOfSatisfying(MigrationFileException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("The file " + file
                            + " is not a Shale snapshot: its \"format\" is missing, expected \"shale-snapshot\".");
                    assertThat(e.fix()).contains("drizzle-kit snapshot");
                });
    }

    @Test
    void anUnknownKeyIsRefusedWithItsPlace() throws Exception {
        String text = SnapshotJson.write(SchemaSnapshot.of(small(), null)).replace("\"unlogged\": false",
                "\"unlogged\": false,\n      \"tablespace\": \"fast\"");
        Path file = file(text);

        assertThatThrownBy(() -> SnapshotJson.read(file))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageContaining(file.toString())
                // Jackson places the error just past the unknown key's value: the start of the next line.
                .hasMessageContaining("at line " + (text.substring(0, text.indexOf("\"tablespace\"")).split("\n").length + 1)
                        + ", column 6 (at tables[0].tablespace): Unrecognized field \"tablespace\"");
    }

    @Test
    void aDuplicateKeyIsRefused() throws Exception {
        Path file = file("{\"format\": \"shale-snapshot\", \"version\": 1, \"version\": 1}");

        assertThatThrownBy(() -> SnapshotJson.read(file))
                .isInstanceOf(MigrationFileException.class).hasMessageContaining("Duplicate field 'version'");
    }

    @Test
    void aFileThatIsNotUtf8OrMissingIsRefused() throws Exception {
        Path latin1 = Files.write(folder.resolve("latin1.json"), "{\"format\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SnapshotJson.read(latin1))
                .isInstanceOf(MigrationFileException.class).hasMessage("The snapshot " + latin1 + " is not UTF-8 text.");

        Path missing = folder.resolve("nope.json");
        assertThatThrownBy(() -> SnapshotJson.read(missing))
                .isInstanceOfSatisfying(MigrationFileException.class, e -> assertThat(e.file()).isEqualTo(missing))
                .hasMessageContaining("Cannot read the snapshot " + missing);
    }
}
