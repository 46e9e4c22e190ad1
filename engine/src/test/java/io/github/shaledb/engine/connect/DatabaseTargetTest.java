package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTargetTest {

    private static ShaleSettings.Builder settings() {
        return ShaleSettings.builder().environment(Map.of()).projectDirectory(Path.of("/work/app"));
    }

    @Test
    void libpqUrlBecomesJdbcWithCredentialsAndSslMode() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings()
                .url("postgres://app%40corp:s3cr%3At@db.example.com:6543/orders?sslmode=require&application_name=x").build());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/orders?sslmode=require&ApplicationName=x");
        assertThat(t.user()).isEqualTo("app@corp");
        assertThat(t.password()).isEqualTo("s3cr:t");
        assertThat(t.describe()).doesNotContain("s3cr");
    }

    @Test
    void explicitCredentialsWinOverTheUrls() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().url("postgresql://u:p@h/db").user("other").password("pw").build());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(t.user()).isEqualTo("other");
        assertThat(t.password()).isEqualTo("pw");
    }

    @Test
    void databaseUrlFromTheEnvironmentWhenDbUrlIsUnset() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings()
                .environment(Map.of("DATABASE_URL", "postgres://svc:pw@10.0.0.5/main")).build());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5/main");
        assertThat(t.source()).isEqualTo("DATABASE_URL");
    }

    @Test
    void jdbcUrlPassesThrough() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().url("jdbc:postgresql://h:5432/db?ssl=true").user("u").build());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?ssl=true");
        assertThat(t.user()).isEqualTo("u");
        assertThat(t.embedded()).isFalse();
    }

    @Test
    void embeddedDefaultsUnderTarget() throws Exception {
        assertThat(DatabaseTarget.resolve(settings().url("embedded").build()).embeddedDataDirectory())
                .isEqualTo(Path.of("/work/app/target/shale/postgres"));
        assertThat(DatabaseTarget.resolve(settings().url("embedded:/tmp/pgdata").build()).embeddedDataDirectory())
                .isEqualTo(Path.of("/tmp/pgdata"));
        assertThat(DatabaseTarget.resolve(settings().url("embedded:data/pg").build()).embeddedDataDirectory())
                .isEqualTo(Path.of("/work/app/data/pg"));
    }

    @Test
    void missingUrlNamesBothPlaces() {
        assertThatThrownBy(() -> DatabaseTarget.resolve(settings().build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("db.url").hasMessageContaining("DATABASE_URL");
    }

    @Test
    void unknownSchemeIsRejectedWithoutThePassword() {
        assertThatThrownBy(() -> DatabaseTarget.resolve(settings().url("mysql://root:hunter2@h/db").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("db.url is not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unixSocketHostIsRejected() {
        assertThatThrownBy(() -> DatabaseTarget.resolve(settings().url("postgres:///db?host=/var/run/postgresql").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unix socket");
    }
}
