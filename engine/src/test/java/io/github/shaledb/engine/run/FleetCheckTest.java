package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.FleetResult.TargetState;
import io.github.shaledb.engine.api.FleetResult.Verb;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** db:check over a fleet: the folder once, then each target's history and drift. */
class FleetCheckTest extends SchemaTestBase {

    private void oneMigration() throws Exception {
        add(folder(), "users", "create table users (id int primary key);", "drop table users;");
        schemaFile("schema.sql", "create table users (id int primary key);");
    }

    @Test
    void aDatabaseChangedByHandDivergesAndTheOthersPass(TestDatabase db) throws Exception {
        oneMigration();
        String other = db.name() + "_b";
        db.execute("create database " + other);
        try {
            String targets = db.jdbcUrl() + "," + db.jdbcUrl().replace("/" + db.name(), "/" + other);
            shale.fleet(Verb.MIGRATE, shadowSettings(db).targets(targets).build());
            db.execute("alter table users add column note text"); // by hand, on the first database only

            FleetResult check = shale.fleet(Verb.CHECK, shadowSettings(db).targets(targets).build());

            assertThat(check.problems()).isEmpty();
            assertThat(check.targets()).extracting(FleetResult.Target::state)
                    .containsExactly(TargetState.DIVERGED, TargetState.UP_TO_DATE);
            assertThat(check.targets().get(0).problems()).singleElement().asString()
                    .startsWith("Drift: " + db.name() + " (").contains("column note extra");
            assertThat(check.succeeded()).isFalse();
        } finally {
            db.execute("drop database if exists " + other + " with (force)");
        }
    }

    @Test
    void tenantSchemasAreCheckedForTheirHistoryAndTheFolderOnce(TestDatabase db) throws Exception {
        oneMigration();
        shale.fleet(Verb.MIGRATE, shadowSettings(db).targets("t1,t2").build());
        db.execute("update t2.__drizzle_migrations set hash = 'edited'");
        schemaFile("schema.sql", "create table users (id int primary key, email text);"); // ahead of the snapshot

        FleetResult check = shale.fleet(Verb.CHECK, shadowSettings(db).targets("t1,t2,t3").build());

        assertThat(check.problems()).singleElement().asString().contains("run db:generate");
        assertThat(check.targets()).extracting(FleetResult.Target::name, FleetResult.Target::state).containsExactly(
                tuple("t1", TargetState.UP_TO_DATE), tuple("t2", TargetState.DIVERGED), tuple("t3", TargetState.BEHIND));
        assertThat(check.targets().get(1).problems()).singleElement().asString()
                .startsWith("0000_users was modified after it was applied (hash edited recorded");
        assertThat(log()).contains("The schema of a tenant schema is not compared with the snapshots");
    }
}
