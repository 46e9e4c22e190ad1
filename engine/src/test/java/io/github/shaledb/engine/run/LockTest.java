package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.LockTimeoutException;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.UnlockResult;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockTest extends EngineTestBase {
    private static final long KEY = 4242;

    @Test
    void eightConcurrentRunsApplyEachMigrationExactlyOnce(TestDatabase db) throws Exception {
        MigrationsFolder f = folder();
        for (int i = 0; i < 20; i++) {
            f.add("t" + i, "create table t" + i + " (id int);\n--> statement-breakpoint\nselect pg_sleep(0.01);", null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<MigrateResult>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> new Shale(events::add).migrate(settings(db).build())));
            }
            int applied = 0;
            for (Future<MigrateResult> run : runs) {
                MigrateResult r = run.get();
                applied += r.applied().size();
                assertThat(r.current()).isEqualTo("0019_t19");
            }
            assertThat(applied).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.queryStrings("select count(*)::text || '/' || count(distinct name)::text from drizzle.__drizzle_migrations"))
                .containsExactly("20/20");
    }

    @Test
    void timesOutNamingTheHolder(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            s.execute("set application_name = 'psql-holder'");
            s.execute("select pg_advisory_lock(" + KEY + ")");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> shale.migrate(settings(db).lockId(KEY).lockTimeout(Duration.ofSeconds(2)).build()))
                    .isInstanceOfSatisfying(LockTimeoutException.class, e -> {
                        assertThat(e.getMessage()).contains("after 2 s").contains("psql-holder");
                        assertThat(e.fix()).contains("db:unlock");
                        assertThat(e.holders()).hasSize(1);
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(log()).contains("Waiting for the migration lock").contains("psql-holder");
        }
        assertThat(db.tables()).doesNotContain("public.a");
    }

    @Test
    void migrationTimeoutEnvironmentVariableIsTheDefaultTimeout(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            s.execute("select pg_advisory_lock(" + KEY + ")");
            assertThatThrownBy(() -> shale.migrate(settings(db).lockId(KEY)
                    .environment(java.util.Map.of("MIGRATION_TIMEOUT", "1")).build()))
                    .isInstanceOf(LockTimeoutException.class).hasMessageContaining("after 1 s");
        }
    }

    @Test
    void waiterProceedsWhenTheHolderReleases(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        Connection holder = db.connect();
        try (Statement s = holder.createStatement()) {
            s.execute("select pg_advisory_lock(" + KEY + ")");
        }
        Thread release = new Thread(() -> {
            try (holder; Statement s = holder.createStatement()) {
                Thread.sleep(1500);
                s.execute("select pg_advisory_unlock(" + KEY + ")");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        release.start();
        MigrateResult result = shale.migrate(settings(db).lockId(KEY).lockTimeout(Duration.ofSeconds(30)).build());
        release.join();
        assertThat(result.applied()).hasSize(1);
        assertThat(result.lockWait()).isGreaterThanOrEqualTo(Duration.ofMillis(1000)).isLessThan(Duration.ofSeconds(10));
        assertThat(log()).contains("Took the migration lock after");
    }

    @Test
    void lockIsReleasedAfterAFailedRun(TestDatabase db) throws Exception {
        folder().add("bad", "select 1/0;", null);
        assertThatThrownBy(() -> shale.migrate(settings(db).lockId(KEY).build()));
        assertThat(db.queryStrings("select count(*)::text from pg_locks where locktype = 'advisory'")).containsExactly("0");
    }

    @Test
    void unlockReportsAndOnlyTerminatesWhenForced(TestDatabase db) throws Exception {
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            s.execute("set application_name = 'stuck-deploy'");
            s.execute("select pg_advisory_lock(" + KEY + ")");

            UnlockResult report = shale.unlock(settings(db).lockId(KEY).build(), q -> false);
            assertThat(report.sessions()).singleElement().satisfies(h -> {
                assertThat(h.applicationName()).isEqualTo("stuck-deploy");
                assertThat(h.granted()).isTrue();
            });
            assertThat(report.terminated()).isEmpty();
            assertThat(holder.isValid(2)).isTrue();

            UnlockResult forced = shale.unlock(settings(db).lockId(KEY).force(true).build(), q -> false);
            assertThat(forced.terminated()).containsExactly(report.sessions().get(0).pid());
            assertThat(holder.isValid(2)).isFalse();
        }
        assertThat(shale.unlock(settings(db).lockId(KEY).build(), q -> false).sessions()).isEmpty();
    }

    @Test
    void unlockAsksBeforeTerminating(TestDatabase db) throws Exception {
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            s.execute("select pg_advisory_lock(" + KEY + ")");
            List<String> questions = new ArrayList<>();
            UnlockResult result = shale.unlock(settings(db).lockId(KEY).build(), q -> questions.add(q));
            assertThat(questions).singleElement().asString().startsWith("Terminate pid ");
            assertThat(result.terminated()).hasSize(1);
        }
    }
}
