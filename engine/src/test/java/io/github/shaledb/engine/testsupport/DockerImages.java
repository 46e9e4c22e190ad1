package io.github.shaledb.engine.testsupport;

/**
 * The images the Docker tests start: the official {@code postgres} one and pgvector's, both PostgreSQL 16 by default.
 * A machine without Docker Hub names its own with system properties (Maven passes {@code -D…} to the tests):
 * {@code -Dshale.dockerImage=postgres:15-local -Dshale.dockerVectorImage=local/pgvector:pg15
 * -Dshale.dockerMajor=15}.
 */
public final class DockerImages {
    /** An image of the official {@code postgres} one: {@code postgres:16-alpine}. */
    public static final String POSTGRES = System.getProperty("shale.dockerImage", "postgres:16-alpine");
    /** An image built on the official one that has the {@code vector} extension: {@code pgvector/pgvector:pg16}. */
    public static final String PGVECTOR = System.getProperty("shale.dockerVectorImage", "pgvector/pgvector:pg16");
    /** The PostgreSQL major version both images run. */
    public static final int MAJOR = Integer.getInteger("shale.dockerMajor", 16);

    private DockerImages() {
    }
}
