package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.testsupport.ServerBinaries;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PostgreSQL major version generate writes for: db.url's server, else db.postgresVersion, else the latest
 * snapshot's, else 17; its scratch server runs that major, and the diff writes what that major takes.
 */
class GenerateVersionTest extends SchemaTestBase {
    /** Nothing listens here. */
    private static final String NO_SERVER = "jdbc:postgresql://127.0.0.1:1/postgres";

    private Path migrations() {
        return project.resolve("src/main/db/migrations");
    }

    private Integer recorded(GenerateResult result) throws Exception {
        return SnapshotJson.read(result.folder().resolve("snapshot.json")).postgresVersion();
    }

    private ShaleSettings.Builder withoutUrl(TestDatabase db) {
        return shadowSettings(db).url(null);
    }

    @Test
    void theServerAtDbUrlSetsTheVersionWhichIsPrintedAndRecorded(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table t (id int primary key);");

        GenerateResult result = shale.generate(shadowSettings(db).postgresVersion("16").build(), null);

        assertThat(result.postgresVersion()).isEqualTo(15);
        assertThat(recorded(result)).isEqualTo(15);
        assertThat(log()).contains("Wrote src/main/db/migrations/0000_create_t (2 statements, down.sql and snapshot.json)"
                + " for PostgreSQL 15");
    }

    @Test
    void anUnreachableDbUrlIsSaidAndDbPostgresVersionTakesOver(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table t (id int primary key);");

        GenerateResult result = shale.generate(shadowSettings(db).url(NO_SERVER).postgresVersion("16").build(), null);

        assertThat(events).filteredOn(e -> e.level() == ShaleEvent.Level.WARN).extracting(ShaleEvent::message)
                .anySatisfy(m -> assertThat(m).startsWith("Cannot read the server version from db.url (postgres://").contains("@127.0.0.1:1/postgres): ")
                        .endsWith("Generating for PostgreSQL 16, from db.postgresVersion."));
        assertThat(recorded(result)).isEqualTo(16);
        // The shadow server here (db.shadowUrl) is the PostgreSQL 15 test server: what both run is written.
        assertThat(result.postgresVersion()).isEqualTo(15);
        assertThat(log()).contains("runs PostgreSQL 15, the target PostgreSQL 16 (from db.postgresVersion): the migration is"
                + " written for PostgreSQL 15, which both run.");
    }

    @Test
    void withoutDbUrlOrDbPostgresVersionTheLatestSnapshotsVersionHoldsElseTheDefault(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table t (id int primary key);");
        GenerateResult first = shale.generate(withoutUrl(db).build(), null);
        assertThat(recorded(first)).as("the default").isEqualTo(17);

        schemaFile("a.sql", "create table t (id int primary key, a text);");
        GenerateResult second = shale.generate(withoutUrl(db).postgresVersion("14.15.0").build(), null);
        assertThat(recorded(second)).as("db.postgresVersion over the snapshot").isEqualTo(14);

        schemaFile("a.sql", "create table t (id int primary key, a text, b text);");
        events.clear();
        GenerateResult third = shale.generate(withoutUrl(db).build(), null);
        assertThat(recorded(third)).as("the latest snapshot's").isEqualTo(14);
        assertThat(log()).contains("the target PostgreSQL 14 (from the snapshot of " + second.tag() + ")");
    }

    @Test
    void anEmbeddedDbUrlGivesTheVersionOfItsDataDirectory(TestDatabase db) throws Exception {
        Path data = project.resolve("target/shale/postgres");
        Files.createDirectories(data);
        Files.writeString(data.resolve("PG_VERSION"), "16\n");
        schemaFile("a.sql", "create table t (id int primary key);");

        GenerateResult result = shale.generate(shadowSettings(db).url("embedded").build(), null);

        assertThat(recorded(result)).isEqualTo(16);
    }

    @Test
    void aVersionShaleDoesNotGenerateForIsRefusedNamingDbPostgresVersion(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table t (id int primary key);");

        for (String version : new String[] {"12", "19.0.0", "latest"}) {
            assertThatThrownBy(() -> shale.generate(withoutUrl(db).postgresVersion(version).build(), null))
                    .as(version).isInstanceOfSatisfying(ConfigurationException.class,
                            e -> assertThat(e.parameter()).isEqualTo("db.postgresVersion"));
        }
        assertThat(Files.exists(migrations())).isFalse();
    }

