package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

class CheckTest extends SchemaTestBase {

    private MigrationsFolder twoMigrations() throws Exception {
        MigrationsFolder f = folder();
        add(f, "users", "create table users (id int primary key);", "drop table users;");
        add(f, "orders", "create table orders (id int primary key, user_id int references users);", "drop table orders;");
        schemaFile("schema.sql", "create table users (id int primary key);\n"
                + "create table orders (id int primary key, user_id int references users);");
        return f;
    }

    @Test
    void consistentFolderPasses(TestDatabase db) throws Exception {
        twoMigrations();

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).isEmpty();
        assertThat(result.migrations()).isEqualTo(2);
        assertThat(result.replayed()).isEqualTo(2);
        assertThat(db.queryStrings("select datname from pg_database where datname like 'shale_shadow_%'")).isEmpty();
        // The rules of db:lint ran on both: orders.user_id references users with no index, int keys (warnings: it passes).
        assertThat(result.lint().linted()).containsExactly("0000_users", "0001_orders");
        assertThat(result.lint().active()).extracting(f -> f.ruleId() + " " + f.migration())
                .contains("foreign-key-without-index 0001_orders", "type-int-key 0000_users");
        assertThat(result.lint().active()).allMatch(f -> f.severity() == io.github.shaledb.engine.api.LintSeverity.WARNING);
        assertThat(result.passed()).isTrue();
    }

    @Test
    void schemaFilesAheadOfTheSnapshotSayRunGenerate(TestDatabase db) throws Exception {
        twoMigrations();
        schemaFile("schema.sql", "create table users (id int primary key, email text);\n"
                + "create table orders (id int primary key, user_id int references users);");

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).singleElement().asString()
                .contains("differ from the snapshot of 0001_orders").contains("table public.users differs (column email extra)")
                .endsWith("run db:generate");
    }

    @Test
    void downScriptThatDoesNotReturnIsReported(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        f.write(1, "down.sql", "select 1;");

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).singleElement().asString()
                .contains("0001_orders: down.sql does not return to the schema before it (table public.orders is extra)");
    }

    @Test
    void migrationThatDoesNotGiveItsSnapshotIsReported(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        f.write(1, "migration.sql", "create table orders (id int primary key, user_id int references users, note text);");

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).anySatisfy(p -> assertThat(p)
                .contains("0001_orders: replaying migration.sql does not give its snapshot.json (table public.orders differs (column note extra))"));
    }

    @Test
    void branchCollisionNamesBothAndTheFix(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        SchemaSnapshot s1 = SnapshotJson.read(f.file(1, "snapshot.json"));
        f.add("prefs", "create table prefs (id int);", "drop table prefs;");
        SchemaSnapshot branch = SchemaSnapshot.of(modelOf("create table users (id int primary key);"
                + "create table orders (id int primary key, user_id int references users); create table prefs (id int);"), s1.prevId());
        f.write(2, "snapshot.json", SnapshotJson.write(branch));

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("Branch collision: 0001_orders and 0002_prefs both follow snapshot 0000_users")
                .contains("delete 0002_prefs (folder and journal entry), merge, and run db:generate again"));
    }

    @Test
    void folderMissingFromTheJournalIsReported(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        Files.createDirectories(f.root().resolve("0002_stray"));
        Files.writeString(f.root().resolve("0002_stray/migration.sql"), "select 1;");

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).singleElement().asString().contains("0002_stray/migration.sql is not listed in")
                .contains("so it would never be applied").contains("Fix: add its entry to");
    }

    @Test
    void aMigrationWithoutStatementsIsReported(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        f.write(1, "migration.sql", "-- Custom SQL migration file, put your code below! --\n");

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).anySatisfy(p -> assertThat(p)
                .contains(f.file(1, "migration.sql") + " (0001_orders) has no statement").contains("db:migrate refuses it"));
    }

    @Test
    void driftOfTheLiveDatabaseIsReported(TestDatabase db) throws Exception {
        twoMigrations();
        shale.migrate(settings(db).build());
        assertThat(shale.check(shadowSettings(db).build()).problems()).isEmpty();

        db.execute("alter table orders add column hotfix text");
        CheckResult result = shale.check(shadowSettings(db).build());

        assertThat(result.problems()).singleElement().asString().startsWith("Drift: ")
                .contains("differs from the snapshot of 0001_orders (table public.orders differs (column hotfix extra))");
    }

    @Test
    void appliedMigrationEditedAfterwardsIsReportedWithBothHashes(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        shale.migrate(settings(db).build());
        f.write(1, "migration.sql", "create table orders (id int primary key, user_id int references users);\n-- reviewed\n");

        CheckResult result = shale.check(shadowSettings(db).build());

        assertThat(result.problems()).singleElement().asString()
                .startsWith("0001_orders was changed after it was applied: the database recorded hash ")
                .containsPattern("hash [0-9a-f]{64} but .*migration.sql now has hash [0-9a-f]{64}\\.")
                .endsWith("put the change in a new migration");
    }

    @Test
    void malformedJournalIsOneProblem(TestDatabase db) throws Exception {
        MigrationsFolder f = twoMigrations();
        Files.writeString(f.root().resolve("meta/_journal.json"), "{\"entries\": [");

        CheckResult result = shale.check(shadowSettings(db).url(null).build());

        assertThat(result.problems()).singleElement().asString().contains("_journal.json is not valid JSON");
    }

    @Test
    void columnAddedInTheMiddleOfTheSchemaFilePasses(TestDatabase db) throws Exception {
        MigrationsFolder f = folder();
        SchemaSnapshot s0 = add(f, "users", "create table users (id int primary key, email text);", "drop table users;");
        f.add("name", "alter table users add column name text;", "alter table users drop column name;");
        String schema = "create table users (id int primary key, name text, email text);";
        f.write(1, "snapshot.json", SnapshotJson.write(SchemaSnapshot.of(modelOf(schema), s0.id())));
        schemaFile("schema.sql", schema);

        assertThat(shale.check(shadowSettings(db).url(null).build()).problems()).isEmpty();
    }
}
