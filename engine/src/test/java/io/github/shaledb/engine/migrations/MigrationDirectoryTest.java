package io.github.shaledb.engine.migrations;

import io.github.shaledb.engine.api.MigrationFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MigrationDirectoryTest {

    /** {@code printf 'CREATE TABLE a (id int);\n' | sha256sum} */
    private static final String CREATE_A_HASH = "c2de7559380e5ebf65caa7d59e166558e80243cf7e70006cc98d1593d94203c1";
    private static final String CREATE_A = "CREATE TABLE a (id int);\n";

    @TempDir
    Path root;

    // ---- layouts ----

    @Test
    void readsShaleJournalWithFolders() throws Exception {
        journal(entry(0, 1700000000000L, "0000_create_a"), entry(1, 1700000001000L, "0001_create_b"));
        write("0000_create_a/migration.sql", CREATE_A);
        write("0000_create_a/down.sql", "DROP TABLE a;\n");
        write("0000_create_a/snapshot.json", "{}");
        write("0001_create_b/migration.sql", "CREATE TABLE b (id int);\n");

        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThat(dir.layout()).isEqualTo(Layout.JOURNAL_FOLDERS);
        assertThat(dir.root()).isEqualTo(root);
        assertThat(dir.migrations()).extracting(Migration::tag).containsExactly("0000_create_a", "0001_create_b");
        Migration first = dir.migrations().get(0);
        assertThat(first.idx()).isZero();
        assertThat(first.when()).isEqualTo(1700000000000L);
        assertThat(first.file()).isEqualTo(root.resolve("0000_create_a/migration.sql"));
        assertThat(first.downFile()).isEqualTo(root.resolve("0000_create_a/down.sql"));
        assertThat(first.sql()).isEqualTo(CREATE_A);
        assertThat(first.hash()).isEqualTo(CREATE_A_HASH);
        assertThat(first.breakpoints()).isTrue();
        assertThat(dir.readDown(first)).isEqualTo("DROP TABLE a;\n");
        assertThat(dir.find("0001_create_b")).map(Migration::idx).contains(1);
        assertThat(dir.find("0002_nope")).isEmpty();
    }

    @Test
    void readsDrizzleFlatJournal() throws Exception {
        journal(entry(0, 1700000000000L, "0000_create_a"), entry(1, 1700000001000L, "0001_create_b"));
        write("0000_create_a.sql", CREATE_A);
        write("0000_create_a.down.sql", "DROP TABLE a;");
        write("0001_create_b.sql", "CREATE TABLE b (id int);\n");
        write("meta/0000_snapshot.json", "{}");

        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThat(dir.layout()).isEqualTo(Layout.JOURNAL_FLAT);
        Migration first = dir.migrations().get(0);
        assertThat(first.file()).isEqualTo(root.resolve("0000_create_a.sql"));
        assertThat(first.hash()).isEqualTo(CREATE_A_HASH);
        assertThat(dir.readDown(first)).isEqualTo("DROP TABLE a;");
        Migration second = dir.migrations().get(1);
        assertThat(second.downFile()).isEqualTo(root.resolve("0001_create_b.down.sql")).doesNotExist();
    }

    @Test
    void mixedJournalReportsFolders() throws Exception {
        journal(entry(0, 1L, "0000_a"), entry(1, 2L, "0001_b"));
        write("0000_a.sql", "SELECT 1;");
        write("0001_b/migration.sql", "SELECT 2;");

        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThat(dir.layout()).isEqualTo(Layout.JOURNAL_FOLDERS);
        assertThat(dir.migrations()).extracting(Migration::file)
                .containsExactly(root.resolve("0000_a.sql"), root.resolve("0001_b/migration.sql"));
    }

    @Test
    void folderWinsOverFlatFileOfTheSameTag() throws Exception {
        journal(entry(0, 1L, "0000_a"));
        write("0000_a.sql", "SELECT 'flat';");
        write("0000_a/migration.sql", "SELECT 'folder';");

        assertThat(MigrationDirectory.read(root).migrations().get(0).sql()).isEqualTo("SELECT 'folder';");
    }

    @Test
    void readsJournalLessFolders() throws Exception {
        write("20250102030405_second/migration.sql", "SELECT 2;");
        write("20250101120000_first/migration.sql", CREATE_A);
        write("20250101120000_first/snapshot.json", "{}");
        write("20250101120000_first/down.sql", "DROP TABLE a;");
        Files.createDirectories(root.resolve("meta"));
        Files.createDirectories(root.resolve("notes"));
        write("README.md", "hello");

        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThat(dir.layout()).isEqualTo(Layout.FOLDERS);
        assertThat(dir.migrations()).extracting(Migration::tag)
                .containsExactly("20250101120000_first", "20250102030405_second");
        assertThat(dir.migrations()).extracting(Migration::idx).containsExactly(0, 1);
        Migration first = dir.migrations().get(0);
        assertThat(first.when()).isEqualTo(1735732800000L); // 2025-01-01T12:00:00Z
        assertThat(dir.migrations().get(1).when()).isEqualTo(1735787045000L); // 2025-01-02T03:04:05Z
        assertThat(first.hash()).isEqualTo(CREATE_A_HASH);
        assertThat(first.breakpoints()).isTrue();
        assertThat(dir.readDown(first)).isEqualTo("DROP TABLE a;");
    }

    @Test
    void missingRootIsEmpty() throws Exception {
        MigrationDirectory dir = MigrationDirectory.read(root.resolve("nope"));

        assertThat(dir.layout()).isEqualTo(Layout.EMPTY);
        assertThat(dir.migrations()).isEmpty();
    }

    @Test
    void folderWithNothingMigrationLikeIsEmpty() throws Exception {
        Files.createDirectories(root.resolve("meta"));
        write("README.md", "migrations go here");

        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThat(dir.layout()).isEqualTo(Layout.EMPTY);
        assertThat(dir.migrations()).isEmpty();
    }

    @Test
    void journalWithoutEntriesIsShaleLayoutWithNoMigrations() throws Exception {
        write("meta/_journal.json", "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[]}");

        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThat(dir.layout()).isEqualTo(Layout.JOURNAL_FOLDERS);
        assertThat(dir.migrations()).isEmpty();
    }

    @Test
    void sqlFilesWithoutJournalAreRefusedNotSkipped() throws Exception {
        write("0000_create_a.sql", CREATE_A);

        MigrationFileException e = failure();

        assertThat(e.file()).isEqualTo(root.resolve("meta/_journal.json"));
        assertThat(e.getMessage()).contains("0000_create_a.sql").contains("_journal.json");
        assertThat(e.fix()).contains("Restore");
    }

    // ---- ordering and entry details ----

    @Test
    void sortsEntriesByIdxAndAcceptsUnknownVersionAndMissingDialect() throws Exception {
        write("meta/_journal.json", """
                {"version":"99","entries":[
                  {"idx":2,"version":"99","when":3,"tag":"0002_c","breakpoints":true},
                  {"idx":0,"version":"99","when":1,"tag":"0000_a","breakpoints":false},
                  {"idx":1,"version":"99","when":2,"tag":"0001_b"}
                ]}""");
        write("0000_a/migration.sql", "SELECT 1;");
        write("0001_b/migration.sql", "SELECT 2;");
        write("0002_c/migration.sql", "SELECT 3;");

        List<Migration> migrations = MigrationDirectory.read(root).migrations();

        assertThat(migrations).extracting(Migration::tag).containsExactly("0000_a", "0001_b", "0002_c");
        assertThat(migrations).extracting(Migration::when).containsExactly(1L, 2L, 3L);
        assertThat(migrations).extracting(Migration::breakpoints).containsExactly(false, false, true);
    }

    @Test
    void keepsBomAndCrlfAndHashesTheBytes() throws Exception {
        journal(entry(0, 1L, "0000_a"));
        byte[] bytes = "\uFEFFCREATE TABLE a (id int);\r\n--> statement-breakpoint\r\nCREATE TABLE é (id int);\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("0000_a"));
        Files.write(root.resolve("0000_a/migration.sql"), bytes);

        Migration m = MigrationDirectory.read(root).migrations().get(0);

        assertThat(m.sql()).startsWith("\uFEFFCREATE").contains("\r\n").contains("é");
        assertThat(m.sql().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
        assertThat(m.hash()).isEqualTo(MigrationDirectory.sha256(bytes)).isNotEqualTo(CREATE_A_HASH).hasSize(64);
    }

    @Test
    void hashesEmptyFile() throws Exception {
        journal(entry(0, 1L, "0000_a"));
        write("0000_a/migration.sql", "");

        assertThat(MigrationDirectory.read(root).migrations().get(0).hash())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    // ---- journal errors ----

    @Test
    void malformedJsonNamesFileLineAndColumn() throws Exception {
        write("meta/_journal.json", "{\n  \"version\": \"7\",\n  \"entries\": [,]\n}");

        MigrationFileException e = failure();

        assertThat(e.file()).isEqualTo(root.resolve("meta/_journal.json"));
        assertThat(e.getMessage())
                .startsWith(root.resolve("meta/_journal.json") + " is not valid JSON at line 3, column")
                .contains("Unexpected character");
        assertThat(e.getMessage()).doesNotContain("com.fasterxml").doesNotContain("Source:");
        assertThat(e.fix()).contains("restore the file");
    }

    @Test
    void mergeConflictMarkerIsInvalidJson() throws Exception {
        write("meta/_journal.json", "{\"entries\":[\n<<<<<<< HEAD\n]}");

        assertThat(failure().getMessage()).contains("is not valid JSON at line 2, column 1");
    }

    @Test
    void duplicateKeyIsInvalidJson() throws Exception {
        write("meta/_journal.json", "{\"entries\":[],\"entries\":[]}");

        assertThat(failure().getMessage()).contains("is not valid JSON").contains("Duplicate field 'entries'");
    }

    @Test
    void invalidUtf8InJournal() throws Exception {
        Files.createDirectories(root.resolve("meta"));
        Files.write(root.resolve("meta/_journal.json"), new byte[]{'{', '"', (byte) 0xE9, '"', ':', '1', '}'});

        MigrationFileException e = failure();

        assertThat(e.file()).isEqualTo(root.resolve("meta/_journal.json"));
        assertThat(e.getMessage()).isEqualTo(root.resolve("meta/_journal.json")
                + " is not valid UTF-8: bad byte 0xe9 at line 1 (byte offset 2)");
    }

    @Test
    void journalWithBom() throws Exception {
        write("meta/_journal.json", "\uFEFF{\"dialect\":\"postgresql\",\"entries\":[" + entry(0, 1L, "0000_a") + "]}");
        write("0000_a/migration.sql", "SELECT 1;");

        assertThat(MigrationDirectory.read(root).migrations()).extracting(Migration::tag).containsExactly("0000_a");
    }

    @Test
    void emptyJournal() throws Exception {
        write("meta/_journal.json", "  \n");

        MigrationFileException e = failure();
        assertThat(e.getMessage()).isEqualTo(root.resolve("meta/_journal.json") + " is empty");
        assertThat(e.fix()).contains("\"entries\":[]");
    }

    @Test
    void journalRootMustBeObject() throws Exception {
        write("meta/_journal.json", "[]");

        assertJournalError("must hold a JSON object, found array");
    }

    @Test
    void entriesMissing() throws Exception {
        write("meta/_journal.json", "{\"version\":\"7\",\"dialect\":\"postgresql\"}");

        assertJournalError("has no \"entries\" array");
    }

    @Test
    void entriesNotArray() throws Exception {
        write("meta/_journal.json", "{\"entries\":{}}");

        assertJournalError("has \"entries\" of type object, expected an array");
    }

    @Test
    void entryNotObject() throws Exception {
        write("meta/_journal.json", "{\"entries\":[\"0000_a\"]}");

        assertJournalError("entry #0 of \"entries\" in " + root.resolve("meta/_journal.json") + " is string");
    }

    @Test
    void entryWithoutTag() throws Exception {
        write("meta/_journal.json", "{\"entries\":[{\"idx\":0,\"when\":1}]}");

        assertJournalError("has no string \"tag\"");
    }

    @Test
    void entryWithNumericTag() throws Exception {
        write("meta/_journal.json", "{\"entries\":[{\"idx\":0,\"when\":1,\"tag\":7}]}");

        assertJournalError("has no string \"tag\"");
    }

    @Test
    void entryWithPathInTag() throws Exception {
        write("meta/_journal.json", "{\"entries\":[{\"idx\":0,\"when\":1,\"tag\":\"../etc\"}]}");

        assertJournalError("not a plain folder name");
    }

    @Test
    void entryWithoutIdx() throws Exception {
        write("meta/_journal.json", "{\"entries\":[{\"when\":1,\"tag\":\"0000_a\"}]}");

        assertJournalError("entry #0 (0000_a) in " + root.resolve("meta/_journal.json") + " has no integer \"idx\"");
    }

    @Test
    void entryWithStringIdx() throws Exception {
        write("meta/_journal.json", "{\"entries\":[{\"idx\":\"0\",\"when\":1,\"tag\":\"0000_a\"}]}");

        assertJournalError("has no integer \"idx\"");
    }

    @Test
    void entryWithNegativeIdx() throws Exception {
        write("meta/_journal.json", "{\"entries\":[{\"idx\":-1,\"when\":1,\"tag\":\"0000_a\"}]}");

        assertJournalError("has a negative idx -1");
    }

    @Test
    void entryWithoutWhen() throws Exception {
        write("meta/_journal.json", "{\"entries\":[{\"idx\":0,\"tag\":\"0000_a\"}]}");

        assertJournalError("has no integer \"when\"");
    }

    @Test
    void entryWithTextBreakpoints() throws Exception {
        write("meta/_journal.json", "{\"entries\":[{\"idx\":0,\"when\":1,\"tag\":\"0000_a\",\"breakpoints\":\"yes\"}]}");

        assertJournalError("\"breakpoints\" of type string");
    }

    @Test
    void duplicateIdx() throws Exception {
        journal(entry(3, 1L, "0003_mine"), entry(3, 2L, "0003_theirs"));
        write("0003_mine/migration.sql", "SELECT 1;");
        write("0003_theirs/migration.sql", "SELECT 2;");

        MigrationFileException e = assertJournalError("has two entries with idx 3: 0003_mine and 0003_theirs");
        assertThat(e.fix()).contains("db:generate");
    }

    @Test
    void duplicateTag() throws Exception {
        journal(entry(0, 1L, "0000_a"), entry(1, 2L, "0000_a"));
        write("0000_a/migration.sql", "SELECT 1;");

        MigrationFileException e = assertJournalError("has two entries with tag 0000_a");
        assertThat(e.fix()).contains("Remove the duplicate entry");
    }

    @Test
    void otherDialect() throws Exception {
        write("meta/_journal.json", "{\"version\":\"7\",\"dialect\":\"mysql\",\"entries\":[]}");

        MigrationFileException e = assertJournalError("is a journal for dialect \"mysql\", Shale reads only \"postgresql\"");
        assertThat(e.fix()).contains("PostgreSQL migrations folder");
    }

    @Test
    void entryWithoutFolderOrFile() throws Exception {
        journal(entry(0, 1L, "0000_a"), entry(3, 2L, "0003_x"));
        write("0000_a/migration.sql", "SELECT 1;");
        Files.createDirectories(root.resolve("0003_x")); // folder exists, migration.sql does not

        MigrationFileException e = failure();

        Path journal = root.resolve("meta/_journal.json");
        assertThat(e.file()).isEqualTo(journal);
        assertThat(e.getMessage()).isEqualTo(
                "journal entry 3 (0003_x) in " + journal + " has no folder 0003_x/migration.sql nor file 0003_x.sql");
        assertThat(e.fix()).contains("Restore " + root.resolve("0003_x/migration.sql"))
                .contains("or remove the entry from " + journal);
    }

    @Test
    void invalidUtf8InMigration() throws Exception {
        journal(entry(0, 1L, "0000_a"));
        Files.createDirectories(root.resolve("0000_a"));
        Files.write(root.resolve("0000_a/migration.sql"),
                new byte[]{'S', 'E', 'L', 'E', 'C', 'T', '\n', '\'', (byte) 0xE9, '\'', ';'});

        MigrationFileException e = failure();

        assertThat(e.file()).isEqualTo(root.resolve("0000_a/migration.sql"));
        assertThat(e.getMessage()).isEqualTo(root.resolve("0000_a/migration.sql")
                + " is not valid UTF-8: bad byte 0xe9 at line 2 (byte offset 8)");
        assertThat(e.fix()).contains("Save the file as UTF-8");
    }

    // ---- journal-less folder errors ----

    @Test
    void timestampFolderWithoutMigrationSql() throws Exception {
        write("20250101120000_first/migration.sql", "SELECT 1;");
        write("20250102120000_second/snapshot.json", "{}");

        MigrationFileException e = failure();

        assertThat(e.file()).isEqualTo(root.resolve("20250102120000_second"));
        assertThat(e.getMessage()).isEqualTo(root.resolve("20250102120000_second") + " has no migration.sql");
        assertThat(e.fix()).contains("Restore").contains("delete the folder");
    }

    @Test
    void timestampFolderWithImpossibleDate() throws Exception {
        write("20251399120000_bad/migration.sql", "SELECT 1;");

        MigrationFileException e = failure();

        assertThat(e.getMessage()).contains(root.resolve("20251399120000_bad").toString())
                .contains("not a UTC timestamp yyyyMMddHHmmss");
        assertThat(e.fix()).contains("Rename the folder");
    }

    @Test
    void timestampNamedFileIsNotAFolder() throws Exception {
        write("20250101120000_first/migration.sql", "SELECT 1;");
        write("20250101120000_first.txt", "a note");

        assertThat(MigrationDirectory.read(root).migrations()).hasSize(1);
    }

    // ---- down scripts ----

    @Test
    void missingDownScript() throws Exception {
        journal(entry(3, 1L, "0003_x"));
        write("0003_x/migration.sql", "SELECT 1;");
        MigrationDirectory dir = MigrationDirectory.read(root);

        MigrationFileException e = catchThrowableOfType(MigrationFileException.class,
                () -> dir.readDown(dir.migrations().get(0)));

        assertThat(e.file()).isEqualTo(root.resolve("0003_x/down.sql"));
        assertThat(e.getMessage()).isEqualTo(root.resolve("0003_x/down.sql") + " does not exist");
        assertThat(e.fix()).contains("Write the reverse SQL").contains("roll back to a later tag");
    }

    @Test
    void missingFlatDownScript() throws Exception {
        journal(entry(0, 1L, "0000_a"));
        write("0000_a.sql", "SELECT 1;");
        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThatThrownBy(() -> dir.readDown(dir.migrations().get(0)))
                .isInstanceOf(MigrationFileException.class)
                .hasMessage(root.resolve("0000_a.down.sql") + " does not exist");
    }

    @Test
    void downScriptWithOnlyComments() throws Exception {
        journal(entry(0, 1L, "0000_a"));
        write("0000_a/migration.sql", "SELECT 1;");
        write("0000_a/down.sql", "\uFEFF-- nothing to undo\r\n\n/* not /* yet */ written */\n  ;\n--> statement-breakpoint\n");
        MigrationDirectory dir = MigrationDirectory.read(root);

        MigrationFileException e = catchThrowableOfType(MigrationFileException.class,
                () -> dir.readDown(dir.migrations().get(0)));

        assertThat(e.file()).isEqualTo(root.resolve("0000_a/down.sql"));
        assertThat(e.getMessage()).startsWith(root.resolve("0000_a/down.sql") + " has no statement");
        assertThat(e.fix()).contains("Write the reverse SQL");
    }

    @Test
    void emptyDownScript() throws Exception {
        journal(entry(0, 1L, "0000_a"));
        write("0000_a/migration.sql", "SELECT 1;");
        write("0000_a/down.sql", "");
        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThatThrownBy(() -> dir.readDown(dir.migrations().get(0)))
                .hasMessageContaining("has no statement");
    }

    @Test
    void downScriptWithStatementAfterComments() throws Exception {
        journal(entry(0, 1L, "0000_a"));
        write("0000_a/migration.sql", "SELECT 1;");
        String down = "-- undo\n/* c */ DROP TABLE a; -- trailing\n";
        write("0000_a/down.sql", down);
        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThat(dir.readDown(dir.migrations().get(0))).isEqualTo(down);
    }

    @Test
    void readsAThousandMigrationsInJournalOrder() throws Exception {
        // Speed is measured by bench/migrate-benchmark.sh, not asserted here.
        int count = 1_000;
        List<String> entries = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--) {
            String tag = String.format("%05d_m", i);
            entries.add(entry(i, 1700000000000L + i, tag));
            Path folder = Files.createDirectory(root.resolve(tag));
            Files.writeString(folder.resolve("migration.sql"), "CREATE TABLE t" + i + " (id int);\n");
        }
        journal(entries.toArray(String[]::new));

        MigrationDirectory dir = MigrationDirectory.read(root);

        assertThat(dir.migrations()).hasSize(count);
        assertThat(dir.migrations().get(0).tag()).isEqualTo("00000_m");
        assertThat(dir.migrations().get(count - 1).tag()).isEqualTo("00999_m");
        assertThat(dir.migrations().get(count - 1).sql()).isEqualTo("CREATE TABLE t999 (id int);\n");
    }

    // ---- helpers ----

    private MigrationFileException assertJournalError(String messagePart) {
        MigrationFileException e = failure();
        Path journal = root.resolve("meta/_journal.json");
        assertThat(e.file()).isEqualTo(journal);
        assertThat(e.getMessage()).contains(journal.toString()).contains(messagePart);
        assertThat(e.fix()).isNotBlank();
        return e;
    }

    private MigrationFileException failure() {
        MigrationFileException e = catchThrowableOfType(MigrationFileException.class, () -> MigrationDirectory.read(root));
        assertThat(e).as("MigrationDirectory.read should have failed").isNotNull();
        return e;
    }

    private static String entry(int idx, long when, String tag) {
        return "{\"idx\":" + idx + ",\"version\":\"7\",\"when\":" + when + ",\"tag\":\"" + tag + "\",\"breakpoints\":true}";
    }

    private void journal(String... entries) throws IOException {
        write("meta/_journal.json",
                "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":[" + String.join(",", entries) + "]}");
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