    /** The embedded scratch server runs the target's major (binaries from the resolver), and the diff writes for it. */
    @Test
    void theScratchServerRunsTheTargetsMajorAndTheDiffWritesWhatItTakes() throws Exception {
        String before = "create table t (id int primary key, a int, d int generated always as (a * 2) stored);";
        String after = before.replace("a * 2", "a * 3");
        ShaleSettings.Builder embedded = ShaleSettings.builder().projectDirectory(project)
                .binariesResolver(ServerBinaries.resolver()).environment(java.util.Map.of());

        schemaFile("a.sql", before);
        shale.generate(embedded.postgresVersion("17").build(), null);
        schemaFile("a.sql", after);
        GenerateResult on17 = shale.generate(embedded.postgresVersion(null).build(), null);

        assertThat(log()).contains("Starting a temporary PostgreSQL server for the shadow database (PostgreSQL 17.6.0)");
        assertThat(on17.postgresVersion()).isEqualTo(17);
        assertThat(Files.readString(on17.folder().resolve("migration.sql")))
                .contains("ALTER COLUMN d SET EXPRESSION AS ((a * 3))").doesNotContain("DROP COLUMN");

        MigrationWriter.deleteTree(migrations());
        schemaFile("a.sql", before);
        shale.generate(embedded.postgresVersion("15").build(), null);
        schemaFile("a.sql", after);
        events.clear();
        GenerateResult on15 = shale.generate(embedded.postgresVersion(null).build(), null);

        assertThat(log()).contains("(PostgreSQL 15.10.0)");
        assertThat(on15.postgresVersion()).isEqualTo(15);
        assertThat(Files.readString(on15.folder().resolve("migration.sql"))).doesNotContain("SET EXPRESSION")
                .contains("DROP COLUMN d").contains("ADD COLUMN d integer GENERATED ALWAYS AS ((a * 3)) STORED");

        // PostgreSQL 13 has no NULLS NOT DISTINCT (15): the schema files fail where production would.
        MigrationWriter.deleteTree(migrations());
        schemaFile("a.sql", "create table t (id int, constraint t_id unique nulls not distinct (id));");
        assertThatThrownBy(() -> shale.generate(embedded.postgresVersion("13").build(), null))
                .isInstanceOfSatisfying(MigrationSqlException.class, e -> assertThat(e.getMessage())
                        .contains("Schema file a.sql failed at src/main/db/schema/a.sql:1:").contains("syntax error"));
    }

    /** The scratch server of every major Shale supports takes a first migration and a change of many kinds. */
    @Test
    void everySupportedMajorGeneratesAndChecksAChangeOfManyKinds() throws Exception {
        String before = "create type m as enum ('a', 'b');\n"
                + "create table t (id int primary key, a text not null, b int check (b > 0), m m default 'a', s serial,"
                + " i int generated always as identity);\n"
                + "create table u (id int references t, x text unique);\ncreate index t_a on t (a);\n"
                + "create view v as select id, a from t;\ncreate function f(x int) returns int language sql as $$ select x + 1 $$;\n";
        String after = "create type m as enum ('a', 'b', 'c');\n"
                + "create table t (id int primary key, a text, b int check (b > 1), m m default 'b', s serial,"
                + " i int generated always as identity, z int);\n"
                + "create table u (id int references t, x text unique);\ncreate index t_b on t (b);\n"
                + "create view v as select id, a, z from t;\ncreate function f(x int) returns int language sql as $$ select x + 2 $$;\n";
        for (int major : io.github.shaledb.engine.embedded.PostgresVersions.binaries().keySet()) {
            MigrationWriter.deleteTree(migrations());
            ShaleSettings.Builder embedded = ShaleSettings.builder().projectDirectory(project)
                    .binariesResolver(ServerBinaries.resolver()).environment(java.util.Map.of());
            schemaFile("a.sql", before);
            shale.generate(embedded.postgresVersion(String.valueOf(major)).build(), null);
            schemaFile("a.sql", after);

            GenerateResult change = shale.generate(embedded.postgresVersion(null).build(), null);

            assertThat(change.postgresVersion()).as("PostgreSQL %d", major).isEqualTo(major);
            assertThat(recorded(change)).as("PostgreSQL %d", major).isEqualTo(major);
            assertThat(change.tags()).as("PostgreSQL %d", major).containsExactly("0001_changes", "0002_changes_indexes",
                    "0003_changes_2", "0004_changes_validate", "0005_changes_indexes_2", "0006_changes_3");
        }
    }
}
