package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real drizzle-orm migrator (npm packages {@code drizzle-orm} and {@code pg}, installed once under
 * {@code target/drizzle-orm-node}) on a drizzle-kit flat folder that db:generate extended: a team that keeps its
 * Node service migrating from the same folder. Skipped, with the reason, when node, npm or the registry is absent.
 */
class DrizzleOrmMigratorTest extends SchemaTestBase {
    private static final String DRIZZLE_ORM = "drizzle-orm@0.45.4";
    private static final String PG = "pg@8.23.1";
    private static final Path NODE_PROJECT = Path.of("target/drizzle-orm-node").toAbsolutePath();
    private static final String MIGRATE_JS = """
            const { drizzle } = require('drizzle-orm/node-postgres');
            const { migrate } = require('drizzle-orm/node-postgres/migrator');
            const { Pool } = require('pg');
            const pool = new Pool({ connectionString: process.env.SHALE_TEST_PG_URL });
            migrate(drizzle(pool), { migrationsFolder: process.argv[2] })
              .then(() => pool.end())
              .catch((e) => { console.error(e); process.exit(1); });
            """;

    private static String unavailable;

    @BeforeAll
    static void installDrizzleOrm() throws Exception {
        try {
            run(Path.of(".").toAbsolutePath(), List.of("node", "--version"), List.of(), 30);
        } catch (IOException e) {
            unavailable = "node is not installed: " + e.getMessage();
            return;
        }
        Path marker = NODE_PROJECT.resolve("installed-" + DRIZZLE_ORM + "-" + PG);
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(NODE_PROJECT);
        Files.writeString(NODE_PROJECT.resolve("package.json"), "{\"private\": true}\n");
        Result install;
        try {
            install = run(NODE_PROJECT, List.of("npm", "install", "--no-audit", "--no-fund", "--prefer-offline",
                    "--loglevel=error", DRIZZLE_ORM, PG), List.of(), 180);
        } catch (IOException e) {
            unavailable = "npm is not installed: " + e.getMessage();
            return;
        }
        if (install.exit() != 0) {
            unavailable = "npm install " + DRIZZLE_ORM + " " + PG + " failed (no registry?): " + install.output();
            return;
        }
        Files.writeString(NODE_PROJECT.resolve("migrate.js"), MIGRATE_JS);
        Files.writeString(marker, "");
    }

    @Test
    void drizzleOrmAppliesTheMigrationsDbGenerateAddedToItsFlatFolder(TestDatabase db) throws Exception {
        assumeTrue(unavailable == null, () -> "skipped: " + unavailable);
        Path migrations = project.resolve("drizzle");
        DrizzleFlatLayoutTest.copyDrizzleKitFolder(migrations);
        // The Node service has migrated the folder drizzle-kit wrote…
        drizzleOrmMigrate(db, migrations);
        // …then the Java side generates the next migrations into it…
        schemaFile("a.sql", DrizzleFlatLayoutTest.USERS_AND_ORDERS + "ALTER TABLE users ADD COLUMN name text;");
        shale.generate(shadowSettings(db).migrationsDirectory(migrations).name("add_name").build(), null);
        schemaFile("a.sql", DrizzleFlatLayoutTest.USERS_AND_ORDERS + "ALTER TABLE users ADD COLUMN name text;"
                + " CREATE TABLE notes (id int PRIMARY KEY, body text);");
        shale.generate(shadowSettings(db).migrationsDirectory(migrations).name("create_notes").build(), null);

        // …and drizzle-orm applies them.
        drizzleOrmMigrate(db, migrations);

        assertThat(db.tables()).containsExactly("drizzle.__drizzle_migrations", "public.notes", "public.orders", "public.users");
        assertThat(db.queryStrings("select column_name from information_schema.columns where table_name = 'users'"
                + " order by column_name")).containsExactly("email", "id", "name");
        List<String> expected = new ArrayList<>();
        for (String tag : List.of("0000_create_users", "0001_add_orders", "0002_add_name", "0003_create_notes")) {
            expected.add(sha256(migrations.resolve(tag + ".sql")) + " " + when(migrations, tag));
        }
        assertThat(db.queryStrings("select hash || ' ' || created_at from drizzle.__drizzle_migrations order by id"))
                .containsExactlyElementsOf(expected);
        // Shale reads drizzle-orm's rows as its own: nothing is left to apply.
        MigrateResult shaleRun = shale.migrate(settings(db).migrationsDirectory(migrations).build());
        assertThat(shaleRun.applied()).isEmpty();
    }

    private static void drizzleOrmMigrate(TestDatabase db, Path migrations) throws Exception {
        String url = "postgres://" + encode(db.user()) + ":" + encode(db.password()) + "@" + db.host() + ":" + db.port()
                + "/" + encode(db.name());
        Result result = run(NODE_PROJECT, List.of("node", "migrate.js", migrations.toString()),
                List.of("SHALE_TEST_PG_URL=" + url), 60);
        assertThat(result.exit()).as("drizzle-orm migrate said: %s", result.output()).isZero();
    }

    private static long when(Path migrations, String tag) throws IOException {
        String journal = Files.readString(migrations.resolve("meta/_journal.json"));
        int at = journal.indexOf("\"tag\": \"" + tag + "\"");
        String before = journal.substring(0, at);
        String value = before.substring(before.lastIndexOf("\"when\": ") + 8);
        return Long.parseLong(value.substring(0, value.indexOf(',')).trim());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, List<String> command, List<String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        for (String e : env) {
            builder.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        }
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
