package io.github.shaledb.engine.connect;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Passwords;
import io.github.shaledb.engine.api.ShaleSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
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

    @Test
    void aDatabaseIsNamedByTheUrlDatabaseUrlOrALibpqServerVariableButNotByCredentialsAlone() {
        assertThat(DatabaseTarget.named(settings().build())).isFalse();
        assertThat(DatabaseTarget.named(settings().environment(Map.of("PGUSER", "app", "PGPASSWORD", "pw")).build())).isFalse();
        assertThat(DatabaseTarget.named(settings().environment(Map.of("PGHOST", "db.internal")).build())).isTrue();
        assertThat(DatabaseTarget.named(settings().environment(Map.of("DATABASE_URL", "postgres://db/app")).build())).isTrue();
        assertThat(DatabaseTarget.named(settings().url("embedded").build())).isTrue();
    }

    private static final String ODD = "p%@:/#?é x";
    private static final String ODD_ENCODED = "p%25%40%3A%2F%23%3F%C3%A9%20x";

    @Test
    void oddPasswordPercentEncodedInALibpqUrl() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().url("postgres://app:" + ODD_ENCODED + "@db.internal:5432/app").build());
        assertThat(t.password()).isEqualTo(ODD);
        assertThat(t.user()).isEqualTo("app");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/app");
        assertThat(t.describe()).isEqualTo("postgres://app@db.internal:5432/app");
    }

    @Test
    void reservedCharactersMayStayRawInTheUserInfoWhereUnambiguous() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().url("postgres://app:a@b:/#?é x@db.internal:5432/app?sslmode=disable").build());
        assertThat(t.password()).isEqualTo("a@b:/#?é x");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/app?sslmode=disable");
        assertThat(Passwords.mask("postgres://app:a@b:/#?é x@db.internal:5432/app")).isEqualTo("postgres://app@db.internal:5432/app");
    }

    @Test
    void oddPasswordAndUserParametersLeaveAJdbcUrl() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings()
                .url("jdbc:postgresql://db:5432/app?user=app&password=" + ODD_ENCODED + "&ssl=false").build());
        assertThat(t.password()).isEqualTo(ODD);
        assertThat(t.user()).isEqualTo("app");
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?ssl=false");
        assertThat(Passwords.mask("jdbc:postgresql://db:5432/app?user=app&password=" + ODD_ENCODED + "&ssl=false"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=app&ssl=false");
    }

    @Test
    void aBadPercentEscapeNamesTheParameterAndNotThePassword() {
        for (String url : new String[]{"postgres://app:Xy%Zq@db/app", "jdbc:postgresql://db/app?password=Xy%Zq", "postgres://app:Xy%4@db/app"}) {
            assertThatThrownBy(() -> DatabaseTarget.resolve(settings().url(url).build()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("db.url")
                    .satisfies(e -> assertThat(((ConfigurationException) e).describe()).contains("write % as %25")
                            .doesNotContain("Xy").doesNotContain("Zq"));
        }
    }

    @Test
    void oneLetterPasswordLeavesOtherTextAlone() {
        assertThat(Passwords.mask("postgres://u:F@h/File")).isEqualTo("postgres://u@h/File");
        assertThat(Passwords.mask("Failed on File settings.xml")).isEqualTo("Failed on File settings.xml");
        assertThat(Passwords.mask("jdbc:postgresql://h/db?sslpassword=keypw&ssl=true")).isEqualTo("jdbc:postgresql://h/db?ssl=true");
    }

    @Test
    void commandLineUrlWinsOverDatabaseUrlAndTheLibpqEnvironment() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().url("postgres://a@one/db1").origin("db.url", "the command line")
                .environment(Map.of("DATABASE_URL", "postgres://b@two/db2", "PGHOST", "three")).build());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://one/db1");
        assertThat(t.announcement(null, "15.8 (Debian 15.8-1)"))
                .isEqualTo("Database: postgres://a@one:5432/db1 (PostgreSQL 15.8) via db.url from the command line");
    }

    @Test
    void databaseUrlWinsOverTheLibpqEnvironmentWhichFillsWhatItLeavesOut() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().environment(Map.of("DATABASE_URL", "postgres://two/db2",
                "PGHOST", "three", "PGUSER", "envuser", "PGPASSWORD", "envpw", "PGSSLMODE", "require")).build());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://two/db2?sslmode=require");
        assertThat(t.user()).isEqualTo("envuser");
        assertThat(t.password()).isEqualTo("envpw");
        assertThat(t.via()).isEqualTo("DATABASE_URL, user from PGUSER, sslmode from PGSSLMODE, password from PGPASSWORD");
    }

    @Test
    void libpqEnvironmentAloneNamesTheServer() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().environment(Map.of("PGHOST", "db.internal", "PGPORT", "6432",
                "PGDATABASE", "app", "PGUSER", "app", "PGPASSWORD", ODD)).build());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/app");
        assertThat(t.password()).isEqualTo(ODD);
        assertThat(t.announcement(null, "16.4"))
                .isEqualTo("Database: postgres://app@db.internal:6432/app (PostgreSQL 16.4) via PGHOST/PGPORT/PGDATABASE,"
                        + " user from PGUSER, password from PGPASSWORD");
    }

    @Test
    void passwordsFromTheSettingsWinAndSayWhere() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().url("postgres://u:urlpw@h/db").origin("db.url", "the POM")
                .user("svc").origin("db.user", "<server> prod").password("pw").origin("db.password", "the command line")
                .environment(Map.of("PGPASSWORD", "envpw")).build());
        assertThat(t.user()).isEqualTo("svc");
        assertThat(t.password()).isEqualTo("pw");
        assertThat(t.via()).isEqualTo("db.url from the POM, user from <server> prod, password from db.password on the command line");
    }

    @Test
    void pgpassGivesThePasswordOfTheFirstMatchingLine(@TempDir Path dir) throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, String.join("\n",
                "# comment",
                "other:5432:app:app:wrong",
                "db.internal:5432:we\\:ird:app:co\\:lon\\\\x",
                "db.internal:*:app:app:first:with:colons",
                "*:*:*:*:fallback"));
        Map<String, String> env = Map.of("PGPASSFILE", pgpass.toString());
        assertThat(DatabaseTarget.resolve(settings().url("postgres://app@db.internal/app").environment(env).build()).password())
                .isEqualTo("first:with:colons");
        assertThat(DatabaseTarget.resolve(settings().url("jdbc:postgresql://db.internal:5432/we%3Aird").user("app")
                .environment(env).build()).password()).isEqualTo("co:lon\\x");
        DatabaseTarget fallback = DatabaseTarget.resolve(settings().url("postgres://x@elsewhere:1/y").environment(env).build());
        assertThat(fallback.password()).isEqualTo("fallback");
        assertThat(fallback.via()).isEqualTo("db.url, password from PGPASSFILE");
        assertThat(DatabaseTarget.resolve(settings().url("postgres://x:given@elsewhere:1/y").environment(env).build()).password())
                .as("a password in the URL wins over the file").isEqualTo("given");
    }

    @Test
    void aPasswordFileThatCannotBeReadIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path pgpass = dir.resolve("pgpass");
        Files.write(pgpass, new byte[] {'*', ':', (byte) 0xff, (byte) 0xfe, '\n'});
        Map<String, String> env = Map.of("PGPASSFILE", pgpass.toString());

        assertThatThrownBy(() -> DatabaseTarget.resolve(settings().url("postgres://app@db/app").environment(env).build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("The password file " + pgpass + " cannot be read")
                .satisfies(e -> assertThat(((ConfigurationException) e).describe()).contains("Fix: make it a readable text file")
                        .contains("PGPASSWORD"));
    }

    @Test
    void pgpassUnderHomeWhenPgpassfileIsUnset(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve(".pgpass"), "localhost:5432:app:app:homepw\n");
        DatabaseTarget t = DatabaseTarget.resolve(settings().environment(Map.of("HOME", home.toString(),
                "PGDATABASE", "app", "PGUSER", "app")).build());
        assertThat(t.password()).isEqualTo("homepw");
        assertThat(t.via()).isEqualTo("PGDATABASE, user from PGUSER, password from ~/.pgpass");
    }

    @Test
    void pgserviceNamesTheServer(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("pg_service.conf");
        Files.writeString(services, "[other]\nhost=wrong\n# comment\n[prod]\nhost=db.prod\nport=5433\ndbname=orders\nuser=svc\nsslmode=verify-full\n");
        DatabaseTarget t = DatabaseTarget.resolve(settings().environment(Map.of("PGSERVICE", "prod",
                "PGSERVICEFILE", services.toString())).build());
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.prod:5433/orders?sslmode=verify-full");
        assertThat(t.user()).isEqualTo("svc");
        assertThatThrownBy(() -> DatabaseTarget.resolve(settings().environment(Map.of("PGSERVICE", "nope",
                "PGSERVICEFILE", services.toString())).build()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("nope");
    }

    @Test
    void embeddedAnnouncementIsRelativeToTheProject() throws Exception {
        DatabaseTarget t = DatabaseTarget.resolve(settings().url("embedded").build());
        assertThat(t.announcement(Path.of("/work/app"), "17.6"))
                .isEqualTo("Database: embedded server at target/shale/postgres (PostgreSQL 17.6)");
    }
}
