package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pg_dump --schema-only} as a second judge next to introspection, used only when the
 * {@code pg_dump} on the PATH has the server's major version (an older one refuses a newer server, a
 * newer one prints differently).
 */
final class PgDump {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static Availability availability;

    private PgDump() {
    }

    /** Whether the comparison runs, and the sentence that says why (not). */
    record Availability(boolean usable, String reason) {
    }

    static synchronized Availability availability() {
        if (availability == null) {
            availability = probe();
        }
        return availability;
    }

    private static Availability probe() {
        int server;
        try (TestDatabase db = TestPostgres.newDatabase()) {
            server = Integer.parseInt(db.queryStrings("show server_version_num").get(0)) / 10000;
        } catch (Exception e) {
            return new Availability(false, "cannot read the server's version: " + e.getMessage());
        }
        String version;
        try {
            Process p = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            return new Availability(false, "no pg_dump on the PATH; the server is PostgreSQL " + server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Availability(false, "interrupted while asking pg_dump for its version");
        }
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            return new Availability(false, "cannot read pg_dump's version from: " + version);
        }
        int client = Integer.parseInt(m.group(1));
        if (client != server) {
            return new Availability(false, version + " is not of the server's major version " + server
                    + " (run with -Dpg.version=" + client + ".x.y to compare dumps)");
        }
        return new Availability(true, version + " matches the server's major version " + server);
    }

    /**
     * The schema-only dump (privileges included, owners not) without the tracking schema, comments, blank lines and the {@code \restrict}
     * lines newer pg_dump prints. {@code anyColumnOrder} sorts each CREATE TABLE's lines (a column a
     * reverse drops comes back at the end).
     */
    static String schemaOnly(TestDatabase db, boolean anyColumnOrder) throws IOException, InterruptedException {
        return normalise(raw(db), anyColumnOrder);
    }

    /** The dump as pg_dump prints it. */
    static String raw(TestDatabase db) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner",
                "--exclude-schema=" + Defaults.TRACKING_SCHEMA, "-h", db.host(), "-p", String.valueOf(db.port()),
                "-U", db.user(), "-d", db.name());
        if (db.password() != null) {
            builder.environment().put("PGPASSWORD", db.password());
        }
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_dump of " + db.name() + " failed:\n" + out);
        }
        return out;
    }

    static String normalise(String dump, boolean anyColumnOrder) {
        List<String> lines = new ArrayList<>();
        List<String> tableBody = null;
        for (String line : dump.split("\n")) {
            if (line.isBlank() || line.startsWith("--") || line.startsWith("\\restrict") || line.startsWith("\\unrestrict")) {
                continue;
            }
            if (anyColumnOrder && tableBody != null) {
                if (line.startsWith(")")) {
                    tableBody.sort(null);
                    lines.addAll(tableBody);
                    tableBody = null;
                    lines.add(line);
                } else {
                    tableBody.add(line.endsWith(",") ? line.substring(0, line.length() - 1) : line);
                }
                continue;
            }
            lines.add(line);
            if (anyColumnOrder && line.startsWith("CREATE ") && line.contains(" TABLE ") && line.endsWith("(")) {
                tableBody = new ArrayList<>();
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
