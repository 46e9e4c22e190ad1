package io.github.shaledb.engine.run;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleSettings.TransactionMode;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrateTest extends EngineTestBase {

    @Test
    void appliesPendingMigrationsInJournalOrderAndRecordsThem(TestDatabase db) throws Exception {
        MigrationsFolder f = folder()
                .add("users", "create table users (id int primary key);\n--> statement-breakpoint\n"
                        + "insert into users values (1);", null)
                .add("orders", "create table orders (id int primary key, user_id int references users);", null);

        MigrateResult result = shale.migrate(settings(db).build());

        assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::tag).containsExactly("0000_users", "0001_orders");
        assertThat(result.current()).isEqualTo("0001_orders");
        assertThat(db.tables()).contains("public.users", "public.orders", "drizzle.__drizzle_migrations");
        assertThat(db.queryStrings("select name || ' ' || created_at || ' ' || hash from drizzle.__drizzle_migrations order by id"))
                .containsExactly(
                        "0000_users 1700000000000 " + sha256(Files.readString(f.file(0, "migration.sql"))),
                        "0001_orders 1700000001000 " + sha256(Files.readString(f.file(1, "migration.sql"))));

        MigrateResult again = shale.migrate(settings(db).build());
        assertThat(again.applied()).isEmpty();
        assertThat(again.current()).isEqualTo("0001_orders");
    }

    @Test
    void failureAtStatementThreeNamesFileLineColumnAndLeavesNothingOfThatMigration(TestDatabase db) throws Exception {
        folder().add("ok", "create table kept (id int);", null)
                .add("bad", "create table a (id int);\n--> statement-breakpoint\ncreate table b (id int);\n"
                        + "--> statement-breakpoint\ninsert into a\n  select x from nowhere;\n", null);

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOfSatisfying(MigrationSqlException.class, e -> {
                    assertThat(e.getMessage()).contains("0001_bad failed at src/main/db/migrations/0001_bad/migration.sql:6:17")
                            .contains("relation \"nowhere\" does not exist").contains("SQLSTATE 42P01")
                            .contains("Statement: insert into a select x from nowhere;")
                            .contains("Nothing of 0001_bad remains");
                    assertThat(e.line()).isEqualTo(6);
                    assertThat(e.column()).isEqualTo(17);
                    assertThat(e.sqlState()).isEqualTo("42P01");
                });
        assertThat(db.tables()).contains("public.kept").doesNotContain("public.a", "public.b");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_ok");
    }

    @Test
    void createIndexConcurrentlyRunsOutsideATransaction(TestDatabase db) throws Exception {
        folder().add("t", "create table t (id int, v text);", null)
                .add("idx", "create index concurrently t_v on t (v);", null);

        MigrateResult result = shale.migrate(settings(db).build());

        assertThat(result.applied().get(1).transactional()).isFalse();
        assertThat(db.queryStrings("select indisvalid::text from pg_index where indexrelid = 't_v'::regclass"))
                .containsExactly("true");
        assertThat(infoLines()).anySatisfy(l -> assertThat(l).matches("\\[2/2] 0001_idx  1 statement outside a transaction  \\d+ ms"));
    }

    @Test
    void failureOutsideATransactionNamesWhatAlreadyRan(TestDatabase db) throws Exception {
        folder().add("nt", "-- db:no-transaction\ncreate table first (id int);\ncreate table first (id int);", null);

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOfSatisfying(MigrationSqlException.class, e -> {
                    assertThat(e.getMessage()).contains("migration.sql:3:1").contains("already exists")
                            .contains("had already run and remain").contains("1) create table first (id int);");
                    assertThat(e.alreadyRan()).hasSize(1);
                });
        assertThat(db.tables()).contains("public.first");
        assertThat(db.queryStrings("select count(*)::text from drizzle.__drizzle_migrations")).containsExactly("0");
    }

    @Test
    void modifiedAppliedMigrationFailsWithBothHashesBeforeAnythingRuns(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", null);
        shale.migrate(settings(db).build());
        String appliedHash = sha256("create table a (id int);");
        f.write(0, "migration.sql", "create table a (id bigint);");
        f.add("b", "create table b (id int);", null);

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageContaining("0000_a was changed after it was applied")
                .hasMessageContaining(appliedHash)
                .hasMessageContaining(sha256("create table a (id bigint);"))
                .hasMessageContaining("0000_a/migration.sql");
        assertThat(db.tables()).doesNotContain("public.b");
    }

    @Test
    void outOfOrderFailsUnlessAllowed(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", null).add("b", "create table b (id int);", null);
        shale.migrate(settings(db).build());
        db.execute("delete from drizzle.__drizzle_migrations where name = '0000_a'; drop table a;");

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOfSatisfying(MigrationFileException.class, e -> assertThat(e.describe())
                        .contains("0000_a is pending, but migrations after it in the journal are already applied")
                        .contains("Fix: if it is independent of the later ones").contains("-Ddb.outOfOrder=true"));
        assertThat(db.tables()).doesNotContain("public.a");

        MigrateResult result = shale.migrate(settings(db).outOfOrder(true).build());
        assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::tag).containsExactly("0000_a");
        assertThat(f.tag(1)).isEqualTo(result.current());
    }

    @Test
    void transactionAllRollsBackTheWholeRun(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null).add("b", "create table b (id int);", null)
                .add("c", "select 1/0;", null);

        assertThatThrownBy(() -> shale.migrate(settings(db).transactionMode(TransactionMode.ALL).build()))
                .isInstanceOf(MigrationSqlException.class)
                .hasMessageContaining("division by zero")
                .hasMessageContaining("single transaction (db.transaction=all) was rolled back, including 0000_a, 0001_b");
        assertThat(db.tables()).doesNotContain("public.a", "public.b");
        assertThat(db.queryStrings("select count(*)::text from drizzle.__drizzle_migrations")).containsExactly("0");
    }

    @Test
    void baselineRecordsWithoutRunningThenAppliesTheRest(TestDatabase db) throws Exception {
        db.execute("create table legacy (id int)");
        folder().add("legacy", "create table legacy (id int);", null).add("next", "create table next (id int);", null);

        MigrateResult result = shale.migrate(settings(db).baseline("0000_legacy").build());

        assertThat(result.baselined()).containsExactly("0000_legacy");
        assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::tag).containsExactly("0001_next");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id"))
                .containsExactly("0000_legacy", "0001_next");
    }

    @Test
    void eachMigrationIsLoggedAsItFinishesWithItsCounterStatementsAndTime(TestDatabase db) throws Exception {
        folder().add("users", "create table users (id int primary key);\n--> statement-breakpoint\n"
                        + "insert into users values (1);", null)
                .add("orders", "create table orders (id int primary key);", null);
        List<String> lines = new ArrayList<>();
        List<String> tablesWhenFirstFinished = new ArrayList<>();
        Shale watched = new Shale(event -> {
            if (event.level() == ShaleEvent.Level.INFO) {
                lines.add(event.message());
            }
            if (event.message().startsWith("[1/2]")) {
                try {
                    tablesWhenFirstFinished.addAll(db.tables());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        watched.migrate(settings(db).build());

        assertThat(lines).filteredOn(l -> l.startsWith("[")).satisfiesExactly(
                l -> assertThat(l).matches("\\[1/2] 0000_users  2 statements  \\d+ ms"),
                l -> assertThat(l).matches("\\[2/2] 0001_orders  1 statement  \\d+ ms"));
        assertThat(lines).noneMatch(l -> l.startsWith("Applying"));
        // Logged when it finished, not after the run: the next migration had not run yet.
        assertThat(tablesWhenFirstFinished).contains("public.users").doesNotContain("public.orders");
    }

    @Test
    void dryRunWritesTheExactSqlOfARunWithTrackingStatementsAndTransactions(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", "drop table a;")
                .add("idx", "create index concurrently a_id on a (id);", null)
                .add("b", "create table b (note text default 'it''s');", null);
        String a = Files.readString(f.file(0, "migration.sql"));
        String idx = Files.readString(f.file(1, "migration.sql"));
        String b = Files.readString(f.file(2, "migration.sql"));
        String table = "\"drizzle\".\"__drizzle_migrations\"";

        MigrateResult result = shale.migrate(settings(db).dryRun(true).build());

        assertThat(result.dryRun()).isTrue();
        assertThat(db.tables()).isEmpty();
        assertThat(result.sql()).isEqualTo(String.join("\n",
                "-- The SQL db:migrate would execute on this database: 3 migration(s), one transaction each.",
                "-- Review it, or apply it with: psql -v ON_ERROR_STOP=1 -f <this file> (it opens and commits its own transactions).",
                "",
                "-- the tracking table " + table,
                "create schema if not exists \"drizzle\";",
                "create table if not exists " + table + " (id serial primary key, hash text not null, created_at bigint,"
                        + " name text, applied_at timestamptz default now(), down_sql text, up_sql text);",
                "create unique index if not exists \"__drizzle_migrations_name_key\" on " + table + " (name);",
                "",
                "-- [1/3] 0000_a (src/main/db/migrations/0000_a/migration.sql)",
                "begin;",
                "create table a (id int);",
                "insert into " + table + " (hash, created_at, name, up_sql, down_sql) values ('" + sha256(a)
                        + "', 1700000000000, '0000_a', 'create table a (id int);', 'drop table a;');",
                "commit;",
                "",
                "-- [2/3] 0001_idx (src/main/db/migrations/0001_idx/migration.sql), outside a transaction",
                "create index concurrently a_id on a (id);",
                "begin;",
                "insert into " + table + " (hash, created_at, name, up_sql, down_sql) values ('" + sha256(idx)
                        + "', 1700000001000, '0001_idx', 'create index concurrently a_id on a (id);', null);",
                "commit;",
                "",
                "-- [3/3] 0002_b (src/main/db/migrations/0002_b/migration.sql)",
                "begin;",
                "create table b (note text default 'it''s');",
                "insert into " + table + " (hash, created_at, name, up_sql, down_sql) values ('" + sha256(b)
                        + "', 1700000002000, '0002_b', 'create table b (note text default ''it''''s'');', null);",
                "commit;",
                "", ""));
        assertThat(shale.migrate(settings(db).dryRun(true).build()).sql()).isEqualTo(result.sql());

        // Applied as psql would, statement by statement: the database is migrated and a real run has nothing left.
        runScript(db, result.sql());
        assertThat(db.tables()).contains("public.a", "public.b");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id"))
                .containsExactly("0000_a", "0001_idx", "0002_b");
        assertThat(shale.migrate(settings(db).build()).applied()).isEmpty();
    }

    @Test
    void dryRunInOneTransactionClosesItOnlyBeforeAMigrationOutsideOneAndSkipsAnExistingTrackingTable(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", null);
        shale.migrate(settings(db).build());
        f.add("b", "create table b (id int);", null).add("c", "create table c (id int);", null)
                .add("idx", "create index concurrently c_id on c (id);", null).add("d", "create table d (id int);", null);

        String sql = shale.migrate(settings(db).dryRun(true).transactionMode(TransactionMode.ALL).build()).sql();

        assertThat(sql.lines().filter(l -> !l.startsWith("insert into")).toList()).containsExactly(
                "-- The SQL db:migrate would execute on this database: 4 migration(s), one transaction for the run"
                        + " (db.transaction=all).",
                "-- Review it, or apply it with: psql -v ON_ERROR_STOP=1 -f <this file> (it opens and commits its own transactions).",
                "",
                "-- [1/4] 0001_b (src/main/db/migrations/0001_b/migration.sql)",
                "begin;",
                "create table b (id int);",
                "",
                "-- [2/4] 0002_c (src/main/db/migrations/0002_c/migration.sql)",
                "create table c (id int);",
                "commit;",
                "",
                "-- [3/4] 0003_idx (src/main/db/migrations/0003_idx/migration.sql), outside a transaction",
                "create index concurrently c_id on c (id);",
                "begin;",
                "commit;",
                "",
                "-- [4/4] 0004_d (src/main/db/migrations/0004_d/migration.sql)",
                "begin;",
                "create table d (id int);",
                "commit;",
                "");
        runScript(db, sql);
        assertThat(shale.migrate(settings(db).build()).applied()).isEmpty();
        assertThat(db.tables()).contains("public.b", "public.c", "public.d");
    }

    /** Runs a script as psql does: statement by statement on one session, its begin and commit included. */
    static void runScript(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (var statement : SqlScript.parse(sql).statements()) {
                st.execute(statement.text());
            }
        }
    }

    private List<String> infoLines() {
        return events.stream().filter(e -> e.level() == ShaleEvent.Level.INFO).map(ShaleEvent::message).toList();
    }

    @Test
    void upgradesADrizzleZeroTableAndMatchesItsRowsByWhen(TestDatabase db) throws Exception {
        db.execute("create schema drizzle; create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint);"
                + "insert into drizzle.__drizzle_migrations (hash, created_at) values ('" + sha256("create table a (id int);")
                + "', 1700000000000); create table a (id int);");
        folder().add("a", "create table a (id int);", null).add("b", "create table b (id int);", null);

        MigrateResult result = shale.migrate(settings(db).build());

        assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::tag).containsExactly("0001_b");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id")).containsExactly("0000_a", "0001_b");
    }

    @Test
    void afterDrizzleKitUpRenamesRowsToTheirFoldersSoDrizzleOneFindsThem(TestDatabase db) throws Exception {
        // Applied by Shale while the folder had a journal (tag 0000_a, when 1700000000123); drizzle-kit up then
        // moved 0000_a.sql to 20231114221320_a/migration.sql, and drizzle-orm 1.x matches rows by that name only.
        db.execute("create schema drizzle; create table drizzle.__drizzle_migrations (id serial primary key, hash text not null,"
                + " created_at bigint, name text, applied_at timestamptz default now());"
                + "insert into drizzle.__drizzle_migrations (hash, created_at, name) values ('" + sha256("create table a (id int);")
                + "', 1700000000123, '0000_a'); create table a (id int);");
        Path root = project.resolve("src/main/db/migrations");
        Files.createDirectories(root.resolve("20231114221320_a"));
        Files.writeString(root.resolve("20231114221320_a/migration.sql"), "create table a (id int);");
        Files.createDirectories(root.resolve("20231114221400_b"));
        Files.writeString(root.resolve("20231114221400_b/migration.sql"), "create table b (id int);");

        MigrateResult result = shale.migrate(settings(db).build());

        assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::tag).containsExactly("20231114221400_b");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id"))
                .containsExactly("20231114221320_a", "20231114221400_b");
        assertThat(log()).contains("Renamed applied migration 0000_a to 20231114221320_a");
    }

    @Test
    void emptyOrMissingFolderSucceedsWithoutConnecting() throws Exception {
        MigrateResult result = shale.migrate(io.github.shaledb.engine.api.ShaleSettings.builder()
                .url("jdbc:postgresql://127.0.0.1:1/nothing").projectDirectory(project).environment(Map.of()).build());
        assertThat(result.applied()).isEmpty();
        assertThat(log()).contains("No migrations in");
    }

    @Test
    void aBrokenFolderIsReportedRatherThanAnUnreachableServer() throws Exception {
        folder().add("a", "create table a (id int);", null);
        Files.writeString(project.resolve("src/main/db/migrations/meta/_journal.json"), "{\"entries\":[,]}");
        assertThatThrownBy(() -> shale.migrate(io.github.shaledb.engine.api.ShaleSettings.builder()
                .url("jdbc:postgresql://127.0.0.1:1/nothing").projectDirectory(project).environment(Map.of()).build()))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageContaining("_journal.json is not valid JSON at line 1");
    }

    @Test
    void customTrackingTable(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        shale.migrate(settings(db).trackingSchema("ops").trackingTable("history").build());
        assertThat(db.tables()).contains("ops.history").doesNotContain("drizzle.__drizzle_migrations");
    }

    static String sha256(String text) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(d);
    }

    static List<String> list(String... s) {
        return List.of(s);
    }
}
