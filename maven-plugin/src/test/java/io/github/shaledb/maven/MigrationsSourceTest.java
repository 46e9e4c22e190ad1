package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ConfigurationException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** db.migrationsDir=classpath:… and db.migrationsArtifact: how they are read, and the errors a user can cause. */
class MigrationsSourceTest {
    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    @Test
    void artifactCoordinatesTakeAnOptionalClassifierAndExtension() throws Exception {
        assertThat(MigrationsSource.ArtifactCoordinates.parse("com.example:orders-migrations:1.4.0"))
                .isEqualTo(new MigrationsSource.ArtifactCoordinates("com.example", "orders-migrations", "1.4.0", "", "jar"));
        assertThat(MigrationsSource.ArtifactCoordinates.parse(" com.example:orders:1.4.0:migrations "))
                .isEqualTo(new MigrationsSource.ArtifactCoordinates("com.example", "orders", "1.4.0", "migrations", "jar"));
        MigrationsSource.ArtifactCoordinates zip = MigrationsSource.ArtifactCoordinates.parse("com.example:orders:1.4.0::zip");
        assertThat(zip).isEqualTo(new MigrationsSource.ArtifactCoordinates("com.example", "orders", "1.4.0", "", "zip"));
        assertThat(zip).hasToString("com.example:orders:1.4.0::zip");
    }

    @Test
    void malformedCoordinatesNameTheParameterAndTheForm() {
        for (String spec : new String[] {"com.example:orders", "com.example::1.4.0", "a:b:c:d:e:f"}) {
            assertThatThrownBy(() -> MigrationsSource.ArtifactCoordinates.parse(spec))
                    .isInstanceOfSatisfying(ConfigurationException.class,
                            e -> assertThat(e.parameter()).isEqualTo("db.migrationsArtifact"))
                    .hasMessage("db.migrationsArtifact=" + spec + " is not groupId:artifactId:version[:classifier[:extension]].");
        }
        assertThatThrownBy(() -> MigrationsSource.ArtifactCoordinates.parse("com.example:orders:[1.0,2.0)"))
                .hasMessageContaining("has no fixed version: a deploy runs exactly the migrations of one release");
    }

