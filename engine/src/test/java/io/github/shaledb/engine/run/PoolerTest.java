package io.github.shaledb.engine.run;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.testsupport.PgBouncer;
import io.github.shaledb.engine.testsupport.PgBouncer.PoolMode;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs through PgBouncer: a transaction pool is refused before anything runs, a session pool works. */
class PoolerTest extends EngineTestBase {
    private static final String REFUSED = "goes through a transaction-pooling proxy";
    private static final String FIX = "point db.url at the server or a session-pooled port";

    /** A table, and two data migrations whose second application would show as a second ledger row. */
    private void ledgerMigrations() {
        folder().add("ledger", "create table ledger (tag text not null);", null)
                .add("one", "insert into ledger values ('one');", null)
                .add("two", "insert into ledger values ('two');", null);
    }

    private ShaleSettings through(PgBouncer bouncer, TestDatabase db) {
        return settings(db).url(bouncer.jdbcUrl()).build();
    }

    @Test
    void transactionPoolIsRefusedBeforeAnythingRuns(TestDatabase db) throws Exception {
        ledgerMigrations();
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.TRANSACTION, 10)) {
            assertThatThrownBy(() -> shale.migrate(through(bouncer, db)))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.parameter()).isEqualTo("db.url");
                        assertThat(e.getMessage()).contains(REFUSED).containsPattern("pid \\d+").contains("Nothing was locked or run");
                        assertThat(e.fix()).contains(FIX);
                    });
            assertNothingAppliedAndNoLock(db);
        }
    }

    @Test
    void eightConcurrentRunsThroughATransactionPoolAreAllRefused(TestDatabase db) throws Exception {
        ledgerMigrations();
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.TRANSACTION, 20)) {
            List<Throwable> outcomes = concurrently(8, () -> new Shale(events::add).migrate(through(bouncer, db)));
            assertThat(outcomes).hasSize(8).allSatisfy(outcome -> assertThat(outcome)
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining(REFUSED));
            assertNothingAppliedAndNoLock(db);
        }
    }

    @Test
    void eightConcurrentRunsThroughASessionPoolApplyEachMigrationOnce(TestDatabase db) throws Exception {
        ledgerMigrations();
        List<MigrateResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.SESSION, 20)) {
            List<Throwable> outcomes = concurrently(8, () -> {
                results.add(new Shale(events::add).migrate(through(bouncer, db)));
                return null;
            });
            assertThat(outcomes).containsOnlyNulls();
            assertThat(results).hasSize(8).allSatisfy(r -> assertThat(r.current()).isEqualTo("0002_two"));
            assertThat(results.stream().mapToInt(r -> r.applied().size()).sum()).isEqualTo(3);
            assertThat(db.queryStrings("select tag || ' ' || count(*) from ledger group by tag order by tag"))
                    .containsExactly("one 1", "two 1");
            assertThat(db.queryStrings("select count(*)::text from drizzle.__drizzle_migrations")).containsExactly("3");
            assertThat(advisoryLocks(db)).isEqualTo("0");
        }
    }

    @Test
    void sessionPoolWithNoFreeServerConnectionDoesNotHoldUpTheRun(TestDatabase db) throws Exception {
        ledgerMigrations();
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.SESSION, 1)) {
            MigrateResult result = shale.migrate(through(bouncer, db));
            assertThat(result.applied()).hasSize(3);
            assertThat(log()).contains("a second connection could not be opened or read").contains("no second connection");
        }
        assertThat(db.queryStrings("select count(*)::text from ledger")).containsExactly("2");
    }

    @Test
    void directConnectionPassesTheCheck(TestDatabase db) throws Exception {
        ledgerMigrations();
        MigrateResult result = shale.migrate(settings(db).build());
        assertThat(result.applied()).hasSize(3);
        assertThat(log()).contains("this connection keeps its server session").contains("checked with a second connection")
                .doesNotContain("could not be opened");
        assertThat(advisoryLocks(db)).isEqualTo("0");
    }

    /** Checked on the server directly, not through the pooler. */
    private static void assertNothingAppliedAndNoLock(TestDatabase db) throws Exception {
        assertThat(db.tables()).isEmpty();
        assertThat(advisoryLocks(db)).isEqualTo("0");
    }

    private static String advisoryLocks(TestDatabase db) throws Exception {
        return db.queryStrings("select count(*)::text from pg_locks where locktype = 'advisory'").get(0);
    }

    /** Runs {@code n} copies at once; each copy's exception, or null when it returned. */
    private static List<Throwable> concurrently(int n, java.util.concurrent.Callable<?> run) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                runs.add(pool.submit(run));
            }
            List<Throwable> outcomes = new ArrayList<>();
            for (Future<?> f : runs) {
                try {
                    f.get();
                    outcomes.add(null);
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
