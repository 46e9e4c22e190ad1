package io.github.shaledb.engine.container;

import io.github.shaledb.engine.api.EnvironmentException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerFetchException;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The Testcontainers side of {@link DockerPostgres}: the only class that names its types, loaded once it is known present. */
final class TestcontainersServer {
    private static final int POSTGRES_PORT = 5432;
    private static final DockerImageName OFFICIAL = DockerImageName.parse("postgres");

    private final PostgreSQLContainer container;

    private TestcontainersServer(PostgreSQLContainer container) {
        this.container = container;
    }

    /** Why no Docker engine can be used, in a line; null when one answers. */
    static String dockerUnavailable() {
        try {
            DockerClientFactory.instance().getActiveApiVersion(); // connects (and starts the reaper) or says why not
            return null;
        } catch (IllegalStateException e) {
            return DockerEnvironment.describeFailure(e.getMessage());
        } catch (ContainerLaunchException | ContainerFetchException e) {
            // Docker answered, but the reaper container that removes what a killed build leaves did not start.
            return "Testcontainers' reaper (Ryuk) did not start: " + DockerEnvironment.rootMessage(e)
                    + "; behind a registry mirror set TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX";
        } catch (RuntimeException e) {
            // Testcontainers' set-up throws the unchecked types of the libraries it shades (an Awaitility timeout
            // when a helper image cannot be pulled): said in a line here rather than escaping as they are.
            return DockerEnvironment.describeSetupFailure(DockerEnvironment.rootMessage(e));
        }
    }

    static TestcontainersServer start(String image, String user, String password, String spec)
            throws EnvironmentException {
        // Any image built on the official one: Testcontainers otherwise accepts only postgres and pgvector/pgvector.
        DockerImageName name = DockerImageName.parse(image).asCompatibleSubstituteFor(OFFICIAL);
        PostgreSQLContainer container = new PostgreSQLContainer(name)
                .withDatabaseName("postgres")
                .withUsername(user)
                .withPassword(password);
        try {
            container.start();
            return new TestcontainersServer(container);
        } catch (ContainerFetchException e) {
            // Its message is an Awaitility timeout, and Maven would append "Can't get Docker image: RemoteDockerImage(…)"
            // from the cause: the words below say it, and -X shows nothing more (docker-java's log is off).
            container.stop();
            throw new EnvironmentException("The image " + image + " (" + spec + ") is not on this Docker engine, and"
                    + " pulling it failed within Testcontainers' pull timeout (TESTCONTAINERS_PULL_TIMEOUT, 120 s by"
                    + " default).", "check the image name and tag and that the registry is reachable: docker pull "
                    + image + " shows what the registry says; behind a mirror, set TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX",
                    null);
        } catch (ContainerLaunchException e) {
            container.stop();
            throw new EnvironmentException("The container of " + image + " (" + spec + ") did not start: "
                    + DockerEnvironment.rootMessage(e) + ".", "check the image name and tag (docker pull " + image
                    + " shows what the registry says); behind a mirror, set TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX", e);
        }
    }

    String host() {
        return container.getHost();
    }

    int port() {
        return container.getMappedPort(POSTGRES_PORT);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    void stop() {
        container.stop();
    }
}
