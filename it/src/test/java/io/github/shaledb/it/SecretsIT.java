package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every goal, with {@code -X}, succeeding and failing, with a password made of the characters URLs reserve: the
 * password, raw or percent-encoded, appears nowhere in the build's output.
 */
@ExtendWith(TestPostgres.class)
class SecretsIT {
    private static final String PASSWORD = "p%@:/#?é x";
    private static final String WRONG = "w%@:/#?ü y";

    @Test
    void everyGoalWithDebugOutputKeepsThePasswordOut(TestDatabase database) throws Exception {
        Db db = new Db(database);
        String role = "odd_" + database.name().replaceAll("[^a-zA-Z0-9_]", "_");
        db.execute("create role " + role + " login createdb password '" + PASSWORD + "'");
        db.execute("alter database \"" + database.name() + "\" owner to " + role);
        String server = database.host() + ":" + database.port();
        String jdbc = "jdbc:postgresql://" + server + "/" + database.name();
        ItProject project = ItProject.copy("secrets-every-goal");

        // libpq variables for the credentials (also of db.shadowUrl), db.url from the command line.
        MavenBuild.Result all = build(project, "all.log",
                "db:generate", "db:migrate", "db:status", "db:check", "db:push", "db:rollback", "db:migrate",
                "db:unlock", "db:repair", "db:help")
                .environment("PGUSER", role).environment("PGPASSWORD", PASSWORD)
                .property("db.url", jdbc).property("db.shadowUrl", "jdbc:postgresql://" + server + "/postgres")
                .property("db.name", "accounts").run();
        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.log()).contains("Database: postgres://" + role + "@" + server + "/" + database.name()
                + " (PostgreSQL ").contains("via db.url from the command line, user from PGUSER, password from PGPASSWORD")
                .contains("db.current = ");
        assertClean(all);
        assertThat(db.tables()).contains("public.accounts");

        // The password percent-encoded in DATABASE_URL.
        String encoded = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20");
        MavenBuild.Result fromEnv = build(project, "env.log", "db:status", "db:unlock")
                .environment("DATABASE_URL", "postgres://" + role + ":" + encoded + "@" + server + "/" + database.name())
                .run();
        assertThat(fromEnv.exitCode()).as(fromEnv.toString()).isZero();
        assertThat(fromEnv.log()).contains("via DATABASE_URL");
        assertClean(fromEnv);

        // Credentials on the command line win over DATABASE_URL's, and are refused (the test server trusts local
        // connections, so it refuses the unknown user rather than the password).
        MavenBuild.Result wrong = build(project, "wrong.log", "db:migrate")
                .environment("DATABASE_URL", "postgres://" + role + ":" + encoded + "@" + server + "/" + database.name())
                .property("db.user", "nobody_" + role).property("db.password", WRONG).run();
        assertThat(wrong.exitCode()).as(wrong.toString()).isNotZero();
        assertThat(wrong.log()).contains("refused user nobody_" + role).contains("SQLSTATE 28000");
        assertClean(wrong);

        // The unencoded % is no percent-escape: the URL is refused without a word of the password.
        MavenBuild.Result unencoded = build(project, "unencoded.log", "db:status")
                .environment("DATABASE_URL", "postgres://" + role + ":" + PASSWORD + "@" + server + "/" + database.name())
                .run();
        assertThat(unencoded.exitCode()).as(unencoded.toString()).isNotZero();
        assertThat(unencoded.log()).contains("DATABASE_URL has a % that starts no percent-escape");
        assertClean(unencoded);

        // Bad SQL in a schema file fails db:push on the scratch database.
        Files.writeString(project.path("src/main/db/schema/zz_broken.sql"), "create table broken (id int references nowhere (id));\n");
        MavenBuild.Result badSql = build(project, "bad-sql.log", "db:push")
                .environment("PGUSER", role).environment("PGPASSWORD", PASSWORD)
                .property("db.url", jdbc).property("db.shadowUrl", "jdbc:postgresql://" + server + "/postgres").run();
        assertThat(badSql.exitCode()).as(badSql.toString()).isNotZero();
        assertThat(badSql.log()).contains("nowhere");
        assertClean(badSql);
    }

    private static MavenBuild build(ItProject project, String log, String... goals) {
        return project.mvn(goals).arguments("-X").environment("LC_ALL", "C.UTF-8").log(log);
    }

    /**
     * Maven 4 under {@code -X} echoes its own command line, {@code -D} values included, before any plugin runs;
     * the configuration page says so and why a password belongs elsewhere. Everything else must be clean.
     */
    private static void assertClean(MavenBuild.Result result) {
        String encoded = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        String output = result.log().lines().filter(line -> !line.startsWith("Command line: "))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(output).as(result.logFile().toString())
                .doesNotContain(PASSWORD).doesNotContain(encoded).doesNotContain(encoded.replace("+", "%20"))
                .doesNotContain(WRONG).doesNotContain(URLEncoder.encode(WRONG, StandardCharsets.UTF_8))
                .doesNotContain("@:/#?");
    }
}
