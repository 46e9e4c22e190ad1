package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.LintStatementTrace;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/** Statements of every DDL kind run on a real server: the locks pg_locks shows and the rewrites relfilenode shows. */
@ExtendWith(TestPostgres.class)
class LockTracerTest {

    /** Two tables with rows, an index, a constraint not yet validated: the schema before each traced statement. */
    static final String SCHEMA = """
            create table parent (id int primary key);
            create table t (id int primary key, parent_id int, name varchar(10), n int);
            create index t_name on t (name);
            alter table t add constraint t_n_positive check (n > 0) not valid;
            insert into parent values (1);
            insert into t values (1, 1, 'a', 1);
            create materialized view t_ids as select id from t;
            create table p (id int) partition by range (id);
            create table p1 partition of p for values from (0) to (10);
            create table p2 (id int);
            create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
            """;

    /**
     * A statement on the existing table {@code public.t}, the locks it takes on relations that existed before it, and
     * the tables it rewrites.
     */
    record Case(String sql, Map<String, LockMode> locks, Set<String> rewritten, Map<String, LockMode> locksBefore14) {
        Case(String sql, Map<String, LockMode> locks, Set<String> rewritten) {
            this(sql, locks, rewritten, null);
        }

        /** @return the locks on a server of major version {@code major} */
        Map<String, LockMode> locks(int major) {
            return major < 14 && locksBefore14 != null ? locksBefore14 : locks;
        }
    }

    static final String T = "public.t";

