package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.github.shaledb.it.ItProject.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/migrate-on-startup, built as a user builds it ({@code mvn package}) and started twice with
 * {@code java -jar}: the first start applies the migrations packaged in its jar, the second finds nothing to do; both
 * then do the application's work.
 */
@ExtendWith(TestPostgres.class)
class LibraryExampleIT {
    /** it/src/it → the repository's examples folder. */
    private static final Path EXAMPLES = Path.of(System.getProperty("it.projects")).getParent().getParent().getParent()
            .resolve("examples");

    @Test
    void theApplicationMigratesAtStartUpFromItsJarAndASecondStartIsANoOp(TestDatabase database) throws Exception {
        Db db = new Db(database);
        Path project = copy("migrate-on-startup");

        MavenBuild.Result build = MavenBuild.in(project).goals("package")
                .property("shale.version", System.getProperty("shale.version")).online().run();

        assertThat(build.exitCode()).as(build.toString()).isZero();
        Path jar = project.resolve("target/migrate-on-startup.jar");
        assertThat(jar).exists();
        assertThat(project.resolve("target/lib")).isDirectoryContaining("glob:**/shale-engine-*.jar");

        Run first = start(project, jar, database);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output())
                .contains("[shale]").contains("0000_create_notes").contains("0001_add_note_tags")
                .contains("Schema at 0001_add_note_tags: 2 migration(s) applied")
                .contains("Recorded this start-up as note 1");
        if (database.password() != null && !database.password().isEmpty()) {
            assertThat(first.output()).doesNotContain(database.password());
        }
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.note_tags", "public.notes");
        Path migrations = project.resolve("src/main/resources/db/migration");
        List<String> rows = db.trackingRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("0000_create_notes " + sha256(migrations.resolve("0000_create_notes/migration.sql")));
        assertThat(rows.get(1)).startsWith("0001_add_note_tags " + sha256(migrations.resolve("0001_add_note_tags/migration.sql")));

        Run second = start(project, jar, database);

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("Schema at 0001_add_note_tags: 0 migration(s) applied")
                .contains("Recorded this start-up as note 2");
        assertThat(db.trackingRows()).as("nothing recorded again").isEqualTo(rows);
    }

    private record Run(int exitCode, String output) {
    }

    /** {@code java -jar} with DATABASE_URL at the test database, as a deployment would start it. */
    private static Run start(Path project, Path jar, TestDatabase database) throws IOException, InterruptedException {
        String url = "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.name()
                + "?user=" + database.user()
                + (database.password() == null || database.password().isEmpty() ? "" : "&password=" + database.password());
        Path log = Files.createTempFile(project, "start-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString())
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("DATABASE_URL", url);
        builder.environment().keySet().removeIf(name -> name.startsWith("PG") || name.equals("MIGRATION_TIMEOUT"));
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            MavenBuild.kill(process);
            throw new AssertionError("java -jar " + jar + " did not finish in 2 minutes:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    /** A copy of the example under target/it-work, without what a local build of it left. */
    private static Path copy(String example) throws IOException {
        Path source = EXAMPLES.resolve(example);
        Path target = Path.of(System.getProperty("it.work")).resolve("example-" + example);
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : (Iterable<Path>) old.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
        return target;
    }
}
