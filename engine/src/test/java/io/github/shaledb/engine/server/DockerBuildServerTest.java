package io.github.shaledb.engine.server;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StartRequest;
import io.github.shaledb.engine.api.StartResult;
import io.github.shaledb.engine.testsupport.DockerAbsent;
import io.github.shaledb.engine.testsupport.DockerImages;
import io.github.shaledb.engine.testsupport.DockerRequired;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code db.start.server=docker:IMAGE}: a container for the build, shared like the embedded server; Docker absent. */
class DockerBuildServerTest {
    private static final String IMAGE = DockerImages.POSTGRES;

    @TempDir
    Path project;

    private final Shale shale = new Shale(event -> { });

    @AfterEach
    void stopWhatIsLeft() {
        BuildServers.stopAll();
    }

    @Test
    @DockerRequired
    void aContainerServesEachModuleItsDatabaseAndIsRemovedByTheLastStop() throws Exception {
        ShaleSettings settings = ShaleSettings.builder().projectDirectory(project).build();
        Path shared = project.resolve("target/shale/start-shared/postgres");
        StartRequest api = new StartRequest("docker:" + IMAGE, shared, null, "api", 2);
        StartRequest web = new StartRequest("docker:" + IMAGE, shared, "web_it", "web", 2);

        StartResult first = shale.startServer(settings, api);
        StartResult second = shale.startServer(settings, web);

        assertThat(first.joined()).isFalse();
        assertThat(second.joined()).isTrue();
        assertThat(second.port()).isEqualTo(first.port());
        assertThat(first.serverVersion()).startsWith(DockerImages.MAJOR + ".");
        assertThat(first.user()).isEqualTo("postgres");
        assertThat(first.password()).isNotEmpty();
        assertThat(first.dataDirectory()).isNull();
        assertThat(first.url()).isEqualTo("jdbc:postgresql://" + first.host() + ":" + first.port() + "/api");
        assertThat(first.jdbcUrl()).isEqualTo(first.url() + "?user=postgres&password=" + first.password());
        assertThat(query(first.jdbcUrl(), "select current_database()")).isEqualTo("api");
        assertThat(query(second.jdbcUrl(), "select current_database()")).isEqualTo("web_it");

        assertThat(shale.stopServer(settings, api).stopped()).isFalse();
        assertThat(query(second.jdbcUrl(), "select 1")).isEqualTo("1");
        assertThat(shale.stopServer(settings, web).stopped()).isTrue();
        assertThat(refused(first.jdbcUrl())).isTrue();
    }

    @Test
    @DockerAbsent
    void withoutDockerStartSaysSoAndNamesTheEmbeddedServer() throws Exception {
        ShaleSettings settings = ShaleSettings.builder().projectDirectory(project).build();

        assertThatThrownBy(() -> shale.startServer(settings, new StartRequest("docker:" + IMAGE, null, null, "app", 1)))
                .isInstanceOfSatisfying(EnvironmentException.class, e -> {
                    assertThat(e.getMessage()).startsWith("db.start.server=docker:" + IMAGE + " needs a Docker engine,"
                            + " and none was found (").endsWith(").").doesNotContain("\n");
                    assertThat(e.fix()).isEqualTo("use db.start.server=embedded (the default) for a server without"
                            + " Docker");
                });
        // Nothing is left registered: a retry with the embedded server, or with Docker up, starts afresh.
        assertThat(shale.stopServer(settings, new StartRequest("docker:" + IMAGE, null, null, "app", 1)).found())
                .isFalse();
    }

    private static String query(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean refused(String jdbcUrl) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl + "&connectTimeout=5")) {
            return false;
        } catch (SQLException e) {
            return true;
        }
    }
}
