package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A folder drizzle-kit wrote in its flat layout, extended by db:generate, then migrated, rolled back and checked. */
class DrizzleFlatLayoutTest extends SchemaTestBase {
    static final String USERS_AND_ORDERS = """
            CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
            CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id),
              total numeric(10, 2) NOT NULL);
            CREATE INDEX orders_user_id_idx ON orders (user_id);
            """;

    private Path migrations() {
        return project.resolve("src/main/db/migrations");
    }

    /** Copies the drizzle-kit folder of the test resources (two migrations, drizzle-kit's snapshots). */
    static void copyDrizzleKitFolder(Path target) throws IOException {
        Path source = Path.of("src/test/resources/drizzle-kit-flat");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path copy = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
    }

    @Test
    void generateWritesTheNextMigrationFlatBesideDrizzleKitsFiles(TestDatabase db) throws Exception {
        copyDrizzleKitFolder(migrations());
        byte[] drizzleSnapshot = Files.readAllBytes(migrations().resolve("meta/0001_snapshot.json"));
        schemaFile("a.sql", USERS_AND_ORDERS + "ALTER TABLE users ADD COLUMN name text;");

        GenerateResult result = shale.generate(shadowSettings(db).name("add_name").build(), null);

        assertThat(result.tag()).isEqualTo("0002_add_name");
        assertThat(list(migrations())).containsExactly("0000_create_users.sql", "0001_add_orders.sql",
                "0002_add_name.down.sql", "0002_add_name.sql", "meta");
        assertThat(list(migrations().resolve("meta"))).containsExactly("0000_snapshot.json", "0001_snapshot.json",
                "0002_snapshot.json", "_journal.json");
        assertThat(Files.readString(migrations().resolve("0002_add_name.sql"))).containsIgnoringCase("add column");
        assertThat(Files.readString(migrations().resolve("0002_add_name.down.sql"))).containsIgnoringCase("drop column");
        assertThat(Files.readAllBytes(migrations().resolve("meta/0001_snapshot.json"))).isEqualTo(drizzleSnapshot);
        assertThat(SnapshotJson.read(migrations().resolve("meta/0002_snapshot.json")).model())
                .isEqualTo(modelOf(USERS_AND_ORDERS + "ALTER TABLE users ADD COLUMN name text;"));
        assertThat(Files.readString(migrations().resolve("meta/_journal.json")))
                .contains("\"tag\": \"0001_add_orders\"").contains("\"tag\": \"0002_add_name\"");
        assertThat(log()).contains("Wrote src/main/db/migrations/0002_add_name.sql (1 statement, 0002_add_name.down.sql"
                + " and meta/0002_snapshot.json)");

        // The next one chains to Shale's snapshot of 0002, without replaying.
        schemaFile("a.sql", USERS_AND_ORDERS + "ALTER TABLE users ADD COLUMN name text; ALTER TABLE users ADD COLUMN age int;");
        events.clear();
        GenerateResult next = shale.generate(shadowSettings(db).name("add_age").build(), null);

        assertThat(next.tag()).isEqualTo("0003_add_age");
        assertThat(SnapshotJson.read(migrations().resolve("meta/0003_snapshot.json")).prevId())
                .isEqualTo(SnapshotJson.read(migrations().resolve("meta/0002_snapshot.json")).id());
        assertThat(Files.readString(migrations().resolve("0003_add_age.sql"))).contains("age").doesNotContain("name");
    }

    @Test
    void rollbackRunsTheDownScriptWrittenBesideTheFlatMigration(TestDatabase db) throws Exception {
        copyDrizzleKitFolder(migrations());
        schemaFile("a.sql", USERS_AND_ORDERS + "ALTER TABLE users ADD COLUMN name text;");
        shale.generate(shadowSettings(db).name("add_name").build(), null);
        shale.migrate(settings(db).build());
        assertThat(db.queryStrings("select column_name from information_schema.columns where table_name = 'users'"
                + " order by column_name")).containsExactly("email", "id", "name");

        RollbackResult result = shale.rollback(settings(db).build());

        assertThat(result.rolledBack()).extracting(r -> r.tag()).containsExactly("0002_add_name");
        assertThat(db.queryStrings("select column_name from information_schema.columns where table_name = 'users'"
                + " order by column_name")).containsExactly("email", "id");
    }

