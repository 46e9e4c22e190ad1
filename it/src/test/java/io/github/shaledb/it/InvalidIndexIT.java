package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(TestPostgres.class)
class InvalidIndexIT {

    @Test
    void statusWarnsAboutTheInvalidIndexAnInterruptedBuildLeftAndMigrateBuildsItAgain(TestDatabase database) throws Exception {
        Db db = new Db(database);
        db.execute("create table events (id bigserial primary key, created_at timestamptz not null default now());"
                + " insert into events (created_at) select now() - g * interval '1 minute' from generate_series(1, 1000) g");
        // A deploy's CREATE INDEX CONCURRENTLY gives up in its wait phase (lock_timeout) while a transaction writes.
        try (Connection writer = db.connect(); Statement w = writer.createStatement();
             Connection deploy = db.connect(); Statement d = deploy.createStatement()) {
            writer.setAutoCommit(false);
            w.execute("insert into events default values");
            d.execute("set lock_timeout = '200ms'");
            assertThatThrownBy(() -> d.execute("create index concurrently if not exists events_created_at_idx"
                    + " on events (created_at)")).isInstanceOf(SQLException.class).hasMessageContaining("lock timeout");
            writer.rollback();
        }
        assertThat(valid(db)).containsExactly("false");
        ItProject project = ItProject.copy("migrate-invalid-index-rerun");

        MavenBuild.Result status = project.mvn("db:status").database(database).log("status.log").run();

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.log()).contains("[WARNING] INVALID index public.events_created_at_idx on public.events:"
                + " queries cannot use it").contains("Fix: REINDEX INDEX CONCURRENTLY public.events_created_at_idx;");

        MavenBuild.Result migrate = project.mvn("db:migrate").database(database).log("migrate.log").run();

        assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
        assertThat(migrate.log()).contains("[WARNING] Dropped INVALID index public.events_created_at_idx left by an"
                + " interrupted earlier run of 0000_index_events_created_at; building it again.");
        assertThat(valid(db)).containsExactly("true");
        assertThat(db.appliedNames()).containsExactly("0000_index_events_created_at");

        MavenBuild.Result after = project.mvn("db:status").database(database).log("after.log").run();
        assertThat(after.log()).doesNotContain("INVALID index");
    }

    private static java.util.List<String> valid(Db db) throws SQLException {
        return db.strings("select indisvalid::text from pg_index where indexrelid = 'events_created_at_idx'::regclass");
    }
}
