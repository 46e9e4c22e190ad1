package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.embedded.EmbeddedPostgres;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShadowDatabaseTest extends SchemaTestBase {

    @Test
    void appliesSchemaFilesInFileNameOrderAndDropsTheScratchDatabase(TestDatabase db) throws Exception {
        schemaFile("02_orders.sql", "create table orders (id int primary key, user_id int references users);");
        schemaFile("01_users.sql", "create table users (id int primary key);\ncreate index concurrently users_id on users (id);");
        schemaFile("README.md", "not sql");

        SchemaModel model;
        try (ShadowDatabase shadow = ShadowDatabase.start(RunSettings.of(shadowSettings(db).build()), ShaleListener.NONE)) {
            model = shadow.desired();
        }

        assertThat(model.tables()).extracting(t -> t.name().toString()).containsExactly("public.orders", "public.users");
        assertThat(model.table(QualifiedName.of("public", "users")).orElseThrow().indexes()).isNotEmpty();
        assertThat(db.queryStrings("select datname from pg_database where datname like 'shale_shadow_%'")).isEmpty();
    }

    @Test
    void schemaFilesReadInATransactionLeaveTheScratchDatabaseFresh(TestDatabase db) throws Exception {
        schemaFile("01.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                + "create table public.users (id int primary key);\ncreate view public.v as select id from public.users;");

        try (ShadowDatabase shadow = ShadowDatabase.start(RunSettings.of(shadowSettings(db).build()), ShaleListener.NONE);
             ShadowDatabase.Scratch scratch = shadow.create()) {
            SchemaModel fresh = io.github.shaledb.engine.introspect.Introspector.introspect(scratch.connection(),
                    java.util.List.of("public"));

            SchemaModel desired = shadow.desiredInTransaction(scratch);

            assertThat(desired).isEqualTo(shadow.desired());
            assertThat(io.github.shaledb.engine.introspect.Introspector.introspect(scratch.connection(),
                    java.util.List.of("public"))).isEqualTo(fresh);
            try (var st = scratch.connection().createStatement(); var rs = st.executeQuery("show search_path")) {
                rs.next();
                assertThat(rs.getString(1)).as("the files' session settings are rolled back too").isNotEmpty();
            }
        }
    }

    @Test
    void schemaFilesThatCannotRunInOneTransactionAreLeftToTheirOwnDatabase(TestDatabase db) throws Exception {
        RunSettings settings = RunSettings.of(shadowSettings(db).build());
        String[] files = {
            "create table t (id int);\ncreate index concurrently t_id on t (id);",
            "begin;\ncreate table t (id int);\ncommit;\ncreate table u (id int);",
            // Runs in autocommit; in a transaction block the procedure's COMMIT is refused.
            "create table t (id int);\ncreate procedure p() language plpgsql as $$ begin commit; end $$;\ncall p();"};
        for (String sql : files) {
            schemaFile("01.sql", sql);
            try (ShadowDatabase shadow = ShadowDatabase.start(settings, ShaleListener.NONE);
                 ShadowDatabase.Scratch scratch = shadow.create()) {
                assertThat(shadow.desiredInTransaction(scratch)).as(sql).isNull();
                assertThat(scratch.connection().getAutoCommit()).isTrue();
                assertThat(io.github.shaledb.engine.introspect.Introspector.introspect(scratch.connection(),
                        java.util.List.of("public")).tables()).as(sql).isEmpty();
                assertThat(shadow.desired().tables()).as(sql).isNotEmpty();
            }
        }
    }

    @Test
    void brokenSchemaFileNamesFileLineColumnAndSqlState(TestDatabase db) throws Exception {
        schemaFile("01_users.sql", "create table users (id int primary key);");
        schemaFile("02_orders.sql", "create table orders (\n  id int primary key,\n  total numbr\n);");

        assertThatThrownBy(() -> {
            try (ShadowDatabase shadow = ShadowDatabase.start(RunSettings.of(shadowSettings(db).build()), ShaleListener.NONE)) {
                shadow.desired();
            }
        }).isInstanceOfSatisfying(MigrationSqlException.class, e -> {
            assertThat(e.getMessage()).contains("Schema file 02_orders.sql failed at src/main/db/schema/02_orders.sql:3:9")
                    .contains("type \"numbr\" does not exist").contains("SQLSTATE 42704");
            assertThat(e.line()).isEqualTo(3);
        });
        assertThat(db.queryStrings("select datname from pg_database where datname like 'shale_shadow_%'")).isEmpty();
    }

    @Test
    void missingSchemaDirectoryNamesTheParameter(TestDatabase db) {
        assertThatThrownBy(() -> ShadowDatabase.schemaFiles(RunSettings.of(shadowSettings(db).build())))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("db.schemaDir");
                    assertThat(e.getMessage()).contains("src/main/db/schema does not exist");
                });
    }

    @Test
    void scratchDatabasesOfKilledRunsAreDroppedAndThoseOfLiveRunsKept(TestDatabase db) throws Exception {
        schemaFile("01.sql", "create table t (id int);");
        String killed = "shale_shadow_" + db.name() + "_killed";
        String locked = "shale_shadow_" + db.name() + "_locked";
        String connected = "shale_shadow_" + db.name() + "_connected";
        for (String name : java.util.List.of(killed, locked, connected)) {
            db.execute("create database " + name);
        }
        // The live run holds its lock from a session on another database than the shadow's: locks are per database.
        try (Connection olderRun = DriverManager.getConnection(ShadowDatabase.withDatabase(db.jdbcUrl(), connected),
                     db.user(), db.password()); Statement s = olderRun.createStatement()) {
            s.execute("select pg_advisory_lock(" + ShadowDatabase.SCRATCH_LOCKS + ", " + locked.hashCode() + ")");
            List<ShaleEvent> events = new ArrayList<>();

            try (ShadowDatabase shadow = ShadowDatabase.start(RunSettings.of(shadowSettings(db).build()), events::add)) {
                assertThat(shadow.desired().tables()).hasSize(1);
            }

            assertThat(db.queryStrings("select datname from pg_database where datname like 'shale_shadow_%' order by 1"))
                    .containsExactly(connected, locked);
            assertThat(events).extracting(ShaleEvent::message).contains("Dropped scratch database " + killed + " on "
                    + db.host() + ":" + db.port() + " left by a run that was killed");
        } finally {
            for (String name : java.util.List.of(killed, locked, connected)) {
                db.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    @Test
    void temporaryServersOfKilledRunsAreRemovedAndThoseOfLiveRunsKept(TestDatabase db) throws Exception {
        schemaFile("01.sql", "create table t (id int);");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // What a killed run leaves once its server has stopped: the directory, its log, its owner file, unlocked.
        Path killed = Files.createTempDirectory(tmp, "shale-pgdata-");
        Files.writeString(killed.resolve("PG_VERSION"), "15");
        Files.writeString(killed.resolveSibling(killed.getFileName() + ".log"), "log");
        Files.createFile(killed.resolveSibling(killed.getFileName() + ".owner"));
        // No owner file: an older version's or another tool's.
        Path unowned = Files.createTempDirectory(tmp, "shale-pgdata-");
        List<ShaleEvent> events = new ArrayList<>();
        try (ShadowDatabase live = ShadowDatabase.start(RunSettings.of(settings(db).build()), events::add)) {
            assertThat(killed).doesNotExist();
            assertThat(killed.resolveSibling(killed.getFileName() + ".owner")).doesNotExist();
            assertThat(killed.resolveSibling(killed.getFileName() + ".log")).doesNotExist();
            assertThat(unowned).exists();
            assertThat(events).extracting(ShaleEvent::message)
                    .contains("Removed the temporary PostgreSQL server of a run that was killed: deleted " + killed);

            // The next run, while this one is alive.
            EmbeddedPostgres.removeAbandonedTemporaryServers(line -> events.add(ShaleEvent.info(line)));

            assertThat(live.desired().tables()).as("the live run's server still serves it").hasSize(1);
        } finally {
            Files.deleteIfExists(unowned);
        }
    }

    @Test
    void databaseNameIsReplacedInAJdbcUrl() {
        assertThat(ShadowDatabase.withDatabase("jdbc:postgresql://h:5432/app?sslmode=require", "s"))
                .isEqualTo("jdbc:postgresql://h:5432/s?sslmode=require");
        assertThat(ShadowDatabase.withDatabase("jdbc:postgresql://h/app", "s")).isEqualTo("jdbc:postgresql://h/s");
    }
}
