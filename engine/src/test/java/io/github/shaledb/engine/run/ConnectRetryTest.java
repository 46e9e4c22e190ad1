package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectRetryTest extends EngineTestBase {

    @Test
    void reachesAServerThatStartsAcceptingAfterTheFirstAttempt(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Thread proxy = startProxyLater(port, db.port(), Duration.ofMillis(1500));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + db.name();

        MigrateResult result = shale.migrate(settings(db).url(url).build());

        assertThat(result.applied()).hasSize(1);
        assertThat(log()).contains("Connection attempt 1 of 3").contains("retrying in 1000 ms");
        proxy.interrupt();
    }

    @Test
    void aMissingDatabaseFailsAtOnce(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        long t0 = System.nanoTime();
        String url = "jdbc:postgresql://" + db.host() + ":" + db.port() + "/no_such_db";
        assertThatThrownBy(() -> shale.migrate(settings(db).url(url).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("does not exist");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(log()).doesNotContain("retrying");
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
