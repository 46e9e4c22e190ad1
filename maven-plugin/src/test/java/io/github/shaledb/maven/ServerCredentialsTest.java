package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Passwords masked with {@code mvn --encrypt-password} are decrypted the way Maven itself does it. */
class ServerCredentialsTest {
    private static final String MASTER = "master-of-the-keys";
    private static final String SECRET = "s3cret-Pa55";

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private SettingsDecrypter decrypter;
    private String encryptedSecret;

    @BeforeEach
    void settingsSecurity() throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        // What mvn --encrypt-master-password and --encrypt-password print.
        Path securityXml = dir.resolve("settings-security.xml");
        Files.writeString(securityXml, "<settingsSecurity><master>"
                + cipher.encryptAndDecorate(MASTER, DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION)
                + "</master></settingsSecurity>");
        encryptedSecret = cipher.encryptAndDecorate(SECRET, MASTER);
        decrypter = new DefaultSettingsDecrypter(new DefaultSecDispatcher(cipher, Map.of(), securityXml.toString()));
    }

    private MigrateMojo mojoWithServer(String id, String username, String password) {
        MigrateMojo mojo = Mojos.create(MigrateMojo::new, dir, decrypter, log);
        Server server = new Server();
        server.setId(id);
        server.setUsername(username);
        server.setPassword(password);
        mojo.settings.addServer(server);
        return mojo;
    }

    @Test
    void encryptedPasswordIsDecryptedAndNeverLogged() throws Exception {
        MigrateMojo mojo = mojoWithServer("orders-db", "orders", encryptedSecret);
        mojo.serverId = "orders-db";
        mojo.url = Mojos.pom("url", "jdbc:postgresql://127.0.0.1:5432/orders");

        ShaleSettings settings = mojo.shaleSettings();

        assertThat(encryptedSecret).startsWith("{").doesNotContain(SECRET);
        assertThat(settings.user()).isEqualTo("orders");
        assertThat(settings.password()).isEqualTo(SECRET);
        assertThat(log.lines).isNotEmpty();
        assertThat(log.text()).contains("orders-db").doesNotContain(SECRET).doesNotContain(encryptedSecret);
        assertThat(settings.toString()).doesNotContain(SECRET);
    }

    @Test
    void unreachableServerIsAnExecutionErrorThatNeverShowsThePassword() throws Exception {
        // With nothing to apply the engine would not connect at all.
        Path migrations = Files.createDirectories(dir.resolve("src/main/db/migrations/0000_init"));
        Files.writeString(migrations.resolve("migration.sql"), "CREATE TABLE t (id int);\n");
        Files.createDirectories(migrations.resolveSibling("meta"));
        Files.writeString(migrations.resolveSibling("meta/_journal.json"), "{\"version\":\"7\",\"dialect\":\"postgresql\","
                + "\"entries\":[{\"idx\":0,\"version\":\"7\",\"when\":1,\"tag\":\"0000_init\",\"breakpoints\":true}]}");
        MigrateMojo mojo = mojoWithServer("orders-db", "orders", encryptedSecret);
        mojo.serverId = "orders-db";
        mojo.url = Mojos.pom("url", "jdbc:postgresql://127.0.0.1:1/orders?password=" + SECRET); // port 1: connection refused
        mojo.connectRetries = 1;
        mojo.connectRetryDelay = 0; // one retry, at once: the retry message is what is checked

        assertThatCode(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .message().contains("127.0.0.1").doesNotContain(SECRET);
        assertThat(log.text()).contains("retrying").doesNotContain(SECRET);
    }

    @Test
    void plainPasswordIsUsedAsIs() throws Exception {
        MigrateMojo mojo = mojoWithServer("plain", "app", "plain-pw");
        mojo.serverId = "plain";

        assertThat(mojo.shaleSettings().password()).isEqualTo("plain-pw");
    }

    @Test
    void explicitUserAndPasswordWinOverTheServer() throws Exception {
        MigrateMojo mojo = mojoWithServer("orders-db", "orders", encryptedSecret);
        mojo.serverId = "orders-db";
        mojo.user = "admin";
        mojo.password = Mojos.pom("password", "explicit");

        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.user()).isEqualTo("admin");
        assertThat(settings.password()).isEqualTo("explicit");
    }

    @Test
    void unknownServerIdFailsNamingTheProperty() {
        MigrateMojo mojo = mojoWithServer("orders-db", "orders", encryptedSecret);
        mojo.serverId = "typo";

        assertThatCode(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.serverId=typo")
                .hasMessageContaining("<server>");
    }

    @Test
    void undecryptablePasswordFailsWithoutPrintingIt() {
        String otherMaster = "{" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" + "}";
        MigrateMojo mojo = mojoWithServer("broken", "orders", otherMaster);
        mojo.serverId = "broken";

        assertThatCode(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("broken")
                .hasMessageContaining("settings-security.xml");
    }
}
