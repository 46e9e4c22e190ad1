package io.github.shaledb.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.shaledb.it.LockIT.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** db:start / db:stop around Failsafe, as a project's {@code mvn verify} runs them: passing, failing, killed, reactor. */
class StartIT {
    private static final Pattern STARTED = Pattern.compile(
            "Started PostgreSQL [0-9.]+ for the build at jdbc:postgresql://127\\.0\\.0\\.1:([0-9]+)/([a-z_]+) \\(user postgres\\);"
                    + " db:migrate and the integration tests use it");

    @Test
    void verifyStartsMigratesRunsTheTestsAndStopsAlsoWhenTheyFailOrTheBuildWasKilled() throws Exception {
        ItProject project = ItProject.copy("start-migrate-failsafe");
        Path data = project.path("target/shale/start/postgres");
        Process killed = project.mvn("verify").online().log("killed.log").start();
        waitUntil(() -> STARTED.matcher(Files.readString(project.path("killed.log"))).find(), Duration.ofSeconds(150),
                project.path("killed.log").toString());
        killed.destroyForcibly(); // SIGKILL to Maven's JVM only: its server lives on, as after a cancelled CI job
        killed.waitFor();
        long orphan = postmasterPid(data);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the killed build's server").contains(true);

        MavenBuild.Result failing = project.mvn("verify").online().property("failIT", true).log("failing.log").run();

        assertThat(failing.exitCode()).as(failing.toString()).isNotZero();
        assertThat(failing.log()).containsPattern("\\[WARNING\\] Stopped PostgreSQL \\(process " + orphan + "\\) left running"
                + " on " + Pattern.quote(data.toString()) + " by a build that was killed \\(process [0-9]+\\)");
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        int failingPort = port(failing.log());
        assertThat(failing.log()).contains("failing on purpose (-DfailIT=true)")
                .contains("Stopped the PostgreSQL of db:start at 127.0.0.1:" + failingPort);
        assertThat(failing.log().indexOf("Stopped the PostgreSQL of db:start"))
                .isLessThan(failing.log().indexOf("BUILD FAILURE"));
        assertGone(failingPort, data);

        MavenBuild.Result migrateFails = project.mvn("verify").online().property("db.transaction", "bogus")
                .log("migrate-fails.log").run();

        assertThat(migrateFails.exitCode()).as(migrateFails.toString()).isNotZero();
        int hookPort = port(migrateFails.log());
        assertThat(migrateFails.log()).contains("db.transaction=bogus is not a transaction mode")
                .doesNotContain("Stopped the PostgreSQL of db:start")
                .contains("Stopping the PostgreSQL of db:start at 127.0.0.1:" + hookPort + " (data in " + data
                        + "): the build ended before db:stop");
        assertGone(hookPort, data);

        MavenBuild.Result passing = project.mvn("verify").online().run();

        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        int port = port(passing.log());
        assertThat(passing.log()).doesNotContain("left running on")
                .contains("Database: postgres://postgres@127.0.0.1:" + port + "/start_migrate_failsafe (PostgreSQL 17.6) via db:start\n")
                .contains("IT connected to database start_migrate_failsafe")
                .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0")
                .contains("Stopped the PostgreSQL of db:start at 127.0.0.1:" + port);
        assertGone(port, data);
    }

    @Test
    void reactorUnderT2GetsAServerPerModuleOrOneSharedServer() throws Exception {
        ItProject project = ItProject.copy("start-reactor");

        MavenBuild.Result perModule = project.mvn("verify", "-T2").online().run();

        assertThat(perModule.exitCode()).as(perModule.toString()).isZero();
        List<String> started = started(perModule.log());
        assertThat(started).hasSize(2).doesNotHaveDuplicates();
        assertThat(started).extracting(s -> s.split("/")[1]).containsExactlyInAnyOrder("api", "web");
        assertThat(perModule.log()).contains("IT of accounts used database api", "IT of pages used database web")
                .contains("Stopped the PostgreSQL of db:start at 127.0.0.1:" + started.get(0).split("/")[0])
                .contains("Stopped the PostgreSQL of db:start at 127.0.0.1:" + started.get(1).split("/")[0]);
        assertGone(Integer.parseInt(started.get(0).split("/")[0]), project.path("api/target/shale/start/postgres"));
        assertGone(Integer.parseInt(started.get(1).split("/")[0]), project.path("web/target/shale/start/postgres"));

        MavenBuild.Result shared = project.mvn("verify", "-T2").online().property("db.startShared", true)
                .log("shared.log").run();

        assertThat(shared.exitCode()).as(shared.toString()).isZero();
        List<String> sharedStarts = started(shared.log());
        assertThat(sharedStarts).hasSize(1);
        String port = sharedStarts.get(0).split("/")[0];
        assertThat(shared.log()).containsPattern("Using the shared PostgreSQL [0-9.]+ for the build at jdbc:postgresql://"
                        + "127\\.0\\.0\\.1:" + port + "/(api|web) \\(user postgres\\)")
                .contains("IT of accounts used database api on port " + port, "IT of pages used database web on port " + port)
                .contains("running for 1 more module")
                .containsOnlyOnce("Stopped the PostgreSQL of db:start at 127.0.0.1:" + port);
        assertGone(Integer.parseInt(port), project.path("target/shale/start-shared/postgres"));
    }

    /** "port/database" of each server the log says db:start started. */
    private static List<String> started(String log) {
        List<String> started = new ArrayList<>();
        Matcher m = STARTED.matcher(log);
        while (m.find()) {
            started.add(m.group(1) + "/" + m.group(2));
        }
        return started;
    }

    private static int port(String log) {
        Matcher m = STARTED.matcher(log);
        assertThat(m.find()).as("db:start's line in\n" + log).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    /** No server answers on the port, and none holds the data directory. */
    private static void assertGone(int port, Path data) {
        assertThat(data.resolve("PG_VERSION")).as("the data directory is kept for the next build").exists();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            throw new AssertionError("a server still answers on port " + port);
        } catch (ConnectException e) {
            // refused: stopped
        } catch (IOException e) {
            throw new AssertionError("port " + port + ": " + e, e);
        }
    }
}
