package io.github.shaledb.engine.embedded;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class EmbeddedPostgresTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Path> toDelete = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        closeAll();
        for (Path path : toDelete) {
            PostgresBinaries.deleteRecursively(path);
            Files.deleteIfExists(path.resolveSibling(path.getFileName() + ".log"));
            Files.deleteIfExists(path.resolveSibling(path.getFileName() + ".lock"));
        }
    }

    @Test
    void temporaryServerServesATableAndIsRemovedOnClose() throws Exception {
        EmbeddedPostgres postgres = start(null);
        Path data = postgres.dataDirectory();
        ProcessHandle server = ProcessHandle.of(PostmasterPid.read(data).orElseThrow().pid()).orElseThrow();

        execute(postgres, "create table users (id int primary key, name text); insert into users values (1, 'ada')");

        assertThat(query(postgres, "select name from users")).containsExactly("ada");
        assertThat(query(postgres, "select current_setting('fsync') || ' ' || current_setting('max_connections')"))
                .containsExactly("off 300");
        postgres.close();
        assertThat(server.isAlive()).isFalse();
        assertThat(data).doesNotExist();
    }

    @Test
    void serverRunsAsNobodyWhenTheJvmRunsAsRoot() throws Exception {
        assumeThat(System.getProperty("user.name")).isEqualTo("root");
        EmbeddedPostgres postgres = start(null);

        ProcessHandle server = ProcessHandle.of(PostmasterPid.read(postgres.dataDirectory()).orElseThrow().pid()).orElseThrow();

        assertThat(server.info().user()).contains("nobody");
        assertThat(Files.getOwner(postgres.dataDirectory()).getName()).isEqualTo("nobody");
    }

    @Test
    void persistentDirectoryKeepsDataAcrossRestarts() throws Exception {
        Path data = newDataDirectory();
        try (EmbeddedPostgres first = start(data)) {
            execute(first, "create table kept (v text); insert into kept values ('still here')");
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        EmbeddedPostgres second = start(data);

        assertThat(second.reused()).isFalse();
        assertThat(query(second, "select v from kept")).containsExactly("still here");
    }

    @Test
    void secondStartOnARunningDirectoryReusesTheServerAndLeavesItRunning() throws Exception {
        Path data = newDataDirectory();
        EmbeddedPostgres owner = start(data);

        try (EmbeddedPostgres guest = EmbeddedPostgres.start(options(data))) {
            assertThat(guest.reused()).isTrue();
            assertThat(guest.port()).isEqualTo(owner.port());
            execute(guest, "create table from_guest (id int)");
        }

        assertThat(query(owner, "select count(*) from from_guest")).containsExactly("0");
    }

    @Test
    void concurrentStartsOnOneDirectoryShareOneServer() throws Exception {
        Path data = newDataDirectory();

        CompletableFuture<EmbeddedPostgres> a = CompletableFuture.supplyAsync(() -> startUnchecked(data));
        CompletableFuture<EmbeddedPostgres> b = CompletableFuture.supplyAsync(() -> startUnchecked(data));
        EmbeddedPostgres first = a.join();
        EmbeddedPostgres second = b.join();
        toClose.add(first.reused() ? first : second);
        toClose.add(first.reused() ? second : first);

        assertThat(first.port()).isEqualTo(second.port());
        assertThat(List.of(first.reused(), second.reused())).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void stalePostmasterPidIsRemovedAndTheServerStarts() throws Exception {
        Path data = newDataDirectory();
        start(data).close();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(data.resolve("postmaster.pid"), gone.pid() + "\n" + data + "\n1700000000\n5999\n\n127.0.0.1\n",
                StandardCharsets.UTF_8);

        EmbeddedPostgres restarted = start(data);

        assertThat(restarted.reused()).isFalse();
        assertThat(PostmasterPid.read(data).orElseThrow().pid()).isNotEqualTo(gone.pid());
        assertThat(query(restarted, "select 1")).containsExactly("1");
    }

    @Test
    void projectFolderOnlyItsOwnerCanEnterWorksAsRootAndCleanStartsAfresh() throws Exception {
        assumeThat(System.getProperty("user.name")).isEqualTo("root");
        Path project = Files.createTempDirectory("shale-closed-");
        toDelete.add(project);
        Files.setPosixFilePermissions(project, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path data = project.resolve("target/shale/postgres");

        EmbeddedPostgres first = start(data);
        toDelete.add(first.dataDirectory());
        execute(first, "create table kept (v text); insert into kept values ('still here')");
        first.close();

        assertThat(data).isSymbolicLink();
        assertThat(Files.readSymbolicLink(data)).isEqualTo(first.dataDirectory());
        assertThat(Files.getOwner(first.dataDirectory()).getName()).isEqualTo("nobody");
        assertThat(query(start(data), "select v from kept")).containsExactly("still here");
        closeAll();

        // mvn clean deletes target/ and with it the link: the next run starts from an empty database.
        PostgresBinaries.deleteRecursively(project.resolve("target"));
        EmbeddedPostgres afterClean = start(data);

        assertThat(query(afterClean, "select count(*) from pg_tables where tablename = 'kept'")).containsExactly("0");
    }

    @Test
    void unreachableDirectoryThatAlreadyHoldsFilesIsRefusedAsRoot() throws IOException {
        assumeThat(System.getProperty("user.name")).isEqualTo("root");
        Path closed = Files.createTempDirectory("shale-closed-");
        toDelete.add(closed);
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Path data = Files.createDirectories(closed.resolve("data"));
        Files.writeString(data.resolve("PG_VERSION"), "16\n");

        assertThatThrownBy(() -> EmbeddedPostgres.start(options(data)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("db.url");
                    assertThat(e.getMessage()).isEqualTo("PostgreSQL refuses to run as root, so Shale runs the embedded"
                            + " server as 'nobody', who cannot reach " + data + " (" + closed + " is closed to it), and "
                            + data + " already holds files");
                    assertThat(e.fix()).contains("-Ddb.url=embedded:/tmp/shale-data");
                });
        assertThat(data.resolve("PG_VERSION")).hasContent("16");
    }

    @Test
    void nonEmptyDirectoryThatIsNoClusterIsRefused() throws IOException {
        Path data = newDataDirectory();
        Files.createDirectories(data);
        Files.writeString(data.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> EmbeddedPostgres.start(options(data)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The embedded data directory " + data + " is neither empty nor a PostgreSQL data directory");
        assertThat(data.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void missingBinariesNameTheFileAndTheArtifact() {
        Path missing = Path.of("/nonexistent/binaries.jar");

        assertThatThrownBy(() -> EmbeddedPostgres.start(new EmbeddedPostgres.Options(null, missing, null, null)))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("The PostgreSQL binaries /nonexistent/binaries.jar do not exist");
    }

    private void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
    }

    private EmbeddedPostgres start(Path data) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(options(data));
        toClose.add(postgres);
        return postgres;
    }

    private static EmbeddedPostgres startUnchecked(Path data) {
        try {
            return EmbeddedPostgres.start(options(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmbeddedPostgres.Options options(Path data) {
        return new EmbeddedPostgres.Options(data, null, null, line -> System.out.println("[postgres] " + line));
    }

    private Path newDataDirectory() {
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "shale-test-" + UUID.randomUUID(), "data");
        toDelete.add(data.getParent());
        return data;
    }

    private static void execute(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> query(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), null);
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
