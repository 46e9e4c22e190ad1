package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.TracedStatement;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** db:lint's scratch database: each linted migration traced on the schema the migrations before it built. */
class LintScratchTest extends SchemaTestBase {

    @Test
    void tracesEachMigrationOnTheSchemaBeforeItAndReplaysIt(TestDatabase db) throws Exception {
        folder().add("orders", "create table orders (id int primary key, x int);\n"
                        + "--> statement-breakpoint\ninsert into orders values (1, 1);", null)
                .add("index", "create index concurrently orders_x on orders (x);", null)
                .add("column", "alter table orders add column c int default 0;\n"
                        + "--> statement-breakpoint\ngrant select on orders to lint_reader;", null)
                .add("widen", "alter table orders alter column x type bigint;", null)
                .add("broken", "alter table nope add column y int;", null)
                .add("after", "alter table orders add column z int;", null);
        List<Migration> all = MigrationDirectory.read(project.resolve("src/main/db/migrations")).migrations();
        try (LintScratch scratch = LintScratch.start(RunSettings.of(shadowSettings(db).build()), ShaleListener.NONE)) {
            scratch.replay(all.get(0), script(all.get(0)));

            LintScratch.Step index = scratch.trace(all.get(1), script(all.get(1)));
            assertThat(index.traces().get(0).note()).isEqualTo("not traced: cannot run inside a transaction block");
            assertThat(index.before().exists("public.orders")).isTrue();
            assertThat(index.before().hasIndexLeadingWith("public.orders", List.of("x"))).isFalse();

            // The role the GRANT names is created on the scratch server and the migration traced again, in full.
            LintScratch.Step column = scratch.trace(all.get(2), script(all.get(2)));
            assertThat(column.traces().values()).extracting(TracedStatement::note).containsOnlyNulls();
            assertThat(column.traces().get(0).locks()).containsEntry("public.orders", LockMode.ACCESS_EXCLUSIVE);
            assertThat(column.traces().get(0).rewritten()).isEmpty();
            assertThat(column.before().hasIndexLeadingWith("public.orders", List.of("x"))).isTrue();
            assertThat(column.before().columnType("public.orders", "c")).isNull();
            assertThat(column.described().get(0).locks()).containsExactly("ACCESS EXCLUSIVE on public.orders");

            LintScratch.Step widen = scratch.trace(all.get(3), script(all.get(3)));
            assertThat(widen.traces().get(0).rewritten()).containsExactly("public.orders");
            assertThat(widen.before().columnType("public.orders", "c")).isEqualTo("integer");
            assertThat(widen.before().columnType("public.orders", "x")).isEqualTo("integer");

            LintScratch.Step broken = scratch.trace(all.get(4), script(all.get(4)));
            assertThat(broken.traces().get(0).note()).isEqualTo("not traced: failed on the scratch database: 42P01"
                    + " relation \"nope\" does not exist");
            assertThat(scratch.stopped()).isNull();

            LintScratch.Step after = scratch.trace(all.get(5), script(all.get(5)));
            assertThat(after.traces()).isEmpty();
            assertThat(after.before().exists("public.orders")).isNull();
            assertThat(scratch.stopped()).startsWith(all.get(4).tag() + " fails on the scratch database (")
                    .endsWith("): the migrations after it were not traced");
        }
        assertThat(db.queryStrings("select datname from pg_database where datname like 'shale_shadow_%'")).isEmpty();
        assertThat(db.queryStrings("select rolname from pg_roles where rolname = 'lint_reader'")).isEmpty();
    }

    @Test
    void aMigrationThatFailsAtCommitStopsTheTracing(TestDatabase db) throws Exception {
        folder().add("deferred", "create table a (id int primary key);\n--> statement-breakpoint\n"
                        + "create table b (a_id int references a deferrable initially deferred);\n--> statement-breakpoint\n"
                        + "insert into b values (5);", null)
                .add("next", "alter table b add column c int;", null);
        List<Migration> all = MigrationDirectory.read(project.resolve("src/main/db/migrations")).migrations();
        try (LintScratch scratch = LintScratch.start(RunSettings.of(shadowSettings(db).build()), ShaleListener.NONE)) {
            LintScratch.Step deferred = scratch.trace(all.get(0), script(all.get(0)));
            // Each statement ran: the foreign key is checked only at the commit.
            assertThat(deferred.traces().values()).extracting(TracedStatement::note).containsOnlyNulls();
            assertThat(deferred.before().exists("public.a")).isFalse();

            LintScratch.Step next = scratch.trace(all.get(1), script(all.get(1)));
            assertThat(next.traces()).isEmpty();
            assertThat(scratch.stopped()).startsWith(all.get(0).tag() + " fails on the scratch database at commit (")
                    .contains("foreign key");
        }
    }

    private static SqlScript script(Migration m) {
        return SqlScript.parse(m.sql());
    }
}
