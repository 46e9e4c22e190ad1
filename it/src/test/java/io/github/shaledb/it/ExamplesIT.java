package io.github.shaledb.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Builds the repository's examples/ as a user would, with {@code mvn verify}: db:start, db:migrate, the Failsafe tests
 * against that database, db:stop and db:check, all from the example's own pom. Online: Spring Boot and the build
 * plugins download into it-repo on the first run.
 */
class ExamplesIT {
    /** A cold it-repo downloads Spring Boot and the build plugins first (about 2.5 minutes here on 2 busy cores). */
    private static final Duration COLD_BUILD = Duration.ofMinutes(8);
    /** The test JVMs Surefire and Failsafe fork start as fast as the Maven JVM (MavenBuild's MAVEN_OPTS). */
    private static final String QUICK_TEST_JVMS = "-DargLine=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";
    private static final Pattern STOPPED =
            Pattern.compile("Stopped the PostgreSQL of db:start at ([^:\\s]+):(\\d+)");

    @Test
    void springBootServiceVerifies() throws Exception {
        ItProject project = ItProject.example("spring-boot");

        long started = System.nanoTime();
        MavenBuild.Result build = project.mvn("verify", QUICK_TEST_JVMS).online().timeout(COLD_BUILD).run();
        System.out.printf("examples/spring-boot: mvn -B verify took %d s%n", seconds(started));

        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.log()).as(build.toString()).contains("BUILD SUCCESS")
                .contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0") // Surefire: the unit test, no database
                .contains("Applied 2 migrations")
                .contains("db:check passed: 2 migration(s), 2 replayed");
        assertThat(failsafeTestsRun(build.log(), "com.example.notes.NotesApiIT")).as(build.toString()).isEqualTo(3);
        assertStopped(build, 1);
    }

    @Test
    void multiModuleReactorVerifiesWithTwoThreads() throws Exception {
        ItProject project = ItProject.example("multi-module");

        long started = System.nanoTime();
        MavenBuild.Result build = project.mvn("-T2", "verify", QUICK_TEST_JVMS).online().timeout(COLD_BUILD).run();
        System.out.printf("examples/multi-module: mvn -B -T2 verify took %d s%n", seconds(started));

        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.log()).as(build.toString()).contains("BUILD SUCCESS")
                .contains("MultiThreadedBuilder");
        // Each service's tests assert that its database holds its own tables only: orders and billing migrated apart.
        assertThat(failsafeTestsRun(build.log(), "com.example.shop.orders.OrderStoreIT"))
                .as(build.toString()).isEqualTo(3);
        assertThat(failsafeTestsRun(build.log(), "com.example.shop.billing.InvoiceStoreIT"))
                .as(build.toString()).isEqualTo(2);
        assertThat(occurrences(build.log(), "db:check passed: 1 migration(s), 1 replayed"))
                .as(build.toString()).isEqualTo(2);
        // One server for the reactor (db.startShared): the last module's db:stop stops it.
        assertStopped(build, 1);
    }

    /** The README's first command, on the example as it is: its migrations apply, and db:check finds them in line. */
    @Test
    void quickstartMigratesAndChecks() throws Exception {
        ItProject project = ItProject.example("quickstart");

        MavenBuild.Result build = project.mvn("db:migrate", "db:status", "db:check", "-Ddb.url=embedded").run();

        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.log()).as(build.toString())
                .contains("Applied 2 migrations")
                .contains("2 applied")
                .contains("db:check passed: 2 migration(s), 2 replayed");
    }

    @Test
    void ciPageShowsTheSpringBootExamplesWorkflowAsItIs() throws IOException {
        Path examples = Path.of(System.getProperty("it.examples"));
        String workflow = Files.readString(examples.resolve("spring-boot/.github/workflows/build-deploy.yml"));

        assertThat(Files.readString(examples.resolve("../src/site/markdown/ci.md")))
                .contains("```yaml\n" + workflow + "```");
    }

    /** N of the Failsafe line {@code Tests run: N, Failures: 0, Errors: 0, … -- in CLASS}; 0 if there is none. */
    private static int failsafeTestsRun(String log, String testClass) {
        Matcher line = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [^\\n]*"
                + " -- in " + Pattern.quote(testClass)).matcher(log);
        return line.find() ? Integer.parseInt(line.group(1)) : 0;
    }

    /** db:stop said it stopped the server, and nothing listens on its port any more. */
    private static void assertStopped(MavenBuild.Result build, int servers) {
        List<InetSocketAddress> stopped = new ArrayList<>();
        Matcher line = STOPPED.matcher(build.log());
        while (line.find()) {
            stopped.add(new InetSocketAddress(line.group(1), Integer.parseInt(line.group(2))));
        }
        assertThat(stopped).as(build.toString()).hasSize(servers);
        for (InetSocketAddress address : stopped) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(address, 2_000);
                }
            }).as("a server still listens on " + address).isInstanceOf(IOException.class);
        }
    }

    private static long seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