    static final List<Case> CASES = List.of(
            new Case("create index t_n on t (n)", Map.of(T, LockMode.SHARE), Set.of()),
            // The index's own ACCESS EXCLUSIVE is no stronger than its table's: not reported.
            new Case("drop index t_name", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("alter table t add column c int", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("alter table t add column c double precision default random()", Map.of(T, LockMode.ACCESS_EXCLUSIVE),
                    Set.of(T)),
            new Case("alter table t alter column n type bigint", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of(T)),
            new Case("alter table t alter column name type varchar(20)", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("alter table t add constraint t_parent foreign key (parent_id) references parent (id)",
                    Map.of(T, LockMode.SHARE_ROW_EXCLUSIVE, "public.parent", LockMode.SHARE_ROW_EXCLUSIVE), Set.of()),
            new Case("alter table t add constraint t_n_small check (n < 100)", Map.of(T, LockMode.ACCESS_EXCLUSIVE),
                    Set.of()),
            new Case("alter table t validate constraint t_n_positive", Map.of(T, LockMode.SHARE_UPDATE_EXCLUSIVE),
                    Set.of()),
            new Case("alter table t alter column n set not null", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("truncate t", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of(T)),
            new Case("cluster t using t_pkey", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of(T)),
            new Case("lock table t in share mode", Map.of(T, LockMode.SHARE), Set.of()),
            new Case("update t set n = 2", Map.of(T, LockMode.ROW_EXCLUSIVE), Set.of()),
            new Case("reindex index t_name", Map.of(T, LockMode.SHARE, "public.t_name", LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("alter table t rename column name to label", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("alter table t rename to t_old", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("alter table t alter column name drop not null", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("alter table t drop column n", Map.of(T, LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("alter table t add constraint t_name_unique unique (name)", Map.of(T, LockMode.ACCESS_EXCLUSIVE),
                    Set.of()),
            new Case("create table child (id int references parent (id))",
                    Map.of("public.parent", LockMode.SHARE_ROW_EXCLUSIVE), Set.of()),
            new Case("create trigger t_touch before update on t for each row execute function touch()",
                    Map.of(T, LockMode.SHARE_ROW_EXCLUSIVE), Set.of()),
            new Case("refresh materialized view t_ids", Map.of("public.t_ids", LockMode.ACCESS_EXCLUSIVE,
                    T, LockMode.ACCESS_SHARE), Set.of("public.t_ids")),
            // PostgreSQL 13 locks the detached partition with SHARE UPDATE EXCLUSIVE only.
            new Case("alter table p detach partition p1", Map.of("public.p", LockMode.ACCESS_EXCLUSIVE,
                    "public.p1", LockMode.ACCESS_EXCLUSIVE), Set.of(), Map.of("public.p", LockMode.ACCESS_EXCLUSIVE,
                    "public.p1", LockMode.SHARE_UPDATE_EXCLUSIVE)),
            new Case("alter table p attach partition p2 for values from (10) to (20)",
                    Map.of("public.p", LockMode.SHARE_UPDATE_EXCLUSIVE, "public.p2", LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("drop table p2", Map.of("public.p2", LockMode.ACCESS_EXCLUSIVE), Set.of()),
            new Case("select count(*) from t where n > 0", Map.of(T, LockMode.ACCESS_SHARE), Set.of()),
            // A body of several statements, read when the function is created.
            new Case("create function two() returns int language sql begin atomic select 1; select count(*) from t; end",
                    Map.of(T, LockMode.ACCESS_SHARE), Set.of()));

    static TracedStatement traceOne(Connection c, Connection observer, String sql) throws Exception {
        List<TracedStatement> traces = new LockTracer(c, observer, null).trace(SqlScript.parse(sql + ";"));
        assertThat(traces).hasSize(1);
        return traces.get(0);
    }

    @Test
    void readsTheLocksAndRewritesOfEachKindOfStatement(TestDatabase db) throws Exception {
        db.execute(SCHEMA);
        try (Connection c = db.connect(); Connection observer = db.connect()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            assertSoftly(soft -> {
                for (Case k : CASES) {
                    TracedStatement trace;
                    try {
                        trace = traceOne(c, observer, k.sql());
                    } catch (Exception e) {
                        throw new AssertionError(k.sql(), e);
                    }
                    soft.assertThat(trace.note()).as(k.sql()).isNull();
                    soft.assertThat(trace.locks()).as("locks of " + k.sql()).isEqualTo(k.locks(major));
                    soft.assertThat(trace.rewritten()).as("rewritten by " + k.sql()).isEqualTo(k.rewritten());
                }
            });
        }
        assertThat(db.queryStrings("select count(*) from t where n = 1 and name = 'a'")).containsExactly("1");
    }

    @Test
    void statementsThatCannotRunInATransactionAreNotTracedAndTheRestIs(TestDatabase db) throws Exception {
        db.execute(SCHEMA);
        try (Connection c = db.connect(); Connection observer = db.connect()) {
            List<TracedStatement> traces = new LockTracer(c, observer, null).trace(SqlScript.parse("""
                    create index concurrently t_n on t (n);
                    --> statement-breakpoint
                    vacuum full t;
                    --> statement-breakpoint
                    alter table t validate constraint t_n_positive;
                    """));
            assertThat(traces).extracting(TracedStatement::note).containsExactly(
                    "not traced: cannot run inside a transaction block",
                    "not traced: cannot run inside a transaction block",
                    null);
            assertThat(traces.get(2).locks()).containsEntry(T, LockMode.SHARE_UPDATE_EXCLUSIVE);
        }
    }

    @Test
    void aFailingStatementEndsTheTraceAndNothingIsLeftBehind(TestDatabase db) throws Exception {
        db.execute(SCHEMA);
        String script = """
                create table other (id int);
                alter table t add column extra int;
                alter table t add column id int;
                drop table parent cascade;
                """;
        try (Connection c = db.connect(); Connection observer = db.connect()) {
            List<TracedStatement> traces = new LockTracer(c, observer, null).trace(SqlScript.parse(script));
            assertThat(traces).extracting(TracedStatement::note).containsExactly(null, null,
                    "not traced: failed on the scratch database: 42701 column \"id\" of relation \"t\" already exists",
                    "not traced: an earlier statement of the migration failed on the scratch database");
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(db.tables()).containsExactly("public.p", "public.p1", "public.p2", "public.parent", "public.t");
        assertThat(db.queryStrings("select column_name from information_schema.columns where table_name = 't'"
                + " order by ordinal_position")).containsExactly("id", "parent_id", "name", "n");
    }

    @Test
    void reportsOnlyLocksStrongerThanBeforeAndHowLongTheyAreHeld(TestDatabase db) throws Exception {
        db.execute(SCHEMA);
        SqlScript script = SqlScript.parse("""
                create table audit (id int references parent);
                lock table t in access exclusive mode;
                alter table t add column c int;
                select pg_sleep(0.05);
                """);
        try (Connection c = db.connect(); Connection observer = db.connect()) {
            List<TracedStatement> traces = new LockTracer(c, observer, null).trace(script);
            // The new table is invisible to others until commit: its own lock is not reported; the parent's is.
            assertThat(traces.get(0).locks()).isEqualTo(Map.of("public.parent", LockMode.SHARE_ROW_EXCLUSIVE));
            assertThat(traces.get(1).locks()).isEqualTo(Map.of(T, LockMode.ACCESS_EXCLUSIVE));
            assertThat(traces.get(2).locks()).isEmpty();
            List<LintStatementTrace> described = LockTracer.describe("0001_x", Path.of("m.sql"), script, traces, true);
            assertThat(described.get(1).locks()).containsExactly("ACCESS EXCLUSIVE on public.t");
            assertThat(described.get(1).line()).isEqualTo(2);
            assertThat(described.get(1).statement()).isEqualTo("lock table t in access exclusive mode;");
            // Held until the commit: at least the pg_sleep after it; in a migration without a transaction, its own time.
            assertThat(described.get(1).heldMillis()).isGreaterThanOrEqualTo(50);
            assertThat(LockTracer.describe("0001_x", Path.of("m.sql"), script, traces, false).get(1).heldMillis())
                    .isEqualTo(traces.get(1).millis());
        }
    }
}
