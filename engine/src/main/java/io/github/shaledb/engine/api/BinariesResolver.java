package io.github.shaledb.engine.api;

import java.nio.file.Path;

/**
 * Supplies the embedded server's binaries for the version the engine chose: {@code db:generate} runs its
 * scratch server at the target's major version, so only the engine knows which one it needs. The Maven
 * plugin resolves the {@link BinariesArtifact} the engine names through the project's repositories. A library user
 * who never starts an embedded server (migrate, rollback, status against a real database) needs none. Called on the
 * verb's thread.
 */
@FunctionalInterface
public interface BinariesResolver {
    /**
     * @param artifact this machine's binaries artifact at the version needed
     * @return a jar or {@code .txz} holding the platform's {@code postgres-*.txz} archive
     * @throws ShaleException the binaries cannot be had (an {@link EnvironmentException} naming the artifact)
     */
    Path resolve(BinariesArtifact artifact) throws ShaleException;
}
