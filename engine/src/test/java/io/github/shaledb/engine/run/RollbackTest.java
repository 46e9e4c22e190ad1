package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollbackTest extends EngineTestBase {

    private MigrationsFolder threeApplied(TestDatabase db) throws Exception {
        MigrationsFolder f = folder()
                .add("a", "create table a (id int);", "drop table a;")
                .add("b", "create table b (id int);", "drop table b;")
                .add("c", "create table c (id int);\n--> statement-breakpoint\ncreate index concurrently c_id on c (id);",
                        "drop index concurrently c_id;\n--> statement-breakpoint\ndrop table c;");
        shale.migrate(settings(db).build());
        return f;
    }

    @Test
    void rollsBackTheLastOneByDefault(TestDatabase db) throws Exception {
        threeApplied(db);
        RollbackResult r = shale.rollback(settings(db).build());
        assertThat(r.rolledBack()).extracting(RollbackResult.RolledBack::tag).containsExactly("0002_c");
        assertThat(r.current()).isEqualTo("0001_b");
        assertThat(db.tables()).contains("public.a", "public.b").doesNotContain("public.c");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id")).containsExactly("0000_a", "0001_b");
    }

    @Test
    void rollsBackByCountNewestFirst(TestDatabase db) throws Exception {
        threeApplied(db);
        RollbackResult r = shale.rollback(settings(db).count(2).build());
        assertThat(r.rolledBack()).extracting(RollbackResult.RolledBack::tag).containsExactly("0002_c", "0001_b");
        assertThat(db.tables()).contains("public.a").doesNotContain("public.b", "public.c");
    }

    @Test
    void rollsBackToATagKeepingIt(TestDatabase db) throws Exception {
        threeApplied(db);
        RollbackResult r = shale.rollback(settings(db).to("0000_a").build());
        assertThat(r.rolledBack()).extracting(RollbackResult.RolledBack::tag).containsExactly("0002_c", "0001_b");
        assertThat(r.current()).isEqualTo("0000_a");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_a");
    }

    @Test
    void missingDownStopsBeforeAnythingRuns(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", null).add("b", "create table b (id int);", "drop table b;");
        shale.migrate(settings(db).build());
        assertThatThrownBy(() -> shale.rollback(settings(db).count(2).build()))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageContaining(f.file(0, "down.sql").toString());
        assertThat(db.tables()).contains("public.a", "public.b");
        assertThat(db.queryStrings("select count(*)::text from drizzle.__drizzle_migrations")).containsExactly("2");
    }

    @Test
    void failingDownLeavesThatMigrationApplied(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", "drop table a;").add("b", "create table b (id int);", "drop table nope;");
        shale.migrate(settings(db).build());
        assertThatThrownBy(() -> shale.rollback(settings(db).build()))
                .hasMessageContaining("0001_b (down) failed at src/main/db/migrations/0001_b/down.sql:1:1")
                .hasMessageContaining("table \"nope\" does not exist");
        assertThat(db.queryStrings("select count(*)::text from drizzle.__drizzle_migrations")).containsExactly("2");
        assertThat(db.tables()).contains("public.b");
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing(TestDatabase db) throws Exception {
        threeApplied(db);
        List<String> ids = db.queryStrings("select id::text from drizzle.__drizzle_migrations order by id");
        String table = "\"drizzle\".\"__drizzle_migrations\"";

        RollbackResult r = shale.rollback(settings(db).count(2).dryRun(true).build());

        assertThat(db.tables()).contains("public.a", "public.b", "public.c");
        assertThat(r.sql()).isEqualTo(String.join("\n",
                "-- The SQL db:rollback would execute on this database: 2 migration(s) rolled back, newest first, each in"
                        + " its own transaction with the removal of its tracking row.",
                "-- Review it, or apply it with: psql -v ON_ERROR_STOP=1 -f <this file>.",
                "",
                "-- [1/2] roll back 0002_c (src/main/db/migrations/0002_c/down.sql), outside a transaction",
                "drop index concurrently c_id;",
                "drop table c;",
                "delete from " + table + " where id = " + ids.get(2) + ";",
                "",
                "-- [2/2] roll back 0001_b (src/main/db/migrations/0001_b/down.sql)",
                "begin;",
                "drop table b;",
                "delete from " + table + " where id = " + ids.get(1) + ";",
                "commit;",
                "", ""));

        MigrateTest.runScript(db, r.sql());
        assertThat(db.tables()).contains("public.a").doesNotContain("public.b", "public.c");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_a");
    }

    @Test
    void badCountAndTagAreRejected(TestDatabase db) throws Exception {
        threeApplied(db);
        assertThatThrownBy(() -> shale.rollback(settings(db).count(5).build()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.parameter()).isEqualTo("db.count"))
                .hasMessageContaining("only 3 migration(s) are applied");
        assertThatThrownBy(() -> shale.rollback(settings(db).to("0009_x").build()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.parameter()).isEqualTo("db.to"));
        assertThat(db.tables()).contains("public.c");
    }

    @Test
    void countIsCheckedBeforeConnecting() throws Exception {
        folder().add("a", "create table a (id int);", "drop table a;").add("b", "create table b (id int);", "drop table b;");
        ShaleSettings.Builder unreachable = ShaleSettings.builder().url("jdbc:postgresql://127.0.0.1:1/nothing")
                .projectDirectory(project).environment(Map.of());

        assertThatThrownBy(() -> shale.rollback(unreachable.count(0).build()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.parameter()).isEqualTo("db.count"))
                .hasMessage("db.count is 0.");
        assertThatThrownBy(() -> shale.rollback(unreachable.count(2).to("0001_b").build()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.parameter()).isEqualTo("db.to"))
                .hasMessage("Both db.count and db.to are set.");
        assertThat(log()).doesNotContain("Connection attempt");
    }

    @Test
    void rollsBackFromThePreviousReleasesCheckoutWithTheStoredDownScript(TestDatabase db) throws Exception {
        MigrationsFolder f = threeApplied(db);
        f.removeLast(); // the release pipeline checks out the release before 0002_c

        RollbackResult r = shale.rollback(settings(db).build());

        assertThat(r.rolledBack()).extracting(RollbackResult.RolledBack::tag).containsExactly("0002_c");
        assertThat(r.current()).isEqualTo("0001_b");
        assertThat(db.tables()).contains("public.a", "public.b").doesNotContain("public.c");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id")).containsExactly("0000_a", "0001_b");
        assertThat(log()).containsPattern("\\[1/1] 0002_c rolled back  2 statements outside a transaction  \\d+ m?s"
                + "  \\(with the down script stored when it was applied; it is not on disk here\\)");
    }

    @Test
    void newestWithoutAnyDownScriptStopsBeforeAnythingRuns(TestDatabase db) throws Exception {
        MigrationsFolder f = threeApplied(db);
        db.execute("update drizzle.__drizzle_migrations set down_sql = null where name = '0002_c'"); // applied by drizzle-orm
        f.removeLast();

        assertThatThrownBy(() -> shale.rollback(settings(db).build()))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageContaining("Cannot roll back 0002_c, the newest applied migration to undo")
                .hasMessageContaining("stores no down script")
                .satisfies(e -> assertThat(((MigrationFileException) e).fix()).contains("db:repair -Ddb.forget=0002_c"));
        assertThat(db.tables()).contains("public.a", "public.b", "public.c");
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id"))
                .containsExactly("0000_a", "0001_b", "0002_c");
    }

    @Test
    void undoesInTheOrderMigrationsWereAppliedNotTheJournals(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", "drop table a;")
                .add("c", "create table c (id int);", "drop table c;");
        shale.migrate(settings(db).build());
        f.add("b", "create table b (a_id int);", "drop table b;");
        shale.migrate(settings(db).build());
        db.execute("update drizzle.__drizzle_migrations set id = id + 100 where name = '0001_c'"); // as if applied last

        RollbackResult r = shale.rollback(settings(db).build());

        assertThat(r.rolledBack()).extracting(RollbackResult.RolledBack::tag).containsExactly("0001_c");
        assertThat(db.tables()).contains("public.a", "public.b").doesNotContain("public.c");
    }
}
