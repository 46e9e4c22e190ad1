package io.github.shaledb.maven;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.BinariesArtifact;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.nio.file.Path;
import java.util.List;

/**
 * Fetches the embedded server's binaries for this machine only, at run time, through the project's
 * repositories: the plugin's own class path never carries the binaries of every platform.
 */
final class PostgresBinariesResolver {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    PostgresBinariesResolver(RepositorySystem system, RepositorySystemSession session,
                             List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /** Called by the engine with the artifact it chose; a failure is the environment's (repositories, offline). */
    Path resolve(BinariesArtifact binaries) throws EnvironmentException {
        DefaultArtifact artifact = new DefaultArtifact(binaries.groupId(), binaries.artifactId(), "jar",
                binaries.version());
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new EnvironmentException("Cannot resolve the embedded PostgreSQL binaries " + artifact
                    + ": " + e.getMessage(), "check the repositories (or build online once), or choose an"
                    + " available server version with -D" + DbProperties.POSTGRES_VERSION + "=…", e);
        }
    }
}
