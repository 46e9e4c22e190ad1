package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.api.InvalidIndex;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a killed or failed CREATE INDEX CONCURRENTLY / REINDEX CONCURRENTLY leaves, and what Shale does with it. */
class InvalidIndexesTest extends SchemaTestBase {
    /** An index expression that sleeps while slow_flag has a row, so a build can be killed half-way. */
    private static final String SLOW = """
            create table slow_flag (on_ boolean);
            create function slow(v int) returns int language plpgsql immutable as $$
            begin
              if exists (select from slow_flag) then perform pg_sleep(10); end if;
              return v;
            end $$;
            create table t (id int);
            insert into t values (1);
            """;

    @Test
    void rerunDropsTheInvalidIndexAKilledRunLeftAndBuildsItAgain(TestDatabase db) throws Exception {
        db.execute(SLOW + "insert into slow_flag values (true);");
        killWhileBuilding(db, "create index concurrently if not exists t_slow on t (slow(id))");
        assertThat(validity(db, "t_slow")).isEqualTo("false");
        db.execute("delete from slow_flag");
        folder().add("idx", "create index concurrently if not exists t_slow on t (slow(id));", null);

        MigrateResult result = shale.migrate(settings(db).build());

        assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::tag).containsExactly("0000_idx");
        assertThat(validity(db, "t_slow")).isEqualTo("true");
        assertThat(log()).contains("Dropped INVALID index public.t_slow left by an interrupted earlier run of 0000_idx;"
                + " building it again.");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_idx");
    }

    @Test
    void aValidIndexOfThatNameIsLeftAlone(TestDatabase db) throws Exception {
        db.execute("create table t (id int); create index t_id on t (id);");
        String oid = db.queryStrings("select 't_id'::regclass::oid::text").get(0);
        folder().add("idx", "create index concurrently if not exists t_id on t (id);", null);

        shale.migrate(settings(db).build());

        assertThat(db.queryStrings("select 't_id'::regclass::oid::text")).containsExactly(oid);
        assertThat(log()).doesNotContain("Dropped INVALID index");
    }

    @Test
    void uniqueIndexOverDuplicatesFailsNamingItAndLeavesNoInvalidIndex(TestDatabase db) throws Exception {
        folder().add("t", "create table t (id int, v text);\n--> statement-breakpoint\n"
                        + "insert into t values (1, 'a'), (2, 'a');", null)
                .add("idx", "-- one row per v\ncreate unique index concurrently t_v_key on t (v);", null);

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOfSatisfying(MigrationSqlException.class, e -> {
                    assertThat(e.getMessage()).contains("0001_idx failed at src/main/db/migrations/0001_idx/migration.sql:2:1")
                            .contains("The statement left the INVALID index public.t_v_key; Shale dropped it")
                            .contains("not recorded as applied");
                    assertThat(e.fix()).startsWith("remove the rows that duplicate the index's key")
                            .contains("FROM t GROUP BY");
                });
        assertThat(db.queryStrings("select relname from pg_class where relname = 't_v_key'")).isEmpty();
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_t");

        db.execute("delete from t where id = 2");
        shale.migrate(settings(db).build());
        assertThat(validity(db, "t_v_key")).isEqualTo("true");
    }

    @Test
    void rerunOfAKilledReindexDropsItsCcnewCopy(TestDatabase db) throws Exception {
        db.execute(SLOW + "create index t_slow on t (slow(id)); insert into slow_flag values (true);");
        killWhileBuilding(db, "reindex index concurrently t_slow");
        assertThat(db.queryStrings("select relname from pg_class where relname like 't_slow%' order by 1"))
                .containsExactly("t_slow", "t_slow_ccnew");
        db.execute("delete from slow_flag");
        folder().add("reindex", "reindex index concurrently t_slow;", null);

        shale.migrate(settings(db).build());

        assertThat(log()).contains("Dropped INVALID index public.t_slow_ccnew left by an interrupted earlier run of"
                + " 0000_reindex; running the REINDEX again.");
        assertThat(db.queryStrings("select relname from pg_class where relname like 't_slow%'")).containsExactly("t_slow");
        assertThat(validity(db, "t_slow")).isEqualTo("true");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_reindex");
    }

    @Test
    void reindexThatLeavesAnIndexInvalidIsNotRecorded(TestDatabase db) throws Exception {
        db.execute("create table t (id int, v text); insert into t values (1, 'a'), (2, 'a');");
        assertThatThrownBy(() -> db.execute("create unique index concurrently t_v_key on t (v)")).isInstanceOf(SQLException.class);
        folder().add("reindex", "select 1;\n--> statement-breakpoint\nreindex table concurrently t;", null);

        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOfSatisfying(MigrationSqlException.class, e -> {
                    assertThat(e.getMessage())
                            .startsWith("0000_reindex failed at src/main/db/migrations/0000_reindex/migration.sql:3:1: after"
                                    + " the statement ran, the index public.t_v_key is INVALID")
                            .contains("public.t_v_key was INVALID before the statement ran and is still: the statement did"
                                    + " not rebuild it.")
                            .contains("it is not recorded as applied, and these statements before it had run and remain:")
                            .contains("1) select 1;");
                    assertThat(e.fix()).contains("REINDEX INDEX CONCURRENTLY public.t_v_key;");
                });
        assertThat(db.queryStrings("select count(*)::text from drizzle.__drizzle_migrations")).containsExactly("0");
    }

    @Test
    void statusListsAnInvalidIndexAndCheckFailsOnIt(TestDatabase db) throws Exception {
        add(folder(), "users", "create table users (id int primary key, email text);", "drop table users;");
        schemaFile("schema.sql", "create table users (id int primary key, email text);");
        shale.migrate(settings(db).build());
        db.execute("insert into users values (1, 'a'), (2, 'a')");
        assertThatThrownBy(() -> db.execute("create unique index concurrently users_email_key on users (email)"))
                .isInstanceOf(SQLException.class);

        StatusResult status = shale.status(settings(db).build());
        CheckResult check = shale.check(shadowSettings(db).build());

        assertThat(status.invalidIndexes()).singleElement().satisfies(i -> {
            assertThat(i.quotedName()).isEqualTo("public.users_email_key");
            assertThat(i.table()).isEqualTo("public.users");
            assertThat(i.definition()).startsWith("CREATE UNIQUE INDEX users_email_key ON public.users");
        });
        assertThat(check.passed()).isFalse();
        assertThat(check.problems()).anySatisfy(p -> assertThat(p)
                .startsWith("INVALID index public.users_email_key on public.users in ")
                .contains("Fix: REINDEX INDEX CONCURRENTLY public.users_email_key;"));
    }

    @Test
    void statusListsNothingWhenEveryIndexIsValid(TestDatabase db) throws Exception {
        folder().add("idx", "create table t (id int);\n--> statement-breakpoint\ncreate index t_id on t (id);", null);
        shale.migrate(settings(db).build());

        assertThat(shale.status(settings(db).build()).invalidIndexes()).extracting(InvalidIndex::name).isEmpty();
    }

    private static String validity(TestDatabase db, String index) throws SQLException {
        return db.queryStrings("select indisvalid::text from pg_index where indexrelid = '" + index + "'::regclass").get(0);
    }

    /** Runs the statement in a session of its own and terminates that session while it builds, as a kill would. */
    private static void killWhileBuilding(TestDatabase db, String sql) throws Exception {
        try (Connection builder = db.connect(); Connection watcher = db.connect(); Statement watch = watcher.createStatement()) {
            int pid;
            try (Statement s = builder.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
                try (Statement s = builder.createStatement()) {
                    s.execute(sql);
                } catch (SQLException terminated) {
                    // the point of it
                }
            });
            while (true) {
                try (ResultSet rs = watch.executeQuery("select count(*) from pg_stat_activity where pid = " + pid
                        + " and wait_event = 'PgSleep'")) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        break;
                    }
                }
                assertThat(build).as("the build ended before it could be killed").isNotDone();
                Thread.sleep(20);
            }
            watch.execute("select pg_terminate_backend(" + pid + ")");
            build.join();
        }
    }
}
