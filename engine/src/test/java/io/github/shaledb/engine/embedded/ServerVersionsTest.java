package io.github.shaledb.engine.embedded;

import io.github.shaledb.engine.testsupport.ServerBinaries;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every major Shale generates for has binaries on Maven Central that our launcher starts. */
class ServerVersionsTest {

    @Test
    void eachMajorsBinariesStartAndRunThatMajor() throws Exception {
        assertThat(PostgresVersions.binaries()).containsOnlyKeys(13, 14, 15, 16, 17, 18);
        for (Map.Entry<Integer, String> version : PostgresVersions.binaries().entrySet()) {
            try (EmbeddedPostgres server = EmbeddedPostgres.start(new EmbeddedPostgres.Options(null,
                    ServerBinaries.jar(version.getValue()), null, line -> { }));
                 Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), null);
                 Statement st = c.createStatement()) {
                st.execute("create table t (id int generated always as identity primary key, a text)");
                try (ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int")) {
                    rs.next();
                    assertThat(PostgresVersions.majorOfVersionNumber(rs.getInt(1))).as(version.getValue())
                            .isEqualTo(version.getKey());
                }
            }
        }
    }

    @Test
    void versionsReadAsTheirMajor() {
        assertThat(PostgresVersions.majorOf("15")).hasValue(15);
        assertThat(PostgresVersions.majorOf(" 15.10 ")).hasValue(15);
        assertThat(PostgresVersions.majorOf("16.6.0")).hasValue(16);
        assertThat(PostgresVersions.majorOf("10.11.0-1")).hasValue(10);
        assertThat(PostgresVersions.majorOf("latest")).isEmpty();
        assertThat(PostgresVersions.majorOf("15.x")).isEmpty();
        assertThat(PostgresVersions.binariesFor(12)).isNull();
        assertThat(PostgresVersions.binariesFor(17)).isEqualTo("17.6.0");
    }
}
