package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrations read from a released artifact (db.migrationsArtifact) and from the class path (classpath:db/migration). */
@ExtendWith(TestPostgres.class)
class MigrationsArtifactIT {

    @Test
    void aReleasePipelineMigratesAndRollsBackTheReleasedJarOfflineAlsoReadAsADependency(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject release = ItProject.copy("migrations-release");
        MavenBuild.Result installed = release.mvn("install").online().log("install.log").run();
        assertThat(installed.exitCode()).as(installed.toString()).isZero();

        // Offline (MavenBuild's default): the jar comes from the local repository the install filled.
        ItProject deploy = ItProject.copy("deploy-from-artifact");
        MavenBuild.Result migrated = deploy.mvn("db:migrate", "db:status").database(database).log("migrate.log").run();

        assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
        Path extracted = deploy.path("target/shale/migrations/migrations-release-1.0.0.jar/db/migration");
        assertThat(migrated.log())
                .contains("[INFO] Migrations of it.shale:migrations-release:1.0.0: migrations-release-1.0.0.jar!/db/migration/,"
                        + " extracted to " + extracted + ".")
                .containsPattern("\\[INFO] Applied 2 migrations in")
                .containsPattern("\\[INFO\\] 0001_add_orders +applied +\\d{4}-");
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.orders", "public.users");
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0001_add_orders");
        assertThat(db.trackingRows().get(1)).startsWith("0001_add_orders "
                + ItProject.sha256(release.path("src/main/resources/db/migration/0001_add_orders/migration.sql")));

        MavenBuild.Result rolledBack = deploy.mvn("db:rollback").database(database).log("rollback.log").run();

        assertThat(rolledBack.exitCode()).as(rolledBack.toString()).isZero();
        assertThat(rolledBack.log()).contains("migrations-release-1.0.0.jar!/db/migration/")
                .contains("db.current = 0000_create_users");
        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.users");
        assertThat(db.appliedNames()).containsExactly("0000_create_users");

        MavenBuild.Result fromDependency = deploy.mvn("db:status").database(database).property("db.migrationsArtifact", "")
                .property("db.migrationsDir", "classpath:db/migration").log("status-classpath.log").run();

        assertThat(fromDependency.exitCode()).as(fromDependency.toString()).isZero();
        assertThat(fromDependency.log()).as("read from the dependency jar").doesNotContain("[WARNING]")
                .containsPattern("\\[INFO\\] 0000_create_users +applied +\\d{4}-")
                .containsPattern("\\[INFO\\] 0001_add_orders +pending +-");

        MavenBuild.Result unknown = deploy.mvn("db:migrate").database(database)
                .property("db.migrationsArtifact", "it.shale:migrations-release:9.9.9").log("unknown.log").run();

        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.log()).contains("BUILD FAILURE")
                .contains("db.migrationsArtifact=it.shale:migrations-release:9.9.9 cannot be resolved offline (-o) from the"
                        + " local repository " + System.getProperty("it.repo") + " (remote repositories, not contacted"
                        + " offline: central (https://repo.maven.apache.org/maven2)): ")
                .contains("Fix: check the coordinates (groupId:artifactId:version[:classifier[:extension]]) and that this"
                        + " version was deployed; or build without -o once to download it");
        assertThat(db.appliedNames()).containsExactly("0000_create_users");
    }

    @Test
    void classpathMigrationsAreReadFromTheResourceFolderBeforeTheClassesAreBuilt(TestDatabase database) throws Exception {
        ItProject project = ItProject.copy("migrate-classpath");

        MavenBuild.Result result = project.mvn("db:migrate").database(database)
                .property("db.migrationsDir", "classpath:db/migration").run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log()).containsPattern("\\[INFO] Applied 2 migrations in");
        assertThat(project.path("target/classes")).doesNotExist();
        assertThat(new Db(database).appliedNames()).containsExactly("0000_create_users", "0001_add_orders");
        assertThat(new Db(database).tables()).containsExactly("drizzle.__drizzle_migrations", "public.orders", "public.users");
    }

    @Test
    void classpathMigrationsAreReadFromTheCompiledClasses(TestDatabase database) throws Exception {
        ItProject project = ItProject.copy("migrate-classpath");
        MavenBuild.Result compiled = project.mvn("compile").online().log("compile.log").run();
        assertThat(compiled.exitCode()).as(compiled.toString()).isZero();
        deleteTree(project.path("src/main/resources/db")); // only target/classes holds them now

        MavenBuild.Result result = project.mvn("db:migrate").database(database)
                .property("db.migrationsDir", "classpath:db/migration").run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log()).containsPattern("\\[INFO] Applied 2 migrations in");
        assertThat(new Db(database).appliedNames()).containsExactly("0000_create_users", "0001_add_orders");
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
