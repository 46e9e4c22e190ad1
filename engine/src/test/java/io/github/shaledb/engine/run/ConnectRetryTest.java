package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.connect.Connector;
import io.github.shaledb.engine.connect.DatabaseTarget;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connecting: transient faults retried with growing waits, each attempt logged; configuration errors at once. */
class ConnectRetryTest extends EngineTestBase {

    @Test
    void reachesAServerThatStartsAcceptingAfterTheFirstAttempt(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        int port = freePort();
        Thread proxy = startProxyLater(port, db.port(), Duration.ofMillis(700));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + db.name();

        try {
            MigrateResult result = shale.migrate(settings(db).url(url).connectRetryDelay(Duration.ofMillis(400)).build());

            assertThat(result.applied()).hasSize(1);
            assertThat(db.tables()).contains("public.a");
            assertThat(log()).contains("Connection attempt 1 of 4 to 127.0.0.1:" + port + "/" + db.name()
                    + " failed: Connection to 127.0.0.1:" + port + " refused").contains("(SQLSTATE 08001); retrying in 400 ms");
            assertThat(events).filteredOn(e -> e.message().startsWith("Connection attempt"))
                    .allMatch(e -> e.level() == ShaleEvent.Level.WARN);
        } finally {
            proxy.interrupt();
        }
    }

    @Test
    void aServerThatNeverComesUpFailsAfterTheLastRetryNamingTheSettings(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        String url = "jdbc:postgresql://127.0.0.1:" + freePort() + "/" + db.name();

        assertThatThrownBy(() -> shale.migrate(settings(db).url(url).connectRetries(1)
                .connectRetryDelay(Duration.ofMillis(50)).build()))
                .isInstanceOfSatisfying(EnvironmentException.class, e -> {
                    assertThat(e.getMessage()).contains("after 2 attempts").contains("refused");
                    assertThat(e.fix()).contains("db.connectRetries");
                });
        assertThat(log()).contains("Connection attempt 1 of 2").doesNotContain("attempt 2 of 2");
    }

