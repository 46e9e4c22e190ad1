package io.github.shaledb.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Maven as root (a CI container) on a project folder only its owner may enter: the embedded server still works. */
class EmbeddedAsRootIT {

    @Test
    void migrateWithTheEmbeddedServerInAProjectOnlyItsOwnerCanEnter() throws Exception {
        assumeThat(System.getProperty("user.name")).as("the server runs as another user only for root").isEqualTo("root");
        ItProject project = ItProject.copy("migrate-embedded");
        Files.setPosixFilePermissions(project.dir, PosixFilePermissions.fromString("rwx------"));
        String version = System.getProperty("pg.version");

        MavenBuild.Result migrate = project.mvn("db:migrate").property("db.url", "embedded")
                .property("db.postgresVersion", version).run();

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.log()).contains("[1/2] 0000_create_users").contains("db.current = 0001_add_orders");
        // The data lives where the server's user can reach it; the project's data directory links to it.
        Path link = project.path("target/shale/postgres");
        assertThat(link).isSymbolicLink();
        Path kept = Files.readSymbolicLink(link);
        try (Stream<Path> files = Files.walk(kept)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.deleteIfExists(kept.resolveSibling(kept.getFileName() + ".log"));
    }
}
