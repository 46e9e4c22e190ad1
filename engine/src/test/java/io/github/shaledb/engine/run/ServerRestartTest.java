package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server of its own, restarted while a migration runs: the error names the cause and a rerun completes. */
class ServerRestartTest extends EngineTestBase {
    @TempDir
    Path data;

    @Test
    void aRestartDuringAMigrationIsNamedAndTheRerunContinues() throws Exception {
        folder().add("a", "create table a (id int);", "drop table a;")
                .add("slow", "create table s (id int);\n"
                        + "select pg_sleep(case when to_regclass('public.slow_down') is null then 0 else 20 end);\n"
                        + "create table s2 (id int);", "drop table s2; drop table s;");
        EmbeddedPostgres server = EmbeddedPostgres.start(new EmbeddedPostgres.Options(data, null, null, null));
        execute(server, "create table slow_down ()");
        Thread restart = new Thread(() -> {
            try {
                waitForSleep(server);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                server.close(); // a fast shutdown: the server ends every session
            }
        });
        restart.start();

        assertThatThrownBy(() -> shale.migrate(on(server).build()))
                .isInstanceOf(MigrationSqlException.class)
                .hasMessageContaining("The connection to the server was lost")
                .hasMessageContaining("Nothing of 0001_slow remains: its transaction was rolled back; the 1 migration(s)"
                        + " before it remain applied")
                .hasMessageContaining("A rerun continues with 0001_slow");
        restart.join();

        try (EmbeddedPostgres again = EmbeddedPostgres.start(new EmbeddedPostgres.Options(data, null, null, null))) {
            assertThat(names(again, "select name from drizzle.__drizzle_migrations order by id")).containsExactly("0000_a");
            assertThat(names(again, "select tablename from pg_tables where schemaname = 'public' order by 1"))
                    .containsExactly("a", "slow_down");
            execute(again, "drop table slow_down");

            shale.migrate(on(again).migrationTimeout(java.time.Duration.ofSeconds(60)).build());

            assertThat(names(again, "select name from drizzle.__drizzle_migrations order by id"))
                    .containsExactly("0000_a", "0001_slow");
            assertThat(names(again, "select tablename from pg_tables where schemaname = 'public' order by 1"))
                    .containsExactly("a", "s", "s2");
        }
    }

    private ShaleSettings.Builder on(EmbeddedPostgres server) {
        return ShaleSettings.builder().url(server.jdbcUrl("postgres")).user(server.user()).projectDirectory(project)
                .environment(Map.of());
    }

    private static void waitForSleep(EmbeddedPostgres server) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (!names(server, "select pid::text from pg_stat_activity where query like '%pg_sleep(case%'"
                    + " and pid <> pg_backend_pid()").isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the migration never reached its pg_sleep");
    }

    private static void execute(EmbeddedPostgres server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> names(EmbeddedPostgres server, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
