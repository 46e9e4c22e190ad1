package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The advisory lock as an operator meets it: busy, stuck, and after a killed build. */
@ExtendWith(TestPostgres.class)
class LockIT {

    private static int holdLock(Connection connection, long key) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("set application_name = 'stuck-deploy-job'");
            s.execute("select pg_advisory_lock(" + key + ")");
            try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void busyLockTimesOutNamingTheHolder(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-lock-held-times-out");
        long key = 7_100_001L;
        try (Connection holder = db.connect()) {
            int pid = holdLock(holder, key);
            Instant start = Instant.now();

            MavenBuild.Result result = project.mvn("db:migrate").database(database)
                    .property("db.lockTimeout", 3).property("db.lockId", key).run();

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.log()).contains("BUILD FAILURE").contains("pid " + pid).contains("stuck-deploy-job");
            assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(db.tables()).doesNotContain("public.users");
        }
    }

    @Test
    void unlockReportsTheHolderAndEndsItOnlyWithForce(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("unlock-stuck-holder");
        long key = 7_100_002L;
        try (Connection holder = db.connect()) {
            int pid = holdLock(holder, key);

            MavenBuild.Result report = project.mvn("db:unlock").database(database).property("db.lockId", key)
                    .log("report.log").run();

            assertThat(report.exitCode()).as(report.toString()).isZero();
            assertThat(report.log()).contains("holds: pid " + pid).contains("stuck-deploy-job").doesNotContain("Terminated pid")
                    .contains("run again with -Ddb.force=true").contains("PgBouncer in transaction pooling mode");
            assertThat(holder.isValid(5)).as("batch mode without db.force terminates nothing").isTrue();

            MavenBuild.Result forced = project.mvn("db:unlock").database(database).property("db.lockId", key)
                    .property("db.force", true).log("forced.log").run();

            assertThat(forced.exitCode()).as(forced.toString()).isZero();
            assertThat(forced.log()).contains("Terminated pid " + pid);
            assertThat(holder.isValid(5)).as("the holder's session was ended").isFalse();
            assertThat(db.advisoryLockHolders(key)).isEmpty();
        }
    }

    @Test
    void killedBuildLeavesNoPartialMigrationAndNoLock(TestDatabase database) throws Exception {
        Db db = new Db(database);
        ItProject project = ItProject.copy("migrate-killed-midway");
        long key = 7_100_003L;
        Process build = project.mvn("db:migrate").database(database).property("db.lockId", key).log("killed.log").start();
        waitUntil(() -> !db.strings("select pid from pg_stat_activity where query like '%pg_sleep(8)%' and pid <> pg_backend_pid()").isEmpty(),
                Duration.ofSeconds(90), project.path("killed.log").toString());
        assertThat(db.advisoryLockHolders(key)).as("the build holds the lock while it sleeps").hasSize(1);

        MavenBuild.kill(build);

        // The dead build's transaction is invisible, and rolls back once the server notices the client
        // is gone (when the statement in flight ends); its session lock goes with it.
        assertThat(db.tables()).doesNotContain("public.killed_a", "public.killed_b");
        waitUntil(() -> db.advisoryLockHolders(key).isEmpty(), Duration.ofSeconds(30), "the dead build's lock to go");
        assertThat(db.tables()).doesNotContain("public.killed_a", "public.killed_b");
        assertThat(db.appliedNames()).containsExactly("0000_create_users");

        MavenBuild.Result next = project.mvn("db:migrate").database(database).property("db.lockId", key).log("next.log").run();

        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.log()).as("the lock was free: no wait").doesNotContain("Waiting for the migration lock");
        assertThat(db.appliedNames()).containsExactly("0000_create_users", "0001_slow");
        assertThat(db.tables()).contains("public.killed_a", "public.killed_b");
        assertThat(db.advisoryLockHolders(key)).isEmpty();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitUntil(Check check, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.ok()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting; see " + what);
            }
            Thread.sleep(200);
        }
    }

}
