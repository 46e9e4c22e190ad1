package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.schema.Grant;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.Privileges;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Roles that schema files and migrations name but the server lacks: created {@code NOLOGIN} on the scratch server
 * (and dropped again from an external one), never on a target, where the failure names the role and the fix.
 */
class MissingRolesTest extends SchemaTestBase {
    /** A role name no other test uses: roles belong to the whole test server. */
    private static String uniqueRole(String base) {
        return base + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    }

    private static List<String> roles(TestDatabase db, String... names) throws Exception {
        return db.queryStrings("select rolname from pg_roles where rolname in ('" + String.join("', '", names) + "')"
                + " order by 1");
    }

    @Test
    void aSchemaFileNamingRolesNobodyCreatedIsAppliedWithThemAndTheyAreDroppedAfterwards(TestDatabase db) throws Exception {
        String auditor = uniqueRole("auditor");
        String owner = uniqueRole("Owner Role");
        schemaFile("a.sql", "create schema app;\ncreate table app.t (id int);\n"
                + "grant select on app.t to " + auditor + ";\n"
                + "alter default privileges for role \"" + owner + "\" in schema app grant select on tables to " + auditor + ";\n"
                + "alter table app.t owner to \"" + owner + "\";\n");

        GenerateResult result = shale.generate(shadowSettings(db).schemas(List.of("app")).build(), null);

        assertThat(log()).contains("Created the role " + auditor + " (NOLOGIN) on the scratch server")
                .contains("Created the role " + owner + " (NOLOGIN)");
        String migration = Files.readString(result.folder().resolve("migration.sql"));
        assertThat(migration).contains("GRANT SELECT ON TABLE app.t TO " + auditor + ";")
                .contains("ALTER DEFAULT PRIVILEGES FOR ROLE \"" + owner + "\" IN SCHEMA app GRANT SELECT ON TABLES TO "
                        + auditor + ";");
        Privileges t = SnapshotJson.read(result.folder().resolve("snapshot.json")).model()
                .find(ObjectKind.PRIVILEGES, "table app.t").orElseThrow();
        assertThat(t.granted()).containsExactly(new Grant(auditor, List.of("SELECT"), null));
        assertThat(roles(db, auditor, owner)).as("roles created on an external shadow server are dropped with it").isEmpty();
        assertThat(db.tables()).as("the target is not touched").isEmpty();
    }

    @Test
    void checkReplaysMigrationsThatNameMissingRoles(TestDatabase db) throws Exception {
        String reader = uniqueRole("reader");
        schemaFile("a.sql", "create table t (id int);\ngrant select on t to " + reader + ";\n");
        shale.generate(shadowSettings(db).build(), null);

        assertThat(shale.check(shadowSettings(db).url(null).build()).problems()).isEmpty();
        assertThat(roles(db, reader)).isEmpty();
    }

    @Test
    void aStatementInATransactionIsRunAgainFromASavepointOnceItsRolesExist(TestDatabase db) throws Exception {
        String first = uniqueRole("first");
        String second = uniqueRole("second");
        try (Connection c = db.connect(); Connection admin = db.connect()) {
            c.setAutoCommit(false);
            ScriptRunner runner = new ScriptRunner(c, project, role -> {
                try (Statement s = admin.createStatement()) {
                    s.execute("create role " + ScriptRunner.quote(role) + " nologin");
                }
            });
            try {
                runner.run("replay", Path.of("down.sql"), SqlScript.parse("create table t (id int);\n"
                        + "grant select on t to " + first + ", " + second + ";\n"), true, "");
                try (Statement s = c.createStatement(); var rows = s.executeQuery("select relacl::text from pg_class"
                        + " where relname = 't'")) {
                    rows.next();
                    assertThat(rows.getString(1)).as("the transaction went on after the failure")
                            .contains(first + "=r/").contains(second + "=r/");
                }
            } finally {
                c.rollback();
                try (Statement s = admin.createStatement()) {
                    s.execute("drop role if exists " + first);
                    s.execute("drop role if exists " + second);
                }
            }
        }
    }

    @Test
    void migrateFailsOnAMissingRoleNamingItAndTheFixAndCreatesNothing(TestDatabase db) throws Exception {
        String missing = uniqueRole("reporting");
        folder().add("grants", "create table t (id int);\n--> statement-breakpoint\ngrant select on t to " + missing + ";\n",
                null);

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOfSatisfying(MigrationSqlException.class, e -> {
                    assertThat(e.getMessage()).contains("0000_grants failed at src/main/db/migrations/0000_grants/migration.sql:3")
                            .contains("role \"" + missing + "\" does not exist").contains("SQLSTATE 42704")
                            .contains("The role " + missing + " does not exist on this server")
                            .contains("managed outside migrations");
                    assertThat(e.fix()).startsWith("create the role on this server (CREATE ROLE \"" + missing + "\"");
                });
        assertThat(roles(db, missing)).isEmpty();
        assertThat(db.tables()).doesNotContain("public.t");
    }

    @Test
    void pushFailsOnARoleTheTargetLacksAfterTheShadowHadIt(TestDatabase db) throws Exception {
        String missing = uniqueRole("support");
        schemaFile("a.sql", "create table t (id int);\ngrant select on t to " + missing + ";\n");

        assertThatThrownBy(() -> shale.push(shadowSettings(db).build(), null))
                .isInstanceOfSatisfying(MigrationSqlException.class, e -> {
                    assertThat(e.getMessage()).contains("db:push failed").contains("The role " + missing + " does not exist")
                            .contains("Nothing was changed");
                    assertThat(e.fix()).contains("CREATE ROLE");
                });
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void grantsByAnotherGrantorAndDefaultPrivilegesForEverySchemaAreNamedInWarnings(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table t (id int);\ngrant select on t to app_admin with grant option;\n"
                + "set role app_admin;\ngrant select on t to app_reader;\nreset role;\n"
                + "alter default privileges grant select on tables to app_writer;\n");

        GenerateResult result = shale.generate(shadowSettings(db).build(), null);

        List<String> warnings = events.stream().filter(e -> e.level() == ShaleEvent.Level.WARN).map(ShaleEvent::message).toList();
        assertThat(warnings).anySatisfy(w -> assertThat(w).isEqualTo("The privileges of app_reader on TABLE public.t were"
                + " granted by app_admin, not by the owner: migrations write them as the owner's grants."));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("ALTER DEFAULT PRIVILEGES … ON TABLES without IN"
                + " SCHEMA is not in a managed schema and is not managed"));
        assertThat(Files.readString(result.folder().resolve("migration.sql")))
                .contains("GRANT SELECT ON TABLE public.t TO app_reader;").doesNotContain("DEFAULT PRIVILEGES");
    }
}
