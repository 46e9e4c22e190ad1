package io.github.shaledb.engine.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What DockerPostgres says without a Docker engine or without Testcontainers; no container is started. */
class DockerPostgresTest {

    @Test
    void withoutTestcontainersOnTheClassPathTheErrorNamesTheDependency() throws Exception {
        // The engine's classes alone, as a library user has them who did not add the optional dependency.
        URL engineClasses = DockerPostgres.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader engineOnly = new URLClassLoader(new URL[] {engineClasses}, ClassLoader.getPlatformClassLoader())) {
            Class<?> docker = engineOnly.loadClass(DockerPostgres.class.getName());
            Method start = docker.getMethod("start", String.class, String.class, Consumer.class);
            Consumer<String> ignore = line -> { };

            Throwable thrown = null;
            try {
                start.invoke(null, "postgres:16", "db.shadowUrl", ignore);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            }

            assertThat(thrown).isNotNull();
            assertThat(thrown.getClass().getName()).isEqualTo("io.github.shaledb.engine.api.ConfigurationException");
            assertThat(thrown.getMessage()).isEqualTo("db.shadowUrl=docker:postgres:16 needs Testcontainers, which is not"
                    + " on the class path (the Shale engine declares it optional; the Maven plugin brings it).");
            assertThat(thrown.getClass().getMethod("fix").invoke(thrown)).isEqualTo("add the dependency"
                    + " org.testcontainers:testcontainers-postgresql (2.0.4 or later) next to shale-engine, or leave"
                    + " db.shadowUrl unset for a temporary embedded server without Docker");
            assertThat(docker.getMethod("unavailableReason").invoke(null)).isEqualTo("Testcontainers is not on the class path");
        }
    }

    @Test
    void theReasonDockerIsMissingSaysWhereItWasLookedFor(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("docker.sock");
        String tc = "Could not find a valid Docker environment. Please see logs and check configuration";

        assertThat(DockerEnvironment.describeFailure(tc, Map.of(), socket))
                .isEqualTo("Could not find a valid Docker environment: DOCKER_HOST is unset and " + socket + " does not exist");
        assertThat(DockerEnvironment.describeFailure(tc, Map.of("DOCKER_HOST", "tcp://10.0.0.9:2375"), socket))
                .isEqualTo("Could not find a valid Docker environment: DOCKER_HOST=tcp://10.0.0.9:2375 does not answer");
        Files.createFile(socket);
        assertThat(DockerEnvironment.describeFailure("Previous attempts to find a Docker environment failed. Will not"
                + " retry. Please see logs and check configuration", Map.of(), socket))
                .isEqualTo("Could not find a valid Docker environment: " + socket + " does not answer");
    }

    @Test
    void aSetUpFailureInsideAContainerNamesTheHostOverride() {
        String timeout = "Condition with Lambda expression in org.testcontainers.images.RemoteDockerImage was not"
                + " fulfilled within 2 minutes.";

        assertThat(DockerEnvironment.describeSetupFailure(timeout, true)).isEqualTo("Testcontainers could not set up"
                + " Docker: Condition with Lambda expression in org.testcontainers.images.RemoteDockerImage was not"
                + " fulfilled within 2 minutes; this build runs inside a container, where Testcontainers starts alpine"
                + " to find the Docker host unless TESTCONTAINERS_HOST_OVERRIDE names it (e.g. localhost)");
        assertThat(DockerEnvironment.describeSetupFailure(timeout, false)).isEqualTo("Testcontainers could not set up"
                + " Docker: Condition with Lambda expression in org.testcontainers.images.RemoteDockerImage was not"
                + " fulfilled within 2 minutes");
    }
}
