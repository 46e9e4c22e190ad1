package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import io.github.shaledb.engine.api.ShaleException;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection a verb opens while it reads its files. */
class DatabaseSessionTest extends EngineTestBase {
    private static final String OPEN = "select count(*)::text from pg_stat_activity where application_name = 'shale-session-test'";

    @Test
    void aSessionOpenedInTheBackgroundIsTheVerbsConnection(TestDatabase db) throws Exception {
        try (DatabaseSession.Opening opening = DatabaseSession.openInBackground(runSettings(db), events::add);
             DatabaseSession session = opening.session()) {
            assertThat(db.queryStrings(OPEN)).containsExactly("1");
            assertThat(session.connection().isValid(1)).isTrue();
        }
        awaitNoSession(db);
        assertThat(db.queryStrings(OPEN)).containsExactly("0");
    }

    @Test
    void aSessionNotAskedForIsClosedOnceOpen(TestDatabase db) throws Exception {
        try (DatabaseSession.Opening ignored = DatabaseSession.openInBackground(runSettings(db), events::add)) {
            for (int waited = 0; waited < 100 && !db.queryStrings(OPEN).equals(List.of("1")); waited++) {
                Thread.sleep(50);
            }
            assertThat(db.queryStrings(OPEN)).as("the background connection is open").containsExactly("1");
        }
        awaitNoSession(db);
        assertThat(db.queryStrings(OPEN)).as("closed when the verb ended without it").containsExactly("0");
    }

    @Test
    void wrongConnectionSettingsFailWhenTheSessionIsAskedFor() throws Exception {
        ShaleSettings noUrl = ShaleSettings.builder().projectDirectory(project).environment(Map.of()).build();
        DatabaseSession.Opening opening = DatabaseSession.openInBackground(RunSettings.of(noUrl), events::add);
        assertThatThrownBy(opening::session).isInstanceOf(ConfigurationException.class);
        opening.close();
    }

    @Test
    void noConnectingThreadOutlivesAVerbThatFailedWhileTheConnectionWasRetried(TestDatabase db) throws Exception {
        Files.createDirectories(project.resolve("src/main/db/migrations/meta"));
        Files.writeString(project.resolve("src/main/db/migrations/meta/_journal.json"), "{ not json");
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        ShaleSettings settings = settings(db).url("jdbc:postgresql://127.0.0.1:" + deadPort + "/" + db.name())
                .connectRetryDelay(Duration.ofSeconds(60)).build();
        // The journal fails while the connection, started alongside, is refused and waits a minute to retry.
        assertThatThrownBy(() -> shale.migrate(settings)).isInstanceOf(ShaleException.class)
                .hasMessageContaining("_journal.json");

        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("shale-connect"))
                .as("connecting threads alive after the verb returned").isEmpty();
    }

    @Test
    void closingAnOpeningEndsItsThreadWhileItWaitsToRetry(TestDatabase db) throws Exception {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = probe.getLocalPort();
        }
        CountDownLatch retrying = new CountDownLatch(1);
        RunSettings settings = RunSettings.of(settings(db).url("jdbc:postgresql://127.0.0.1:" + deadPort + "/x")
                .connectRetryDelay(Duration.ofSeconds(60)).build());
        DatabaseSession.Opening opening = DatabaseSession.openInBackground(settings, event -> {
            if (event.message().startsWith("Connection attempt 1")) {
                retrying.countDown();
            }
        });
        retrying.await();

        opening.close();

        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().equals("shale-connect")).isEmpty();
    }

    private RunSettings runSettings(TestDatabase db) throws ConfigurationException {
        return RunSettings.of(settings(db).applicationName("shale-session-test").build());
    }

    private static void awaitNoSession(TestDatabase db) throws SQLException, InterruptedException {
        // A backend leaves pg_stat_activity shortly after its client disconnects.
        for (int waited = 0; waited < 100 && !db.queryStrings(OPEN).equals(List.of("0")); waited++) {
            Thread.sleep(50);
        }
    }
}