    @Test
    void anInvalidUrlParameterIsNotRetried(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        try (CountingServer server = CountingServer.askingForAPassword()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + db.name() + "?sslmode=bogus";

            assertThatThrownBy(() -> shale.migrate(settings(db).url(url).connectRetryDelay(Duration.ofMillis(50)).build()))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("db.url");
                        assertThat(e.getMessage()).contains("Invalid sslmode value: bogus").contains("not retried");
                    });
            assertThat(server.connections()).isZero();
        }
        assertThat(log()).doesNotContain("Connection attempt");
    }

    @Test
    void aMissingPasswordIsNotRetried(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        try (CountingServer server = CountingServer.askingForAPassword()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/app";

            assertThatThrownBy(() -> shale.migrate(settings(db).url(url).user("app").password(null)
                    .connectRetryDelay(Duration.ofMillis(50)).build()))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("db.password");
                        assertThat(e.getMessage()).contains("asks user app for a password, and none was given");
                        assertThat(e.fix()).contains("db.serverId");
                    });
            assertThat(server.connections()).as("one attempt").isEqualTo(1);
        }
        assertThat(log()).doesNotContain("Connection attempt");
    }

    @Test
    void aWrongPasswordIsNotRetriedNorShown(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        try (CountingServer server = CountingServer.refusingThePassword()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/app";

            assertThatThrownBy(() -> shale.migrate(settings(db).url(url).user("app").password("s3cret-pw")
                    .connectRetryDelay(Duration.ofMillis(50)).build()))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("db.password");
                        assertThat(e.getMessage()).contains("SQLSTATE 28P01").doesNotContain("s3cret-pw");
                    });
            assertThat(server.connections()).as("one attempt").isEqualTo(1);
        }
    }

    @Test
    void aMissingDatabaseFailsAtOnceNamingCreateDatabase(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        String url = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/no_such_db";
        assertThatThrownBy(() -> shale.migrate(settings(db).url(url).build()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("db.url");
                    assertThat(e.getMessage()).contains("The database no_such_db does not exist on");
                    assertThat(e.fix()).contains("-Ddb.createDatabase=true");
                });
        assertThat(log()).doesNotContain("Connection attempt");
    }

    @Test
    void createDatabaseCreatesAMissingDatabaseOnceAndThenConnects(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        String name = db.name() + "_created";
        TestDatabase created = new TestDatabase(name, db.jdbcUrl().replace("/" + db.name(), "/" + name), db.user(),
                db.password(), db.host(), db.port());
        try (created) {
            shale.migrate(settings(db).url(created.jdbcUrl()).createDatabase(true).build());

            assertThat(log()).contains("Created database " + name + " on " + db.host() + ":" + db.port());
            assertThat(created.tables()).contains("public.a");

            events.clear();
            shale.migrate(settings(db).url(created.jdbcUrl()).createDatabase(true).build());

            assertThat(log()).doesNotContain("Created database");
            assertThat(created.tables()).contains("public.a");
        }
    }

    @Test
    void createDatabaseWithoutThePrivilegeNamesTheFix(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        String role = db.name() + "_nocreatedb";
        db.execute("create role " + role + " login password 'pw'");
        String url = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/" + db.name() + "_never";
        try {
            assertThatThrownBy(() -> shale.migrate(settings(db).url(url).user(role).password("pw").createDatabase(true).build()))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("db.createDatabase");
                        assertThat(e.getMessage()).contains("may not create it").contains("42501");
                        assertThat(e.fix()).contains("CREATEDB");
                    });
        } finally {
            db.execute("drop role " + role);
        }
    }

    @Test
    void anInterruptEndsTheWaitBetweenAttempts() throws Exception {
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://127.0.0.1:" + freePort() + "/x", "u", null, null, "db.url");
        Connector connector = new Connector(events::add, 1, Duration.ofSeconds(30), false);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread connecting = new Thread(() -> {
            try {
                connector.connect(target, "test").close();
            } catch (Exception e) {
                failure.set(e);
            }
        });
        connecting.start();
        while (events.isEmpty()) {
            Thread.sleep(10);
        }
        connecting.interrupt();
        connecting.join();

        assertThat(failure.get()).isInstanceOf(EnvironmentException.class).hasMessageContaining("Interrupted while waiting");
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /**
     * A loopback server that counts connections and answers the PostgreSQL startup as told: refusing SSL and
     * then asking for a cleartext password, or failing the password it is sent.
     */
    private static final class CountingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread thread;

        private CountingServer(boolean rejectPassword) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        connections.incrementAndGet();
                        answer(client, rejectPassword);
                    } catch (IOException ignored) {
                        // closed
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        static CountingServer askingForAPassword() throws IOException {
            return new CountingServer(false);
        }

        static CountingServer refusingThePassword() throws IOException {
            return new CountingServer(true);
        }

        private static void answer(Socket client, boolean rejectPassword) throws IOException {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (true) {
                byte[] body = new byte[in.readInt() - 4];
                in.readFully(body);
                int code = ((body[0] & 255) << 24) | ((body[1] & 255) << 16) | ((body[2] & 255) << 8) | (body[3] & 255);
                if (code == 80877103 || code == 80877104) { // SSLRequest, GSSENCRequest
                    out.write('N');
                    out.flush();
                    continue;
                }
                break;
            }
            out.write(new byte[] {'R', 0, 0, 0, 8, 0, 0, 0, 3}); // AuthenticationCleartextPassword
            out.flush();
            if (rejectPassword) {
                in.readByte();
                in.readFully(new byte[in.readInt() - 4]);
                byte[] fields = "SFATAL\0C28P01\0Mpassword authentication failed for user \"app\"\0\0".getBytes();
                out.write('E');
                out.write(new byte[] {0, 0, 0, (byte) (fields.length + 4)});
                out.write(fields);
                out.flush();
            }
            in.read(); // until the client gives up
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join();
        }
    }

    /** A loopback TCP proxy to the real server that starts listening only after {@code delay}. */
    private static Thread startProxyLater(int port, int target, Duration delay) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                    server.setSoTimeout(200);
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            Socket client = server.accept();
                            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                            pipe(client.getInputStream(), upstream.getOutputStream());
                            pipe(upstream.getInputStream(), client.getOutputStream());
                        } catch (java.net.SocketTimeoutException ignored) {
                            // check for interruption
                        }
                    }
                }
            } catch (InterruptedException | IOException ignored) {
                // test over
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void pipe(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // connection closed
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
