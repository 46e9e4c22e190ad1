package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.StatusResult.State;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class StatusTest extends EngineTestBase {

    @Test
    void reportsEveryStateWithoutChangingAnything(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", null).add("b", "create table b (id int);", null);
        shale.migrate(settings(db).build());
        f.write(0, "migration.sql", "create table a (id bigint);");
        f.add("c", "create table c (id int);", null);
        db.execute("insert into drizzle.__drizzle_migrations (hash, created_at, name) values ('x', 1, '0099_elsewhere')");

        StatusResult status = shale.status(settings(db).build());

        assertThat(status.rows()).extracting(StatusResult.Row::tag, StatusResult.Row::state).containsExactly(
                tuple("0000_a", State.MODIFIED), tuple("0001_b", State.APPLIED), tuple("0002_c", State.PENDING),
                tuple("0099_elsewhere", State.MISSING));
        assertThat(status.current()).isEqualTo("0001_b");
        assertThat(status.rows().get(1).appliedAt()).isNotNull();
        assertThat(db.tables()).doesNotContain("public.c");
    }

    @Test
    void freshDatabaseHasEverythingPendingAndNoTrackingTable(TestDatabase db) throws Exception {
        folder().add("a", "create table a (id int);", null);
        StatusResult status = shale.status(settings(db).build());
        assertThat(status.count(State.PENDING)).isEqualTo(1);
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void saysWhereRollbackWouldFindEachAppliedMigrationsDownScript(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("a", "create table a (id int);", null)
                .add("b", "create table b (id int);", "drop table b;")
                .add("c", "create table c (id int);", "drop table c;");
        shale.migrate(settings(db).build());
        f.removeLast();
        db.execute("insert into drizzle.__drizzle_migrations (hash, created_at, name) values ('x', 1, '0099_by_drizzle')");

        StatusResult status = shale.status(settings(db).build());

        assertThat(status.rows()).extracting(StatusResult.Row::tag, StatusResult.Row::down).containsExactly(
                tuple("0000_a", StatusResult.Down.NONE), tuple("0001_b", StatusResult.Down.FILE),
                tuple("0002_c", StatusResult.Down.STORED), tuple("0099_by_drizzle", StatusResult.Down.NONE));
    }
}