    @Test
    void classpathPathIsTrimmedOfSlashesAndMustNameAFolder() throws Exception {
        assertThat(MigrationsSource.classpathPath("classpath:/db/migration/")).isEqualTo("db/migration");
        assertThat(MigrationsSource.classpathPath("src/main/db/migrations")).isNull();
        assertThatThrownBy(() -> MigrationsSource.classpathPath("classpath:"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.parameter()).isEqualTo("db.migrationsDir"))
                .hasMessage("db.migrationsDir=classpath: names no folder of the class path.");
        assertThatThrownBy(() -> MigrationsSource.classpathPath("classpath:../secrets")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void classpathReadsTheCompiledClassesThenTheResourceFolder() throws Exception {
        Path resources = Files.createDirectories(project.resolve("src/main/resources/db/migration"));
        MigrateMojo mojo = Mojos.create(MigrateMojo::new, project, null, log);
        mojo.migrationsDir = "classpath:db/migration";

        assertThat(mojo.shaleSettings().migrationsDirectory()).as("classes not built").isEqualTo(resources);
        assertThat(log.text()).contains("[DEBUG] classpath:db/migration: " + resources + " (the resource folder;");

        Path classes = Files.createDirectories(project.resolve("target/classes/db/migration"));
        assertThat(mojo.shaleSettings().migrationsDirectory()).isEqualTo(classes);
    }

    @Test
    void aGoalThatReadsNoMigrationsSaysTheArtifactIsNotUsed() throws Exception {
        PushMojo mojo = Mojos.create(PushMojo::new, project, null, log);
        mojo.migrationsArtifact = "com.example:orders-migrations:1.4.0";

        mojo.shaleSettings();

        assertThat(log.text()).contains("[INFO] db:push reads no migrations, so"
                + " db.migrationsArtifact=com.example:orders-migrations:1.4.0 is not used.");
    }

    @Test
    void classpathFoundNowhereWarnsAndReadsWhereGenerateWouldWrite() throws Exception {
        StatusMojo mojo = Mojos.create(StatusMojo::new, project, null, log);
        mojo.migrationsDir = "classpath:db/migration";

        assertThat(mojo.shaleSettings().migrationsDirectory()).isEqualTo(project.resolve("src/main/resources/db/migration"));
        assertThat(log.text()).contains("[WARNING] classpath:db/migration is in neither");
    }

    @Test
    void generateWritesClasspathIntoTheFirstResourceFolderAndRefusesAnArtifact() throws Exception {
        GenerateMojo mojo = Mojos.create(GenerateMojo::new, project, null, log);
        mojo.migrationsDir = "classpath:db/migration";
        Files.createDirectories(project.resolve("target/classes/db/migration")); // a stale copy is not where it writes

        assertThat(mojo.shaleSettings().migrationsDirectory()).isEqualTo(project.resolve("src/main/resources/db/migration"));

        mojo.migrationsArtifact = "com.example:orders-migrations:1.4.0";
        assertThatThrownBy(mojo::shaleSettings).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("db:generate writes the project's own migrations folder, not the released artifact"
                        + " db.migrationsArtifact=com.example:orders-migrations:1.4.0.")
                .hasMessageContaining("Fix: run db:generate without -Ddb.migrationsArtifact");
    }

    @Test
    void goalsThatReadNoMigrationsDoNotResolveTheArtifact() throws Exception {
        // No repository system here: resolving would fail.
        PushMojo push = Mojos.create(PushMojo::new, project, null, log);
        push.migrationsArtifact = "com.example:orders-migrations:1.4.0";
        UnlockMojo unlock = Mojos.create(UnlockMojo::new, project, null, log);
        unlock.migrationsDir = "classpath:db/migration";

        assertThat(push.shaleSettings().migrationsDirectory()).isNull();
        assertThat(unlock.shaleSettings().migrationsDirectory()).isNull();
    }

    @Test
    void badCoordinatesFailTheBuildBeforeAnyResolution() {
        RollbackMojo mojo = Mojos.create(RollbackMojo::new, project, null, log);
        mojo.migrationsArtifact = "orders-migrations:1.4.0";

        assertThatThrownBy(mojo::shaleSettings).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.migrationsArtifact=orders-migrations:1.4.0 is not groupId:artifactId:version");
    }

    @Test
    void anArtifactWithSeveralJournalsAsksForTheFolder() throws Exception {
        Path jar = jar("orders-1.4.0.jar", "META-INF/MANIFEST.MF", "db/migration/meta/_journal.json",
                "db/migration/0000_x/migration.sql", "tenant/meta/_journal.json", "other/_journal.json");
        MigrationsSource.ArtifactCoordinates coordinates = MigrationsSource.ArtifactCoordinates.parse("com.example:orders:1.4.0");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(MigrationsSource.journalFolders(zip)).containsExactly("db/migration", "tenant");
            assertThatThrownBy(() -> MigrationsSource.journalFolder(zip, jar.toFile(), coordinates))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.describe()).isEqualTo(
                            "orders-1.4.0.jar (db.migrationsArtifact=com.example:orders:1.4.0) has 2 folders holding"
                            + " meta/_journal.json: db/migration, tenant." + System.lineSeparator() + "  Fix: pick the"
                            + " migrations folder with -Ddb.migrationsDir=classpath:<path in the jar>, e.g. classpath:db/migration"));
        }
        Path none = jar("empty-1.0.jar", "META-INF/MANIFEST.MF");
        try (ZipFile zip = new ZipFile(none.toFile())) {
            assertThatThrownBy(() -> MigrationsSource.journalFolder(zip, none.toFile(), coordinates))
                    .hasMessage("empty-1.0.jar (db.migrationsArtifact=com.example:orders:1.4.0) has no folder holding"
                            + " meta/_journal.json.");
        }
    }

    @Test
    void extractionReplacesTheLastRunsCopyAndNamesTheJarInItsPath() throws Exception {
        Path jar = jar("orders-1.4.0.jar", "db/migration/meta/_journal.json", "db/migration/0000_x/migration.sql",
                "db/other.txt", "db/migration/../../../escape.sql");
        MigrationsSource source = new MigrationsSource(Mojos.create(MigrateMojo::new, project, null, log).project, null, null, log);
        Path stale = project.resolve("target/shale/migrations/orders-1.4.0.jar/db/migration/0009_gone/migration.sql");
        Files.createDirectories(stale.getParent());
        Files.writeString(stale, "SELECT 1;");

        Path folder;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            folder = source.extract(jar.toFile(), zip, "db/migration");
        }

        assertThat(folder).isEqualTo(project.resolve("target/shale/migrations/orders-1.4.0.jar/db/migration"));
        assertThat(folder.resolve("0000_x/migration.sql")).hasContent("db/migration/0000_x/migration.sql");
        assertThat(folder.resolve("meta/_journal.json")).exists();
        assertThat(stale).as("replaced on each run").doesNotExist();
        assertThat(folder.resolve("../other.txt")).as("only the folder").doesNotExist();
        assertThat(project.resolve("target/shale/migrations/escape.sql")).as("no entry escapes the folder").doesNotExist();
    }

    /** A jar whose entries hold their own names. */
    private Path jar(String name, String... entries) throws Exception {
        Path jar = project.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
