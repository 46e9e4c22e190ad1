package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.testsupport.SchemaText;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Adopting an existing database: {@code pg_dump -s prod > src/main/db/schema/schema.sql} (real pg_dump 15 output,
 * with its {@code \restrict} lines, {@code SET} lines, {@code set_config} and owners), {@code db:generate}, then
 * {@code db:migrate -Ddb.baseline=TAG} on the database the dump came from, and the next change on top.
 */
class PgDumpSchemaFileTest {
    /** A role the dump names as owner: production has it, so the test server must have it too. */
    private static final String OWNER = "shale_dump_owner";
    private static final String PRODUCTION = """
            create schema app;
            create type app.mood as enum ('sad', 'ok', 'happy');
            create sequence app.invoice_no start 1000;
            create table app.users (id bigint generated always as identity primary key, email text not null unique,
                mood app.mood default 'ok', created timestamptz default now());
            create table app.orders (id serial primary key, user_id bigint references app.users (id) on delete cascade,
                invoice int default nextval('app.invoice_no'), total numeric(10,2) check (total >= 0));
            create index orders_user on app.orders (user_id);
            create function app.order_total(u bigint) returns numeric language sql stable
                as $$ select coalesce(sum(total), 0) from app.orders where user_id = u $$;
            create view app.user_totals as select u.id, u.email, app.order_total(u.id) as total from app.users u;
            create table public.settings (key text primary key, value jsonb);
            comment on table app.users is 'people who order';
            alter table app.users owner to shale_dump_owner;
            alter view app.user_totals owner to shale_dump_owner;
            alter function app.order_total(bigint) owner to shale_dump_owner;
            """;

    @TempDir
    Path project;

    private final Shale shale = new Shale(ShaleListener.NONE);

    private ShaleSettings.Builder settings(TestDatabase db) {
        return ShaleSettings.builder().url(db.jdbcUrl()).user(db.user()).password(db.password())
                .shadowUrl(db.jdbcUrl()).schemas(List.of("app", "public")).projectDirectory(project)
                .environment(Map.of());
    }

    @Test
    void aPgDumpFileIsASchemaFileAndTheDumpedDatabaseIsBaselined() throws Exception {
        assumeTrue(PgDump.availability().usable(), () -> "pg_dump skipped: " + PgDump.availability().reason());
        try (TestDatabase production = TestPostgres.newDatabase(); TestDatabase fresh = TestPostgres.newDatabase()) {
            production.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + OWNER + "')"
                    + " then create role " + OWNER + " nologin; end if; end $$");
            production.execute(PRODUCTION);
            production.execute("insert into app.users (email) values ('ada@example.com')");
            String dump = rawDumpWithOwners(production);
            assertThat(dump).contains("\\restrict ").contains("SELECT pg_catalog.set_config('search_path', '', false);")
                    .contains("OWNER TO " + OWNER);
            Path schemaFile = project.resolve("src/main/db/schema/schema.sql");
            Files.createDirectories(schemaFile.getParent());
            Files.writeString(schemaFile, dump);

            GenerateResult generated = shale.generate(settings(fresh).name("baseline").build(), null);

            assertThat(generated.tags()).containsExactly("0000_baseline");
            // A fresh database migrated from it is the dumped one.
            shale.migrate(settings(fresh).build());
            assertThat(json(fresh)).isEqualTo(json(production));
            assertThat(PgDump.schemaOnly(fresh, false)).isEqualTo(PgDump.schemaOnly(production, false));

            // The dumped database already has the schema: the migration is recorded, not run.
            MigrateResult baselined = shale.migrate(settings(production).baseline("0000_baseline").build());
            assertThat(baselined.baselined()).containsExactly("0000_baseline");
            assertThat(baselined.applied()).isEmpty();
            assertThat(shale.status(settings(production).build()).rows()).extracting(StatusResult.Row::state)
                    .containsExactly(StatusResult.State.APPLIED);

            // Then the team's first change goes on top, on both.
            Files.writeString(schemaFile, dump + "\nALTER TABLE app.users ADD COLUMN name text;\n");
            GenerateResult change = shale.generate(settings(fresh).name("add_name").build(), null);
            assertThat(shale.migrate(settings(production).build()).applied()).extracting(MigrateResult.AppliedMigration::tag)
                    .containsExactlyElementsOf(change.tags());
            assertThat(production.queryStrings("select name from app.users")).containsExactly((String) null);
        }
    }

    @Test
    void aMetaCommandPgDumpDoesNotWriteIsRefusedWithItsLineAndTheFix() throws Exception {
        Path schemaFile = project.resolve("src/main/db/schema/schema.sql");
        Files.createDirectories(schemaFile.getParent());
        Files.writeString(schemaFile, "\\restrict abc\nSET client_encoding = 'UTF8';\n\\connect shop\n"
                + "CREATE TABLE public.t (id integer);\n\\unrestrict abc\n");
        try (TestDatabase db = TestPostgres.newDatabase()) {
            assertThatThrownBy(() -> shale.generate(settings(db).build(), null))
                    .isInstanceOfSatisfying(MigrationFileException.class, e -> {
                        assertThat(e.getMessage()).startsWith("src/main/db/schema/schema.sql:3:1 holds the psql meta-command"
                                + " \\connect shop, which is not SQL");
                        assertThat(e.fix()).contains("remove the line from src/main/db/schema/schema.sql");
                    });
            assertThat(project.resolve("src/main/db/migrations")).doesNotExist();
        }
    }

    @Test
    void aDumpWithTableDataIsRefusedWithTheLineAndTheFix() throws Exception {
        Path schemaFile = project.resolve("src/main/db/schema/schema.sql");
        Files.createDirectories(schemaFile.getParent());
        Files.writeString(schemaFile, "CREATE TABLE public.t (id integer, name text);\n\n"
                + "COPY public.t (id, name) FROM stdin;\n1\tone\n2\ttwo\n\\.\n\n");
        try (TestDatabase db = TestPostgres.newDatabase()) {
            assertThatThrownBy(() -> shale.generate(settings(db).build(), null))
                    .isInstanceOfSatisfying(MigrationFileException.class, e -> {
                        assertThat(e.getMessage()).startsWith("src/main/db/schema/schema.sql:3:1 holds COPY public.t"
                                + " (id, name) FROM stdin;, table data that psql sends from the lines after it");
                        assertThat(e.fix()).startsWith("dump the schema alone (pg_dump --schema-only)");
                    });
            assertThat(project.resolve("src/main/db/migrations")).doesNotExist();
        }
    }

    private static String json(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return SchemaText.json(Introspector.introspect(c, List.of("app", "public")));
        }
    }

    /** {@code pg_dump -s} as a user runs it on production: owners included. */
    private static String rawDumpWithOwners(TestDatabase db) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("pg_dump", "--schema-only", "-h", db.host(), "-p",
                String.valueOf(db.port()), "-U", db.user(), "-d", db.name());
        if (db.password() != null) {
            builder.environment().put("PGPASSWORD", db.password());
        }
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
