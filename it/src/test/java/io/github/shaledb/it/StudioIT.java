package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code mvn db:studio} as a user starts it, against a shop database with one migration applied and one pending,
 * looked at in headless Chromium; requests without the token, from another host name or address, and changes in
 * read-only mode are tried. Screenshots of the pages are kept in {@code target/studio-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudioIT {
    private static final Pattern ADDRESS = Pattern.compile("Open (http://127\\.0\\.0\\.1:(\\d+)/\\?token=([\\w-]+))");
    private static final Path SCREENSHOTS = Path.of("target", "studio-screenshots");
    private static final Duration PAGE = Duration.ofSeconds(20);

    private TestDatabase database;
    private Db db;
    private ItProject project;
    private Studio readOnly;

    /** A running db:studio and the address it printed. */
    private record Studio(Process process, MavenBuild build, String address, int port, String token) {
    }

    @BeforeAll
    void startTheStudio() throws Exception {
        database = TestPostgres.newDatabase();
        db = new Db(database);
        project = ItProject.copy("studio-browse");
        MavenBuild.Result migrate = project.mvn("db:migrate").database(database).log("migrate.log").run();
        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        db.execute("insert into customers (name, email) select 'customer ' || i, 'c' || i || '@example.com'"
                + " from generate_series(1, 120) i;"
                + " insert into products (title, price) select 'product ' || i, i * 2.5 from generate_series(1, 20) i;"
                + " insert into orders (customer_id) select 1 + i % 120 from generate_series(1, 300) i;"
                + " insert into order_lines select o, 1 + o % 20, 2 from generate_series(1, 300) o; analyze;");
        // A teammate's migration arrives: pending.
        Files.createDirectories(project.migrations().resolve("0001_reviews"));
        try (var files = Files.list(project.path("next/0001_reviews"))) {
            for (Path f : files.toList()) {
                Files.copy(f, project.migrations().resolve("0001_reviews").resolve(f.getFileName()));
            }
        }
        Files.copy(project.path("next/_journal.json"), project.migrations().resolve("meta/_journal.json"),
                StandardCopyOption.REPLACE_EXISTING);
        readOnly = start("studio.log");
    }

    private Studio start(String log, String... properties) throws Exception {
        MavenBuild build = project.mvn("db:studio").database(database).property("db.shadowUrl", database.jdbcUrl()).log(log);
        for (String p : properties) {
            build.arguments("-D" + p);
        }
        Process process = build.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(build.logFile()) ? Files.readString(build.logFile()) : "";
            Matcher m = ADDRESS.matcher(text);
            if (m.find()) {
                return new Studio(process, build, m.group(1), Integer.parseInt(m.group(2)), m.group(3));
            }
            if (!process.isAlive()) {
                throw new AssertionError("db:studio ended before printing its address:\n" + text);
            }
            Thread.sleep(100);
        }
        MavenBuild.kill(process);
        throw new AssertionError("db:studio printed no address in 120 s:\n" + Files.readString(build.logFile()));
    }

    @AfterAll
    void stopTheStudio() throws Exception {
        if (readOnly == null) {
            return;
        }
        stop(readOnly);
        assertThat(db.strings("select count(*) from pg_stat_activity where datname = current_database()"
                + " and application_name like 'shale db:studio%'")).as("connections left by the stopped studio")
                .containsExactly("0");
    }

    /** Ctrl-C: SIGTERM, as the terminal sends it to Maven's JVM. */
    private static void stop(Studio studio) throws Exception {
        studio.process().destroy();
        assertThat(studio.process().waitFor(30, TimeUnit.SECONDS)).as("db:studio stops on SIGTERM").isTrue();
        String log = Files.readString(studio.build().logFile());
        assertThat(log).doesNotContain("[ERROR]").doesNotContain("Exception");
        assertThat(log).as("the token is printed once, in the address").containsOnlyOnce(studio.token());
    }

    @Test
    void aRequestWithoutTheTokenOrFromAnotherSiteIsRefused() throws Exception {
        assertThat(get("/", null, null)).startsWith("HTTP/1.1 403").contains("This studio needs its token: open the address"
                + " that mvn db:studio printed");
        assertThat(get("/api/schema", null, null)).startsWith("HTTP/1.1 403").doesNotContain("customers");
        assertThat(get("/?token=not-the-token", null, null)).startsWith("HTTP/1.1 403");
        String cookie = "shale-studio-" + readOnly.port() + "=" + readOnly.token();
        assertThat(get("/api/schema", cookie, null)).startsWith("HTTP/1.1 200").contains("\"customers\"");
        // DNS rebinding: a page of another site whose name resolves to 127.0.0.1 sends its own Host.
        assertThat(get("/api/schema", cookie, "evil.example:" + readOnly.port())).startsWith("HTTP/1.1 403")
                .contains("This studio answers only to http://127.0.0.1:" + readOnly.port() + "/");
        String body = "{\"sql\": \"delete from customers\"}";
        assertThat(request("POST /api/query HTTP/1.1\r\nHost: 127.0.0.1:" + readOnly.port() + "\r\nCookie: " + cookie
                + "\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body))
                .startsWith("HTTP/1.1 403").contains("A change must come from the studio's own page.");
    }

    @Test
    void theStudioCannotBeReachedFromAnotherAddress() throws Exception {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address).forEach(others::add);
            }
        }
        Assumptions.assumeFalse(others.isEmpty(), "this machine has no network address other than loopback to try");
        for (InetAddress address : others) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, readOnly.port()), 2000);
                }
            }).as("connecting to %s:%d", address.getHostAddress(), readOnly.port())
                    .isInstanceOfAny(ConnectException.class, SocketTimeoutException.class);
        }
    }

    @Test
    void everyPageInABrowser() throws Exception {
        try (Chromium browser = Chromium.launch(SCREENSHOTS)) {
            browser.navigate(readOnly.address());
            browser.waitFor("document.querySelectorAll('#relations a').length > 0", PAGE);
            assertThat(browser.text("location.search")).as("the token leaves the address bar").isEmpty();
            assertThat(browser.text("[...document.querySelectorAll('#relations tr td:first-child')].map(td => td.innerText).join(',')"))
                    .isEqualTo("public.customers,public.order_lines,public.orders,public.paid_orders,public.products");
            assertThat(browser.text("document.getElementById('mode').innerText")).isEqualTo("READ-ONLY");
            assertThat(browser.text("document.querySelector('.kinds').innerText")).contains("function (1)", "public.touch()",
                    "trigger (1)", "enum (1)");
            browser.screenshot("schema");
            browser.type("#search", "line");
            assertThat(browser.text("[...document.querySelectorAll('.sidebar a.relation')].map(a => a.innerText).join(',')"))
                    .isEqualTo("order_lines");

            browser.navigate(origin() + "/#/table/public/orders");
            browser.waitFor("document.querySelector('#indexes')", PAGE);
            assertThat(browser.text("document.querySelector('#indexes').innerText")).contains("orders_customer", "valid");
            assertThat(browser.text("document.querySelector('#constraints').innerText"))
                    .contains("FOREIGN KEY (customer_id) REFERENCES public.customers(id)");
            browser.screenshot("table");

            browser.navigate(origin() + "/#/rows/public/customers");
            browser.waitFor("document.querySelectorAll('#rows tbody tr').length === 50", PAGE);
            assertThat(browser.text("document.getElementById('range').innerText")).isEqualTo("1–50 of 120 rows");
            assertThat(browser.text("document.querySelectorAll('button.edit').length")).isEqualTo("0");
            assertThat(browser.text("document.getElementById('read-only').innerText")).contains("-Ddb.studio.write=true");
            browser.click("#next");
            browser.waitFor("document.getElementById('range') && document.getElementById('range').innerText === '51–100 of 120 rows'", PAGE);
            assertThat(browser.text("document.querySelector('#rows tbody tr td').innerText")).isEqualTo("51");
            browser.type("input.filter-value[data-column='name']", "customer 7");
            browser.press("input.filter-value[data-column='name']", "Enter");
            browser.waitFor("document.getElementById('range') && document.getElementById('range').innerText === '1–11 of 11 rows'", PAGE);
            browser.screenshot("rows-filtered");

            browser.navigate(origin() + "/#/rows/public/orders?sort=id&desc=1");
            browser.waitFor("document.querySelectorAll('#rows tbody tr').length === 50", PAGE);
            assertThat(browser.text("document.querySelector('#rows tbody tr td').innerText")).isEqualTo("300");
            String customer = browser.text("document.querySelector('#rows tbody tr td:nth-child(2) a').innerText");
            browser.click("#rows tbody tr td:nth-child(2) a");
            browser.waitFor("location.hash.startsWith('#/rows/public/customers') && document.getElementById('range')"
                    + " && document.getElementById('range').innerText === '1–1 of 1 rows'", PAGE);
            assertThat(browser.text("document.querySelector('#rows tbody tr td').innerText")).isEqualTo(customer);

            browser.navigate(origin() + "/#/diagram");
            browser.waitFor("document.querySelectorAll('#diagram g.box').length === 4", PAGE);
            assertThat(browser.text("document.querySelectorAll('#diagram path.fk').length")).isEqualTo("3");
            assertThat(browser.text("[...document.querySelectorAll('#diagram g.box')].every(g => g.getBBox().width > 100)"))
                    .as("every table drawn").isEqualTo("true");
            browser.screenshot("diagram");

            browser.navigate(origin() + "/#/migrations");
            browser.waitFor("document.querySelector('#migrations')", PAGE);
            assertThat(browser.text("[...document.querySelectorAll('#migrations tr[data-state]')].map(tr => tr.cells[0].innerText"
                    + " + ' ' + tr.dataset.state).join(',')")).isEqualTo("0000_init APPLIED,0001_reviews PENDING");
            assertThat(browser.text("document.getElementById('lock-free').innerText")).startsWith("The lock is free");
            browser.screenshot("migrations");

            browser.navigate(origin() + "/#/next");
            browser.waitFor("document.querySelector('#push h3')", Duration.ofSeconds(60));
            assertThat(browser.text("document.getElementById('push').innerText")).contains("TABLE public.reviews",
                    "DATA_LOSS: drops column email of public.customers");
            assertThat(browser.text("document.getElementById('generate').innerText")).contains("after the snapshot of 0001_reviews");
            browser.screenshot("next-change");

            browser.navigate(origin() + "/#/sql");
            browser.waitFor("document.getElementById('sql')", PAGE);
            browser.type("#sql", "delete from customers");
            browser.click("#run");
            browser.waitFor("document.querySelector('#result .error')", PAGE);
            assertThat(browser.text("document.querySelector('#result .error').innerText"))
                    .contains("cannot execute DELETE in a read-only transaction");
            browser.type("#sql", "select status, count(*) from orders group by status");
            browser.click("#run");
            browser.waitFor("document.querySelector('#query-rows')", PAGE);
            assertThat(browser.text("document.getElementById('query-note').innerText")).contains("read-only transaction, rolled back");
            browser.screenshot("sql");

            String refused = browser.text("fetch('/api/edit', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                    + " body: JSON.stringify({request: {operation: 'DELETE', schema: 'public', table: 'customers', key: {id: '1'}},"
                    + " apply: true})}).then(r => r.text().then(t => r.status + ' ' + t))");
            assertThat(refused).startsWith("403 ").contains("The studio is read-only, so the change was not made.");
        }
        assertThat(db.strings("select count(*) from customers")).containsExactly("120");
        assertThat(SCREENSHOTS.resolve("schema.png")).isNotEmptyFile();
    }

    @Test
    void inWriteModeARowIsEditedAfterItsSqlIsConfirmed() throws Exception {
        Studio writable = start("studio-write.log", "db.studio.write=true");
        try (Chromium browser = Chromium.launch(SCREENSHOTS)) {
            browser.navigate(writable.address() + "#/rows/public/products");
            browser.waitFor("document.querySelectorAll('#rows tbody tr').length === 20", PAGE);
            assertThat(browser.text("document.getElementById('mode').innerText")).isEqualTo("WRITE MODE");
            browser.click("#rows tbody tr button.edit");
            browser.waitFor("document.getElementById('edit-form')", PAGE);
            browser.type("#edit-form input[name='title']", "O'Reilly's book");
            browser.click("#preview");
            browser.waitFor("document.getElementById('confirm').open", PAGE);
            assertThat(browser.text("document.getElementById('confirm-sql').innerText"))
                    .isEqualTo("update \"public\".\"products\" set \"title\" = 'O''Reilly''s book' where \"id\" = '1';");
            browser.screenshot("write-confirm");
            browser.click("#confirm-apply");
            browser.waitFor("!document.getElementById('confirm').open && !document.getElementById('edit-form')"
                    + " && document.querySelector('#rows tbody tr td:nth-child(3)')?.innerText === \"O'Reilly's book\"", PAGE);
        } finally {
            stop(writable);
        }
        assertThat(db.strings("select title from products where id = 1")).containsExactly("O'Reilly's book");
        db.execute("update products set title = 'product 1' where id = 1");
    }

    private String origin() {
        return "http://127.0.0.1:" + readOnly.port();
    }

    private String get(String path, String cookie, String host) throws IOException {
        return request("GET " + path + " HTTP/1.1\r\nHost: " + (host == null ? "127.0.0.1:" + readOnly.port() : host) + "\r\n"
                + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n");
    }

    /** One request as raw bytes: the JDK's client will not send another Host. */
    private String request(String raw) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), readOnly.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
