package io.github.shaledb.engine.server;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StartRequest;
import io.github.shaledb.engine.api.StartResult;
import io.github.shaledb.engine.api.StopResult;
import io.github.shaledb.engine.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** db:start / db:stop as the engine runs them: a real server, started, recreated, shared, recovered and stopped. */
class BuildServerTest {
    private final Path project = Path.of(System.getProperty("java.io.tmpdir"), "shale-start-" + UUID.randomUUID());
    private final List<String> events = new ArrayList<>();
    private final Shale shale = new Shale(event -> {
        if (event.level() != ShaleEvent.Level.DEBUG) {
            events.add(event.message());
        }
    });
    private final ShaleSettings settings = ShaleSettings.builder().projectDirectory(project).build();

    @AfterEach
    void cleanUp() throws IOException {
        BuildServers.stopAll();
        if (Files.exists(project)) {
            try (var paths = Files.walk(project)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Test
    void startGivesAFreshDatabaseEachTimeAndStopStopsTheServer() throws Exception {
        StartRequest request = new StartRequest(null, null, null, "My-Service.api", 1);
        StartResult first = shale.startServer(settings, request);
        assertThat(first.database()).isEqualTo("my_service_api");
        assertThat(first.url()).isEqualTo("jdbc:postgresql://127.0.0.1:" + first.port() + "/my_service_api");
        assertThat(first.jdbcUrl()).isEqualTo(first.url() + "?user=postgres");
        assertThat(first.dataDirectory()).isEqualTo(project.resolve("target/shale/start/postgres"));
        execute(first.jdbcUrl(), "create table left_over (id int)");

        StopResult stopped = shale.stopServer(settings, request);

        assertThat(stopped.stopped()).isTrue();
        assertThat(refused(first)).isTrue();
        StartResult second = shale.startServer(settings, request);
        assertThat(query(second.jdbcUrl(), "select count(*) from pg_tables where tablename = 'left_over'"))
                .isEqualTo("0");
        assertThat(shale.stopServer(settings, request).stopped()).isTrue();
        assertThat(shale.stopServer(settings, request).found()).isFalse();
    }

    @Test
    void serverLeftRunningByAKilledBuildIsStoppedBeforeTheNextStarts() throws Exception {
        Path data = project.resolve("target/shale/start/postgres");
        // What a build killed after db:start leaves: a server on the data directory, and no JVM holding its owner file.
        EmbeddedPostgres orphan = EmbeddedPostgres.start(new EmbeddedPostgres.Options(data, null, null, null));
        // Its postmaster's pid, from the server's own file (other tests' servers run beside it in this JVM).
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());

        StartResult result = shale.startServer(settings, new StartRequest(null, null, "app", null, 1));

        assertThat(result.recovered()).startsWith("Stopped PostgreSQL (process " + orphanPid + ") left running on "
                + data + " by a build that was killed");
        assertThat(events).contains(result.recovered());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(result.port()).isNotEqualTo(orphan.port());
        assertThat(query(result.jdbcUrl(), "select current_database()")).isEqualTo("app");
    }

    @Test
    void sharedServerGivesEachModuleItsDatabaseAndStopsWithTheLastModule() throws Exception {
        Path shared = project.resolve("target/shale/start-shared/postgres");
        StartRequest api = new StartRequest(null, shared, null, "api", 2);
        StartRequest web = new StartRequest(null, shared, null, "web", 2);
        StartResult first = shale.startServer(settings, api);
        StopResult apiDone = shale.stopServer(settings, api);
        StartResult second = shale.startServer(settings, web);

        assertThat(apiDone.stopped()).isFalse();
        assertThat(apiDone.remaining()).isEqualTo(1);
        assertThat(second.joined()).isTrue();
        assertThat(second.port()).isEqualTo(first.port());
        assertThat(query(second.jdbcUrl(), "select string_agg(datname, ',' order by datname) from pg_database"
                + " where datname in ('api', 'web')")).isEqualTo("api,web");
        assertThatThrownBy(() -> shale.startServer(settings, new StartRequest(null, shared, "web", "other", 2)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Two modules of this build use the database web")
                .satisfies(e -> assertThat(((ConfigurationException) e).parameter()).isEqualTo("db.start.database"));
        assertThat(shale.stopServer(settings, web).stopped()).isTrue();
        assertThat(refused(first)).isTrue();
    }

    @Test
    void unknownKindsOfServerAreRefusedNamingTheParameterAndTheKinds() {
        assertThatThrownBy(() -> shale.startServer(settings, new StartRequest("podman:postgres:17", null, null, "app", 1)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("db.start.server=podman:postgres:17 is not a kind of server"
                            + " db:start knows");
                    assertThat(e.fix()).isEqualTo("use embedded (the default) or docker:IMAGE, e.g. docker:postgres:17");
                    assertThat(e.parameter()).isEqualTo("db.start.server");
                });
    }

    private static boolean refused(StartResult server) {
        try (Connection ignored = DriverManager.getConnection(server.jdbcUrl())) {
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    private static void execute(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, new Properties()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
