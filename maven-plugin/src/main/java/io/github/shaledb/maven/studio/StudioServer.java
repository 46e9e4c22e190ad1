package io.github.shaledb.maven.studio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.Studio;
import io.github.shaledb.engine.api.StudioEdit;
import io.github.shaledb.engine.api.StudioRequestException;
import io.github.shaledb.engine.api.StudioRows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * db:studio's web server: the pages from the plugin's jar and the JSON the engine's {@link Studio} answers, on
 * 127.0.0.1 only. Every request needs the random token of the printed address (the first visit trades it for a
 * cookie, as Jupyter does); a request naming another host (DNS rebinding) or, for a change, coming from another origin
 * is refused.
 */
public final class StudioServer implements AutoCloseable {
    private static final String RESOURCES = "/io/github/shaledb/maven/studio/";
    private static final Map<String, String> FILES = Map.of("/", "index.html", "/studio.js", "studio.js",
            "/studio.css", "studio.css", "/favicon.svg", "favicon.svg");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
    /** Above this a JavaScript number loses digits (a 64-bit lock key), so such a long is sent as a string. */
    private static final long EXACT_IN_JAVASCRIPT = 1L << 53;
    private static final StdSerializer<Long> LONGS = new StdSerializer<>(Long.class) {
        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Math.abs(value) > EXACT_IN_JAVASCRIPT) {
                gen.writeString(value.toString());
            } else {
                gen.writeNumber(value);
            }
        }
    };
    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule().addSerializer(OffsetDateTime.class, new StdSerializer<>(OffsetDateTime.class) {
                @Override
                public void serialize(OffsetDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                    gen.writeString(value.toString());
                }
            }).addSerializer(Long.class, LONGS).addSerializer(long.class, LONGS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Studio studio;
    private final HttpServer http;
    private final ExecutorService workers;
    private final String token;
    private final Consumer<String> debug;

    private StudioServer(Studio studio, HttpServer http, ExecutorService workers, String token, Consumer<String> debug) {
        this.studio = studio;
        this.http = http;
        this.workers = workers;
        this.token = token;
        this.debug = debug;
    }

    /**
     * @param port  the port on 127.0.0.1; 0 for a free one
     * @param debug receives one line per request (method, path, status, time), never a value or the token
     * @throws IOException the port is taken
     */
    public static StudioServer start(Studio studio, int port, Consumer<String> debug) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "shale-studio");
            t.setDaemon(true);
            return t;
        });
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        StudioServer server = new StudioServer(studio, http, workers,
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret), debug);
        http.createContext("/", server::handle);
        http.setExecutor(workers);
        http.start();
        return server;
    }

    /** @return the port it listens on */
    public int port() {
        return http.getAddress().getPort();
    }

    /** @return the address to open, with the token */
    public URI address() {
        return URI.create("http://127.0.0.1:" + port() + "/?token=" + token);
    }

    private String cookieName() {
        return "shale-studio-" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        int status;
        try {
            status = route(exchange, method, path);
        } catch (RuntimeException e) {
            // A bug of the studio: the page says so, the log has the stack for the report.
            status = 500;
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            debug.accept("studio: " + method + " " + path + " failed:\n" + trace);
            send(exchange, 500, "application/json", json(Map.of("error", "The studio failed: " + e
                    + ". This is a bug of Shale; run mvn -X db:studio to see where, and report it.")));
        } finally {
            exchange.close();
        }
        debug.accept("studio: " + method + " " + path + " " + status + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private int route(HttpExchange exchange, String method, String path) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (!isOwnAddress(host)) {
            return text(exchange, 403, "This studio answers only to http://127.0.0.1:" + port() + "/ (the request named "
                    + host + ").");
        }
        String given = queryParameter(exchange.getRequestURI(), "token");
        if (given != null && same(given, token)) {
            if (method.equals("GET") && !path.startsWith("/api/")) {
                // The token leaves the address bar (and the history) for a cookie only this server reads.
                exchange.getResponseHeaders().add("Set-Cookie", cookieName() + "=" + token
                        + "; Path=/; HttpOnly; SameSite=Strict");
                exchange.getResponseHeaders().set("Location", path);
                return send(exchange, 303, "text/plain", new byte[0]);
            }
        } else if (!same(cookie(exchange, cookieName()), token)) {
            return text(exchange, 403, "This studio needs its token: open the address that mvn db:studio printed"
                    + " (http://127.0.0.1:" + port() + "/?token=…).");
        }
        if (path.startsWith("/api/")) {
            return api(exchange, method, path.substring("/api/".length()));
        }
        String file = FILES.get(path);
        if (file == null || !method.equals("GET")) {
            return text(exchange, 404, "No page " + path + ".");
        }
        try (InputStream in = StudioServer.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                return text(exchange, 500, "The plugin's jar lacks " + RESOURCES + file + ".");
            }
            exchange.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
            return send(exchange, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), in.readAllBytes());
        }
    }

    private int api(HttpExchange exchange, String method, String call) throws IOException {
        boolean post = method.equals("POST");
        if (post) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            // A form of another site cannot send JSON without asking first, and a browser names its origin.
            if (type == null || !type.startsWith("application/json") || (origin != null && !isOwnOrigin(origin))) {
                return error(exchange, 403, "A change must come from the studio's own page.", null);
            }
        } else if (!method.equals("GET")) {
            return error(exchange, 405, "Method " + method + " is not served.", null);
        }
        try {
            Object result = switch (call) {
                case "info" -> info();
                case "schema" -> studio.schema();
                case "migrations" -> studio.migrations();
                case "next-change" -> studio.nextChange();
                case "rows" -> post ? studio.rows(read(exchange, StudioRows.Query.class)) : null;
                case "query" -> post ? studio.query(read(exchange, JsonNode.class).path("sql").asText(null)) : null;
                case "edit" -> post ? edit(read(exchange, JsonNode.class)) : null;
                default -> null;
            };
            if (result == null) {
                return error(exchange, 404, "No call " + method + " /api/" + call + ".", null);
            }
            return send(exchange, 200, "application/json", json(result));
        } catch (StudioRequestException e) {
            boolean readOnly = call.equals("edit") && studio.access() == Studio.Access.READ_ONLY;
            return error(exchange, readOnly ? 403 : 400, e.getMessage(), e.fix());
        } catch (JsonProcessingException e) {
            return error(exchange, 400, "The request is not what /api/" + call + " reads: " + e.getOriginalMessage(), null);
        } catch (ShaleException e) {
            return error(exchange, e.isUserError() ? 400 : 500, e.getMessage(), e.fix());
        }
    }

    private Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("database", studio.description());
        info.put("writable", studio.access() == Studio.Access.READ_WRITE);
        return info;
    }

    private StudioEdit edit(JsonNode body) throws ShaleException, JsonProcessingException {
        StudioEdit.Request request = JSON.treeToValue(body.path("request"), StudioEdit.Request.class);
        return studio.edit(request, body.path("apply").asBoolean(false));
    }

    private static <T> T read(HttpExchange exchange, Class<T> type) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return JSON.readValue(in, type);
        }
    }

    private boolean isOwnAddress(String host) {
        return host != null && List.of("127.0.0.1:" + port(), "localhost:" + port()).contains(host.toLowerCase());
    }

    private boolean isOwnOrigin(String origin) {
        return origin.startsWith("http://") && isOwnAddress(origin.substring("http://".length()));
    }

    private static boolean same(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(name + "=")) {
                    return p.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    private static byte[] json(Object value) throws JsonProcessingException {
        return JSON.writeValueAsBytes(value);
    }

    private static int error(HttpExchange exchange, int status, String message, String fix) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("fix", fix);
        return send(exchange, status, "application/json", json(body));
    }

    private static int text(HttpExchange exchange, int status, String message) throws IOException {
        return send(exchange, status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }

    private static int send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    /** Stops serving; requests under way get a second to finish. */
    @Override
    public void close() {
        http.stop(1);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
