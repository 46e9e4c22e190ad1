package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The ways a build finds its database and credentials. */
@ExtendWith(TestPostgres.class)
class ConnectionIT {
    private static final Pattern ENCRYPTED = Pattern.compile("\\{[A-Za-z0-9+/=]+}");

    /** A login role with a password that owns the test database, so it can create the tracking schema. */
    private static String createOwner(Db db, TestDatabase database, String prefix, String password) throws Exception {
        String role = prefix + "_" + database.name().replaceAll("[^a-zA-Z0-9_]", "_");
        db.execute("create role " + role + " login password '" + password + "'");
        db.execute("alter database \"" + database.name() + "\" owner to " + role);
        return role;
    }

    private static String encrypted(ItProject project, String log, String... arguments) throws Exception {
        MavenBuild.Result result = project.mvn().arguments(arguments).log(log).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Matcher m = ENCRYPTED.matcher(result.log());
        assertThat(m.find()).as(result.toString()).isTrue();
        return m.group();
    }

    @Test
    void settingsServerWithEncryptedPassword(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("settings-encrypted-password");
        String password = "It-S3cret-" + database.name().hashCode();
        String role = createOwner(db, database, "enc", password);
        // What a user does: mvn --encrypt-master-password, then mvn --encrypt-password. Maven 4 has only
        // mvnenc for that but still reads these {…} passwords, so for Maven 4 the test makes them as Maven 3 does.
        boolean maven4 = MavenBuild.hasMvnenc();
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String masterPassword = "master-" + password;
        Path security = project.path("settings-security.xml");
        String master = maven4 ? cipher.encryptAndDecorate(masterPassword, "settings.security")
                : encrypted(project, "encrypt-master.log", "--encrypt-master-password", masterPassword);
        Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>\n");
        String secret = maven4 ? cipher.encryptAndDecorate(password, masterPassword)
                : encrypted(project, "encrypt.log", "-Dsettings.security=" + security, "--encrypt-password", password);
        Files.writeString(project.path("settings.xml"), "<settings><servers><server><id>it-db</id>"
                + "<username>" + role + "</username><password>" + secret + "</password></server></servers></settings>\n");

        MavenBuild.Result result = project.mvn("db:migrate")
                .arguments("-s", project.path("settings.xml").toString(), "-Dsettings.security=" + security)
                .property("db.url", "jdbc:postgresql://" + database.host() + ":" + database.port() + "/" + database.name())
                .property("db.serverId", "it-db")
                .run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log()).contains("db.current = 0001_add_orders").doesNotContain(password);
        assertThat(db.strings("select tableowner from pg_tables where tablename in ('users', 'orders')"))
                .containsOnly(role).hasSize(2);
    }

    @Test
    void databaseUrlInLibpqForm(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("database-url-libpq");
        String password = "Libpq-pw-" + Math.abs(database.name().hashCode());
        String role = createOwner(db, database, "libpq", password);

        MavenBuild.Result result = project.mvn("db:migrate")
                .environment("DATABASE_URL", "postgres://" + role + ":" + password + "@" + database.host() + ":"
                        + database.port() + "/" + database.name() + "?sslmode=disable")
                .run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.log()).contains("db.current = 0000_create_users").doesNotContain(password);
        assertThat(db.strings("select tableowner from pg_tables where tablename = 'users'")).containsExactly(role);
    }

    @Test
    void embeddedServerKeepsItsDataAcrossBuilds() throws Exception {
        ItProject project = ItProject.copy("migrate-embedded");
        String url = "embedded:" + project.path("target/pgdata");
        String version = System.getProperty("pg.version");

        MavenBuild.Result migrate = project.mvn("db:migrate").property("db.url", url)
                .property("db.postgresVersion", version).log("migrate.log").run();

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.log()).contains("db.current = 0001_add_orders");

        MavenBuild.Result status = project.mvn("db:status").property("db.url", url)
                .property("db.postgresVersion", version).log("status.log").run();

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.log()).containsPattern("0000_create_users +applied")
                .containsPattern("0001_add_orders +applied")
                .contains("db.current = 0001_add_orders");
    }

    @Test
    void createDatabaseCreatesTheMissingDatabaseAndMigratesIt(TestDatabase database) throws Exception {
        ItProject project = ItProject.copy("database-url-libpq");
        String name = database.name() + "_new";
        TestDatabase created = new TestDatabase(name, database.jdbcUrl().replace("/" + database.name(), "/" + name),
                database.user(), database.password(), database.host(), database.port());
        try (created) {
            MavenBuild.Result result = project.mvn("db:migrate").database(created)
                    .property("db.createDatabase", true).run();

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.log()).contains("Created database " + name + " on " + database.host() + ":"
                    + database.port()).contains("db.current = 0000_create_users");
            assertThat(new Db(created).tables()).contains("public.users");
        }
    }

    @Test
    void aMigrateThatFailsWhileTheConnectionWaitsToRetryLeavesNoThreadBehind(TestDatabase database) throws Exception {
        ItProject project = ItProject.copy("migrate-malformed-journal");
        int deadPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }

        MavenBuild.Result result = project.mvn("db:migrate")
                .property("db.url", "jdbc:postgresql://127.0.0.1:" + deadPort + "/" + database.name())
                .property("db.user", database.user())
                .property("db.connectRetryDelay", 60).run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.log()).contains("BUILD FAILURE").contains("_journal.json")
                .doesNotContain("Exception in thread").doesNotContain("NoClassDefFoundError");
    }
}
