package io.github.shaledb.engine.container;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Short words for why Docker cannot be used: Testcontainers' own reason, and what this machine shows. */
final class DockerEnvironment {
    /** How {@link #describeSetupFailure} begins: Docker answered, but Testcontainers could not finish its set-up. */
    static final String SET_UP_FAILED = "Testcontainers could not set up Docker";

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private DockerEnvironment() {
    }

    /**
     * Testcontainers' reason up to its first full stop ("Could not find a valid Docker environment"; it logs the
     * details), then where it looked: DOCKER_HOST, else the default socket.
     */
    static String describeFailure(String testcontainersMessage) {
        return describeFailure(testcontainersMessage, System.getenv(), DEFAULT_SOCKET);
    }

    static String describeFailure(String testcontainersMessage, Map<String, String> env, Path socket) {
        // After a first failure Testcontainers answers "Previous attempts … failed. Will not retry": the same reason.
        String reason = testcontainersMessage == null || testcontainersMessage.startsWith("Previous attempts")
                ? "Could not find a valid Docker environment" : firstSentence(testcontainersMessage);
        String dockerHost = env.get("DOCKER_HOST");
        String where;
        if (dockerHost != null && !dockerHost.isBlank()) {
            where = "DOCKER_HOST=" + dockerHost + " does not answer";
        } else if (Files.exists(socket)) {
            where = socket + " does not answer";
        } else {
            where = "DOCKER_HOST is unset and " + socket + " does not exist";
        }
        return reason + ": " + where;
    }

    /**
     * Docker answered but Testcontainers could not finish setting up. Inside a container (a dev container, a CI job
     * with the host's socket mounted) it first runs a small image (alpine) to find the Docker host's address, which
     * fails where that image cannot be pulled; TESTCONTAINERS_HOST_OVERRIDE names the host instead.
     */
    static String describeSetupFailure(String rootMessage) {
        return describeSetupFailure(rootMessage, Files.exists(Path.of("/.dockerenv")));
    }

    static String describeSetupFailure(String rootMessage, boolean inContainer) {
        return SET_UP_FAILED + ": " + rootMessage.replaceAll("\\.$", "") + (inContainer
                ? "; this build runs inside a container, where Testcontainers starts alpine to find the Docker host"
                + " unless TESTCONTAINERS_HOST_OVERRIDE names it (e.g. localhost)" : "");
    }

    private static String firstSentence(String message) {
        int stop = message.indexOf(". ");
        return (stop < 0 ? message : message.substring(0, stop)).strip().replaceAll("\\.$", "");
    }

    /** The innermost message of a failure: the one that says what went wrong (image not found, timed out). */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
