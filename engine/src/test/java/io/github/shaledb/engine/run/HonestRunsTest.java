package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.TrackingTableException;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deploys that never lie: nothing recorded twice or empty, timeouts and lost connections named as what they are. */
class HonestRunsTest extends EngineTestBase {

    @Test
    void aMigrationWithoutStatementsIsRefusedNamingItsFile(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", "drop table a;")
                .add("custom", "-- Custom SQL migration file, put your code below! --\n", null);

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageContaining(f.file(1, "migration.sql") + " (0001_custom) has no statement")
                .hasMessageContaining("Nothing was run");
        assertThat(db.tables()).doesNotContain("public.a");
    }

    @Test
    void runsWithDifferentLockKeysApplyAMigrationOnceAndTheSecondIsToldWhy(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table ledger (n int);", "drop table ledger;");
        shale.migrate(settings(db).build());
        f.add("b", "insert into ledger values (1);\nselect pg_sleep(1);", "delete from ledger;");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<MigrateResult>> runs = new ArrayList<>();
        for (long key : new long[] {8_100_001L, 8_100_002L}) {
            runs.add(pool.submit((Callable<MigrateResult>) () -> shale.migrate(settings(db).lockId(key).build())));
        }
        List<Throwable> failures = new ArrayList<>();
        for (Future<MigrateResult> run : runs) {
            try {
                run.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        pool.shutdown();

        assertThat(failures).singleElement().isInstanceOf(TrackingTableException.class).asString()
                .contains("0001_b was recorded as applied by another run while this one ran it; this run's copy was rolled back")
                .contains("different db.lockId values");
        assertThat(db.queryStrings("select count(*) from ledger")).containsExactly("1");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id")).containsExactly("0000_a", "0001_b");
        assertThat(log()).contains("but runs on \"drizzle\".\"__drizzle_migrations\" have used key");
    }

    @Test
    void aMigrationRunningLongerThanTheTimeoutIsCancelledAndRolledBack(TestDatabase db) throws Exception {
        folder().add("slow", "create table t (id int);\nselect pg_sleep(30);", "drop table t;");

        assertThatThrownBy(() -> shale.migrate(settings(db).migrationTimeout(Duration.ofSeconds(1)).build()))
                .isInstanceOf(MigrationSqlException.class)
                .hasMessageContaining("0000_slow ran longer than db.migrationTimeout (1 s), so its running statement was cancelled")
                .hasMessageContaining("Statement: select pg_sleep(30)")
                .hasMessageContaining("Nothing of 0000_slow remains")
                .satisfies(e -> assertThat(((ShaleException) e).fix()).contains("raise db.migrationTimeout / MIGRATION_TIMEOUT"));
        assertThat(db.tables()).doesNotContain("public.t");
        assertThat(db.queryStrings("select count(*) from drizzle.__drizzle_migrations")).containsExactly("0");
    }

    @Test
    void ddlThatWaitsForALockGivesWayAndIsRetriedUntilTheLockIsFree(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table t (id int);", "drop table t;");
        shale.migrate(settings(db).build());
        f.add("b", "alter table t add column note text;", "alter table t drop column note;");
        try (Connection app = db.connect()) {
            int pid = holdTable(app, "t");
            Thread release = commitLater(app, 1500);

            shale.migrate(settings(db).lockTimeoutPerStatement(Duration.ofMillis(200)).build());
            release.join();

            assertThat(log()).contains("0001_b at src/main/db/migrations/0001_b/migration.sql:1:1 waited more than 200 ms for a lock")
                    .contains("held by pid " + pid).containsPattern("\\[1/1] 0001_b  1 statement  [\\d.]+ m?s  \\(attempt [2-9]\\)");
            assertThat(db.queryStrings("select column_name from information_schema.columns where table_name = 't' order by 1"))
                    .containsExactly("id", "note");
        }
    }

    @Test
    void outsideATransactionOnlyTheStatementThatWaitedIsRetried(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table t (id int);", "drop table t;");
        shale.migrate(settings(db).build());
        f.add("b", "create table u (id int);\n--> statement-breakpoint\nalter table t add column note text;\n"
                + "--> statement-breakpoint\ncreate index concurrently t_note on t (note);", "drop table u;");
        try (Connection app = db.connect()) {
            int pid = holdTable(app, "t");
            Thread release = commitLater(app, 1500);

            shale.migrate(settings(db).lockTimeoutPerStatement(Duration.ofMillis(200)).build());
            release.join();

            assertThat(log()).contains("0001_b at src/main/db/migrations/0001_b/migration.sql:3:1 waited more than 200 ms")
                    .contains("held by pid " + pid);
            assertThat(db.queryStrings("select indexname from pg_indexes where tablename = 't'")).containsExactly("t_note");
            assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id")).containsExactly("0000_a", "0001_b");
        }
    }

    @Test
    void aLockHeldPastTheMigrationTimeoutFailsNamingTheHolder(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table t (id int);", "drop table t;");
        shale.migrate(settings(db).build());
        f.add("b", "alter table t add column note text;", "alter table t drop column note;");
        try (Connection app = db.connect()) {
            int pid = holdTable(app, "t");

            assertThatThrownBy(() -> shale.migrate(settings(db).lockTimeoutPerStatement(Duration.ofMillis(200))
                    .migrationTimeout(Duration.ofSeconds(2)).build()))
                    .isInstanceOf(MigrationSqlException.class)
                    .hasMessageContaining("db.migrationTimeout (2 s)")
                    .hasMessageContaining("most likely in its way: pid " + pid);
            app.rollback();
        }
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id")).containsExactly("0000_a");
    }

    @Test
    void aRerunOfAMigrationOutsideATransactionResumesAfterTheStatementsThatHadRun(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("idx", "create table p (id int);\n--> statement-breakpoint\n"
                + "create index concurrently p_missing on p (no_such_column);", "drop table p;");
        assertThatThrownBy(() -> shale.migrate(settings(db).build())).isInstanceOf(MigrationSqlException.class);

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOf(MigrationSqlException.class)
                .hasMessageContaining("column \"no_such_column\" does not exist")
                .hasMessageContaining("An earlier run of 0000_idx that was interrupted had run these statements")
                .hasMessageContaining("1) create table p (id int);");
        assertThat(log()).contains("Resuming 0000_idx after statement 1 of 2: an earlier run (at ");

        f.write(0, "migration.sql", "create table p (id int);\n--> statement-breakpoint\n"
                + "create index concurrently p_id on p (id);"); // the failed statement corrected
        shale.migrate(settings(db).build());

        assertThat(db.queryStrings("select indexname from pg_indexes where tablename = 'p'")).containsExactly("p_id");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_idx");
        assertThat(db.queryStrings("select count(*) from drizzle.__drizzle_migrations_progress")).containsExactly("0");
    }

    @Test
    void aRunKilledAfterItsLastStatementButBeforeItsRowIsRecordedWithoutRunningThemAgain(TestDatabase db) throws Exception {
        folder().add("idx", "create table q (id int);\n--> statement-breakpoint\ncreate index concurrently q_id on q (id);",
                "drop table q;");
        db.execute("create table q (id int); create index q_id on q (id)");
        db.execute("create schema drizzle; create table drizzle.__drizzle_migrations_progress (name text primary key,"
                + " hash text not null, statements text[] not null, updated_at timestamptz not null default now());"
                + " insert into drizzle.__drizzle_migrations_progress (name, hash, statements) values ('0000_idx', 'x',"
                + " array['create table q (id int);', 'create index concurrently q_id on q (id);'])");

        shale.migrate(settings(db).build());

        assertThat(log()).contains("Resuming 0000_idx after statement 2 of 2");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_idx");
    }

    @Test
    void aTerminatedSessionIsReportedAsALostConnectionAndARerunCompletes(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", "drop table a;")
                .add("slow", "create table s (id int);\nselect pg_sleep(20);", "drop table s;");
        Thread killer = new Thread(() -> {
            try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
                for (int i = 0; i < 100; i++) {
                    try (ResultSet rs = st.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where query like '%pg_sleep(20)%' and pid <> pg_backend_pid()")) {
                        if (rs.next()) {
                            return;
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOf(MigrationSqlException.class)
                .hasMessageContaining("(SQLSTATE 57P01)")
                .hasMessageContaining("The connection to the server was lost")
                .hasMessageContaining("Nothing of 0001_slow remains: its transaction was rolled back; the 1 migration(s) before it"
                        + " remain applied (this run applied 0000_a)")
                .hasMessageContaining("A rerun continues with 0001_slow")
                .satisfies(e -> assertThat(((ShaleException) e).fix()).contains("find why the connection ended"));
        killer.join();
        assertThat(db.tables()).contains("public.a").doesNotContain("public.s");

        f.write(1, "migration.sql", "create table s (id int);"); // still pending: its new text is what gets recorded
        shale.migrate(settings(db).build());
        assertThat(db.tables()).contains("public.s");
    }

    /** Commits {@code app}'s transaction after {@code millis}, on a thread of its own. */
    private static Thread commitLater(Connection app, long millis) {
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(millis);
                app.commit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.start();
        return release;
    }

    /** Holds an ACCESS SHARE lock on {@code table} in an open transaction, as an application's long read would. */
    private static int holdTable(Connection app, String table) throws Exception {
        app.setAutoCommit(false);
        try (Statement st = app.createStatement()) {
            st.execute("select * from " + table);
            try (ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
