package io.github.shaledb.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol (a WebSocket; nothing but the JDK and Jackson), one page per
 * browser. The browser is the distribution's: found on the PATH, else installed with {@code apt-get} when the tests
 * run as root; where neither works the test is skipped, naming why.
 */
final class Chromium implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Object INSTALL = new Object();

    private final Process process;
    private final Path profile;
    private final Path screenshots;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch loaded = new CountDownLatch(1);

    private Chromium(Process process, Path profile, Path screenshots, WebSocket.Builder builder, URI page)
            throws IOException, InterruptedException {
        this.process = process;
        this.profile = profile;
        this.screenshots = screenshots;
        this.socket = await(builder.buildAsync(page, new Listener()), "connecting to the page");
        send("Page.enable", Map.of());
        send("Runtime.enable", Map.of());
    }

    /** Starts a browser; skips the test (with the reason printed) when none can be had. */
    static Chromium launch(Path screenshots) throws IOException, InterruptedException {
        Path binary = binary();
        Path profile = Files.createTempDirectory("shale-chromium");
        Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=1400,900", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        AtomicReference<String> endpoint = new AtomicReference<>();
        StringBuilder seen = new StringBuilder();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find() && endpoint.get() == null) {
                        endpoint.set(m.group(1));
                        ready.countDown();
                    } else if (endpoint.get() == null) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // The browser ended: its error stream closes.
            }
            ready.countDown();
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || endpoint.get() == null) {
            process.destroyForcibly();
            throw new AssertionError(binary + " did not open its DevTools endpoint; it printed:\n" + seen);
        }
        URI browser = URI.create(endpoint.get());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority()
                + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
        URI page = null;
        for (JsonNode target : targets) {
            if (target.path("type").asText().equals("page")) {
                page = URI.create(target.path("webSocketDebuggerUrl").asText());
                break;
            }
        }
        if (page == null) {
            process.destroyForcibly();
            throw new AssertionError("Chromium lists no page: " + targets);
        }
        return new Chromium(process, profile, screenshots, http.newWebSocketBuilder(), page);
    }

    /** The browser on the PATH, else one installed from the distribution's packages. */
    private static Path binary() throws IOException, InterruptedException {
        String given = System.getenv("SHALE_CHROMIUM");
        if (given != null && Files.isExecutable(Path.of(given))) {
            return Path.of(given);
        }
        synchronized (INSTALL) {
            Path found = onPath();
            if (found != null) {
                return found;
            }
            String why = install();
            found = onPath();
            if (found == null) {
                String reason = "No Chromium for the browser tests: none on the PATH (chromium, chromium-browser,"
                        + " google-chrome) or in SHALE_CHROMIUM, and " + why;
                System.err.println("[WARNING] " + reason);
                Assumptions.abort(reason);
            }
            return found;
        }
    }

    /** The first of the browser's usual names on the PATH, or null. */
    private static Path onPath() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            Path found = onPath(name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Installs the distribution's chromium with apt-get, one JVM at a time; returns why it could not. */
    private static String install() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name")) || onPath("apt-get") == null) {
            return "installing it needs apt-get and root (install the chromium package, or set SHALE_CHROMIUM).";
        }
        try (FileChannel lock = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "shale-chromium-install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = lock.lock()) {
            if (onPath() != null) {
                return "";
            }
            System.err.println("[INFO] Installing chromium from the distribution's packages for the browser tests");
            String out = run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
            if (onPath() == null) {
                out = run("apt-get", "update") + run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
            }
            return onPath() != null ? "" : "apt-get install chromium failed:\n" + out;
        }
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        return null;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
    }

    /** Sends one DevTools command and waits for its answer. */
    JsonNode send(String method, Map<String, Object> params) throws InterruptedException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        await(socket.sendText(message.toString(), true), method);
        JsonNode reply = await(answer, method);
        if (reply.has("error")) {
            throw new AssertionError(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Loads {@code url} and waits for its load event (or, for a new fragment only, for the page to take it). */
    void navigate(String url) throws InterruptedException {
        loaded = new CountDownLatch(1);
        send("Page.navigate", Map.of("url", url));
        if (!loaded.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(url + " did not load in " + TIMEOUT + "; console:\n" + consoleLog());
        }
    }

    /** The value of a JavaScript expression (a promise is awaited). */
    JsonNode evaluate(String expression) throws InterruptedException {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("`" + expression + "` threw: " + result.path("exceptionDetails").path("exception")
                    .path("description").asText(result.path("exceptionDetails").toString()) + "\nconsole:\n" + consoleLog());
        }
        return result.path("result").path("value");
    }

    String text(String expression) throws InterruptedException {
        return evaluate(expression).asText();
    }

    /**
     * Waits until the expression is true, failing with what the page shows when it does not become so. An expression
     * that throws meanwhile (the page is between two renderings) counts as false; the last error is reported.
     */
    void waitFor(String condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastError = "";
        while (System.nanoTime() < deadline) {
            try {
                if (evaluate("!!(" + condition + ")").asBoolean()) {
                    return;
                }
            } catch (AssertionError e) {
                lastError = "\nlast error: " + e.getMessage();
            }
            Thread.sleep(100);
        }
        String body = text("document.body ? document.body.innerText : ''");
        throw new AssertionError("Waited " + timeout.toSeconds() + " s for `" + condition + "`; the page shows:\n"
                + body.substring(0, Math.min(2000, body.length())) + lastError + "\nconsole:\n" + consoleLog());
    }

    void click(String selector) throws InterruptedException {
        element(selector, "el.click()");
    }

    /** Sets a field's value as typing would, firing input and change. */
    void type(String selector, String text) throws InterruptedException {
        element(selector, "el.focus(); el.value = " + JSON.valueToTree(text) + ";"
                + " el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}))");
    }

    void press(String selector, String key) throws InterruptedException {
        element(selector, "for (const type of ['keydown', 'keyup']) el.dispatchEvent(new KeyboardEvent(type, {key: "
                + JSON.valueToTree(key) + ", bubbles: true}))");
    }

    private void element(String selector, String action) throws InterruptedException {
        boolean found = evaluate("(() => { const el = document.querySelector(" + JSON.valueToTree(selector) + ");"
                + " if (!el) return false; " + action + "; return true; })()").asBoolean();
        if (!found) {
            throw new AssertionError("No element matches " + selector + "; the page shows:\n"
                    + text("document.body.innerText.slice(0, 2000)"));
        }
    }

    /** Saves what the page shows now as {@code <screenshots>/<name>.png}. */
    Path screenshot(String name) throws IOException, InterruptedException {
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(screenshots);
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        return file;
    }

    /** What the page logged and threw, for failure messages. */
    String consoleLog() {
        synchronized (console) {
            return String.join("\n", console);
        }
    }

    private static <T> T await(CompletionStage<T> stage, String what) throws InterruptedException {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + ": no answer from Chromium in " + TIMEOUT);
        }
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            // A new address that differs only after '#' changes the page in place, with no load event.
            case "Page.loadEventFired", "Page.navigatedWithinDocument" -> loaded.countDown();
            case "Runtime.consoleAPICalled" -> {
                List<String> args = new ArrayList<>();
                params.path("args").forEach(a -> args.add(a.has("value") ? a.get("value").asText() : a.path("description").asText()));
                console.add(params.path("type").asText() + ": " + String.join(" ", args));
            }
            case "Runtime.exceptionThrown" -> console.add("exception: " + params.path("exceptionDetails").path("exception")
                    .path("description").asText(params.path("exceptionDetails").path("text").asText()));
            default -> {
            }
        }
    }

    /** Collects a message's parts until its last. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                receive(parts.toString());
                parts.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A profile file still held by an exiting helper process: left in the temp dir.
        }
    }
}