    @Test
    void checkVerifiesAFlatFolderAndSaysWhatItCouldNotCheck(TestDatabase db) throws Exception {
        copyDrizzleKitFolder(migrations());
        schemaFile("a.sql", USERS_AND_ORDERS + "ALTER TABLE users ADD COLUMN name text;");
        shale.generate(shadowSettings(db).name("add_name").build(), null);
        Files.delete(schemaDir().resolve("a.sql"));
        events.clear();

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).isEmpty();
        assertThat(result.replayed()).isEqualTo(3);
        assertThat(log()).contains("Not checked: the schema files against the snapshots (" + schemaDir()
                + " holds no .sql file); the replay against a snapshot for 2 migrations without a Shale snapshot"
                + " (0000_create_users, 0001_add_orders); the down script of 2 migrations without one, which db:rollback"
                + " cannot undo (0000_create_users, 0001_add_orders); drift of a live database (no db.url, DATABASE_URL or PGHOST/PGDATABASE/PGSERVICE).");
    }

    @Test
    void checkComparesTheSchemaFilesWithTheReplayWhenTheNewestMigrationHasNoShaleSnapshot(TestDatabase db)
            throws Exception {
        copyDrizzleKitFolder(migrations());
        schemaFile("a.sql", USERS_AND_ORDERS + "ALTER TABLE users ADD COLUMN name text;");

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).containsExactly("The schema files in src/main/db/schema differ from the replayed"
                + " migrations (table public.users differs (column name extra)): run db:generate");
    }

    @Test
    void checkWithoutSchemaFilesChecksTheMigrations(TestDatabase db) throws Exception {
        MigrationsFolder f = folder();
        add(f, "create_users", "create table users (id int primary key);", "drop table users;");
        add(f, "add_email", "alter table users add column email text;", "alter table users drop column email;");

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).isEmpty();
        assertThat(result.replayed()).isEqualTo(2);
        assertThat(log()).contains("Not checked: the schema files against the snapshots (no schema directory "
                + schemaDir() + "; set db.schemaDir if the schema files are elsewhere); drift of a live database");
    }

    @Test
    void writtenFoldersAndFilesGetTheModesOfAnyNewFileNotPrivateOnes(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key);");
        Path reference = Files.createDirectory(project.resolve("reference"));
        Path referenceFile = Files.createFile(project.resolve("reference.txt"));
        String directoryMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(reference));
        String fileMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(referenceFile));

        shale.generate(shadowSettings(db).build(), null);

        Path folder = migrations().resolve("0000_create_users");
        assertThat(mode(folder)).isEqualTo(directoryMode);
        assertThat(mode(migrations().resolve("meta"))).isEqualTo(directoryMode);
        for (Path file : List.of(folder.resolve("migration.sql"), folder.resolve("down.sql"),
                folder.resolve("snapshot.json"), migrations().resolve("meta/_journal.json"))) {
            assertThat(mode(file)).as(file.toString()).isEqualTo(fileMode);
        }
        assertThat(list(migrations())).containsExactly("0000_create_users", "meta");
    }

    @Test
    void aJournalKeepsItsModeWhenAnEntryIsAdded(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key);");
        shale.generate(shadowSettings(db).build(), null);
        Path journal = migrations().resolve("meta/_journal.json");
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-rw-r--"));
        schemaFile("a.sql", "create table users (id int primary key, email text);");

        shale.generate(shadowSettings(db).build(), null);

        assertThat(Files.readString(journal)).contains("0001_alter_users");
        assertThat(mode(journal)).isEqualTo("rw-rw-r--");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
