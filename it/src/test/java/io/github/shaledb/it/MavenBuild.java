package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One {@code mvn} run as a separate process, offline against the repository that invoker:install filled,
 * with its output in a build log. Several can run at once.
 */
final class MavenBuild {
    private static final Path MVN = Path.of(System.getProperty("shale.it.mavenHome"), "bin", "mvn");
    private static final Path REPO = Path.of(System.getProperty("it.repo"));
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path directory;
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String logName = "build.log";
    private boolean online;
    /**
     * Online builds run one at a time. Two Maven 3.8 processes downloading the same file into one local repository
     * collide (its resolver has no cross-process locks: a {@code .part} file vanishes under the other); the
     * file-lock options below protect Maven 3.9 and 4 only.
     */
    private static final Semaphore ONLINE = new Semaphore(1, true);
    private Duration timeout = TIMEOUT;

    private MavenBuild(Path directory) {
        this.directory = directory;
    }

    /** Maven 4 encrypts passwords with mvnenc; Maven 3's --encrypt-password is gone. */
    static boolean hasMvnenc() {
        return Files.exists(MVN.resolveSibling("mvnenc"));
    }

    static MavenBuild in(Path directory) {
        return new MavenBuild(directory);
    }

    MavenBuild goals(String... goals) {
        arguments.addAll(List.of(goals));
        return this;
    }

    MavenBuild property(String name, Object value) {
        arguments.add("-D" + name + "=" + value);
        return this;
    }

    /** Points the build at the test database by {@code db.url}, {@code db.user} and {@code db.password}. */
    MavenBuild database(TestDatabase db) {
        property("db.url", "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name());
        property("db.user", db.user());
        if (db.password() != null && !db.password().isEmpty()) {
            property("db.password", db.password());
        }
        return this;
    }

    MavenBuild arguments(String... more) {
        arguments.addAll(List.of(more));
        return this;
    }

    MavenBuild environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Lets the build download what it-repo lacks from Maven Central (into it-repo): for projects that run a whole
     * lifecycle (compiler, Surefire, Failsafe, Spring Boot), whose plugins and libraries invoker:install does not
     * provide. The plugin under test still comes from it-repo.
     */
    MavenBuild online() {
        online = true;
        return this;
    }

    /** Longer than the default 3 minutes: for a build that may first download a framework (cold it-repo). */
    MavenBuild timeout(Duration limit) {
        timeout = limit;
        return this;
    }

    MavenBuild log(String name) {
        logName = name;
        return this;
    }

    Process start() throws IOException {
        List<String> command = new ArrayList<>(List.of(MVN.toString(), "-B", "-ntp", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + REPO));
        if (!online) {
            command.add(2, "-o");
        } else {
            // Maven 3.9 and 4: lock it-repo's files across processes too (an offline fork may read what this one writes).
            command.add("-Daether.syncContext.named.factory=file-lock");
            command.add("-Daether.syncContext.named.nameMapper=file-gav");
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(logName).toFile());
        Map<String, String> env = builder.environment();
        // The forks see only what each test gives them.
        env.remove("DATABASE_URL");
        env.remove("MIGRATION_TIMEOUT");
        env.remove("MAVEN_ARGS");
        env.keySet().removeIf(name -> name.startsWith("PG")); // libpq variables name a database too
        env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto");
        env.putAll(environment);
        if (!online) {
            return builder.start();
        }
        ONLINE.acquireUninterruptibly();
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            ONLINE.release();
            throw e;
        }
        process.onExit().thenRun(ONLINE::release);
        return process;
    }

    Result run() throws IOException, InterruptedException {
        Result result = await(start());
        if (!online && result.exitCode() != 0 && result.log().contains("could not be resolved")
                && result.log().contains("has not been downloaded from it before")) {
            // Maven 3.8 locks nothing across processes: an online build rewriting a file's origin marker in it-repo
            // at that moment makes this offline one see the file as absent. It failed resolving the plugin, before
            // any goal ran, so it runs again once.
            Files.move(logFile(), directory.resolve(logName + ".resolution-race"), StandardCopyOption.REPLACE_EXISTING);
            result = await(start());
        }
        return result;
    }

    Result await(Process process) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            kill(process);
            throw new AssertionError("mvn " + arguments + " did not finish in " + timeout + "; see " + logFile());
        }
        return new Result(process.exitValue(), Files.readString(logFile()), logFile());
    }

    Path logFile() {
        return directory.resolve(logName);
    }

    /** SIGKILL, as an OOM killer or a cancelled CI job would. */
    static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts every build at once and waits for all. */
    static List<Result> runConcurrently(List<MavenBuild> builds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(builds.size());
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (MavenBuild build : builds) {
                futures.add(pool.submit(build::run));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    record Result(int exitCode, String log, Path logFile) {
        @Override
        public String toString() {
            return "mvn exited " + exitCode + "; " + logFile + ":\n" + log;
        }
    }
}
