package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A library user's application reads its migrations from its own jar, through a zip file system. */
class MigrationsInJarTest extends EngineTestBase {

    @Test
    void migrateAndStatusReadMigrationsInsideAJar(TestDatabase db) throws Exception {
        folder().add("users", "create table users (id int primary key);", "drop table users;")
                .add("orders", "create table orders (id int primary key, user_id int references users);", "drop table orders;");
        Path jar = jar(folder().root(), "db/migration");

        try (FileSystem fs = FileSystems.newFileSystem(jar)) {
            Path migrations = fs.getPath("/db/migration");

            MigrateResult result = shale.migrate(settings(db).migrationsDirectory(migrations).build());
            MigrateResult again = shale.migrate(settings(db).migrationsDirectory(migrations).build());
            StatusResult status = shale.status(settings(db).migrationsDirectory(migrations).build());

            assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::tag).containsExactly("0000_users", "0001_orders");
            assertThat(db.tables()).contains("public.users", "public.orders");
            assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id"))
                    .containsExactly("0000_users", "0001_orders");
            assertThat(again.applied()).isEmpty();
            assertThat(status.count(StatusResult.State.APPLIED)).isEqualTo(2);
        }
    }

    @Test
    void aFailingStatementInsideAJarNamesTheFileInTheJar(TestDatabase db) throws Exception {
        folder().add("bad", "create table a (id int);\n--> statement-breakpoint\nselect x from nowhere;\n", null);
        Path jar = jar(folder().root(), "db/migration");

        try (FileSystem fs = FileSystems.newFileSystem(jar)) {
            assertThatThrownBy(() -> shale.migrate(settings(db).migrationsDirectory(fs.getPath("/db/migration")).build()))
                    .isInstanceOfSatisfying(MigrationSqlException.class, e -> assertThat(e.getMessage())
                            .contains("0000_bad failed at /db/migration/0000_bad/migration.sql:3:15")
                            .contains("relation \"nowhere\" does not exist"));
        }
        assertThat(db.tables()).doesNotContain("public.a");
    }

    /** A jar holding {@code folder}'s files under {@code prefix}, as the resources of an application's jar are. */
    private Path jar(Path folder, String prefix) throws IOException {
        Path jar = project.resolve("app.jar");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(prefix + "/" + folder.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
