package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.RepairResult;
import io.github.shaledb.engine.api.RepairResult.Change;
import io.github.shaledb.engine.api.TrackingTableException;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.shaledb.engine.run.MigrateTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepairTest extends EngineTestBase {
    private static final String USERS = "create table users (id int primary key);\n--> statement-breakpoint\n"
            + "insert into users values (1);\n";

    private List<String> recorded(TestDatabase db) throws Exception {
        return db.queryStrings("select id || ' ' || name || ' ' || hash from drizzle.__drizzle_migrations order by id");
    }

    @Test
    void commentOnlyEditIsReRecordedWithoutForceAndMigrateThenSucceeds(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("users", USERS, null);
        shale.migrate(settings(db).build());
        String edited = "-- Users of the shop.\ncreate table users (\n  id int primary key  -- the key\n);\n"
                + "--> statement-breakpoint\ninsert into users values (1);\n";
        f.write(0, "migration.sql", edited);
        f.add("orders", "create table orders (id int);", null);
        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOf(MigrationFileException.class).hasMessageContaining("0000_users was changed after it was applied")
                .extracting(e -> ((MigrationFileException) e).fix()).asString().contains("mvn db:repair");

        RepairResult result = shale.repair(settings(db).build());

        assertThat(result.rerecorded()).singleElement().satisfies(r -> {
            assertThat(r.tag()).isEqualTo("0000_users");
            assertThat(r.oldHash()).isEqualTo(sha256(USERS));
            assertThat(r.newHash()).isEqualTo(sha256(edited));
            assertThat(r.change()).isEqualTo(Change.COMMENTS_OR_WHITESPACE);
            assertThat(r.statementsChanged()).isFalse();
        });
        assertThat(log()).contains("0000_users (" + f.file(0, "migration.sql") + ") changed since it was applied, in comments or whitespace only")
                .contains("@@ -1,3 +1,6 @@\n-create table users (id int primary key);\n+-- Users of the shop.\n+create table users (\n"
                        + "+  id int primary key  -- the key\n+);\n --> statement-breakpoint\n insert into users values (1);");
        assertThat(recorded(db)).containsExactly("1 0000_users " + sha256(edited));
        assertThat(db.queryStrings("select up_sql from drizzle.__drizzle_migrations")).containsExactly(edited);

        MigrateResult migrated = shale.migrate(settings(db).build());
        assertThat(migrated.applied()).extracting(MigrateResult.AppliedMigration::tag).containsExactly("0001_orders");
        assertThat(db.queryStrings("select count(*)::text from users")).containsExactly("1");
    }

    @Test
    void statementEditIsRefusedWithoutForceAndAcceptedWithIt(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("users", USERS, null);
        shale.migrate(settings(db).build());
        String edited = USERS.replace("values (1)", "values (2)");
        f.write(0, "migration.sql", edited);

        assertThatThrownBy(() -> shale.repair(settings(db).build()))
                .isInstanceOfSatisfying(MigrationFileException.class, e -> {
                    assertThat(e.getMessage()).contains("0000_users (" + f.file(0, "migration.sql") + "): its statements differ")
                            .contains("changed nothing");
                    assertThat(e.fix()).contains("new migration").contains("-Ddb.force=true");
                    assertThat(e.file()).isEqualTo(f.file(0, "migration.sql"));
                });
        assertThat(log()).contains("-insert into users values (1);\n+insert into users values (2);");
        assertThat(recorded(db)).containsExactly("1 0000_users " + sha256(USERS));

        RepairResult forced = shale.repair(settings(db).force(true).build());

        assertThat(forced.rerecorded()).singleElement().extracting(RepairResult.Rerecorded::change).isEqualTo(Change.STATEMENTS);
        assertThat(recorded(db)).containsExactly("1 0000_users " + sha256(edited));
        // Only the tracking table changed: the edited statement did not run.
        assertThat(db.queryStrings("select id::text from users")).containsExactly("1");
    }

    @Test
    void editOfARowWithoutTheScriptAsAppliedNeedsForce(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("users", USERS, null);
        shale.migrate(settings(db).build());
        db.execute("update drizzle.__drizzle_migrations set up_sql = null");
        String edited = "-- only a comment\n" + USERS;
        f.write(0, "migration.sql", edited);

        assertThatThrownBy(() -> shale.repair(settings(db).build()))
                .isInstanceOf(MigrationFileException.class)
                .hasMessageContaining("0000_users (" + f.file(0, "migration.sql") + "): the script as applied is not stored");
        assertThat(recorded(db)).containsExactly("1 0000_users " + sha256(USERS));

        RepairResult forced = shale.repair(settings(db).force(true).build());
        assertThat(forced.rerecorded()).singleElement().extracting(RepairResult.Rerecorded::change).isEqualTo(Change.NOT_STORED);
        assertThat(recorded(db)).containsExactly("1 0000_users " + sha256(edited));
    }

    @Test
    void forgetRemovesTheRowOfAMigrationGoneFromDiskAndRefusesOneOnDisk(TestDatabase db) throws Exception {
        folder().add("users", USERS, null);
        shale.migrate(settings(db).build());
        db.execute("insert into drizzle.__drizzle_migrations (hash, created_at, name) values ('abc', 1, '0001_gone')");

        RepairResult listed = shale.repair(settings(db).build());
        assertThat(listed.nothingRepaired()).isTrue();
        assertThat(listed.missing()).containsExactly("0001_gone");
        assertThat(log()).contains("Applied migration 0001_gone is not in").contains("-Ddb.forget=0001_gone");

        assertThatThrownBy(() -> shale.repair(settings(db).forget(List.of("0001_gone", "0000_users")).build()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("db.forget");
                    assertThat(e.getMessage()).contains("db.forget names 0000_users, which is still in");
                    assertThat(e.fix()).contains("remove 0000_users from db.forget");
                });
        assertThatThrownBy(() -> shale.repair(settings(db).forget(List.of("0007_never")).build()))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.getMessage()).contains("db.forget names 0007_never, which \"drizzle\".\"__drizzle_migrations\""
                            + " does not record as applied");
                    assertThat(e.fix()).contains("0001_gone");
                });
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations order by id"))
                .containsExactly("0000_users", "0001_gone");

        RepairResult forgotten = shale.repair(settings(db).forget(List.of("0001_gone")).build());

        assertThat(forgotten.forgotten()).containsExactly(new RepairResult.Forgotten("0001_gone", "abc"));
        assertThat(db.queryStrings("select name from drizzle.__drizzle_migrations")).containsExactly("0000_users");
    }

    @Test
    void laterCopiesOfAMigrationRecordedTwiceAreRemovedAndTheGuardAdded(TestDatabase db) throws Exception {
        folder().add("users", USERS, null).add("orders", "create table orders (id int);", null);
        shale.migrate(settings(db).build());
        recordTwice(db);
        assertThatThrownBy(() -> shale.migrate(settings(db).build()))
                .isInstanceOf(TrackingTableException.class).hasMessageContaining("more than once");

        RepairResult result = shale.repair(settings(db).build());

        assertThat(result.duplicates()).containsExactly(new RepairResult.Duplicate("0000_users", 1, List.of(3)),
                new RepairResult.Duplicate("0001_orders", 2, List.of(4)));
        assertThat(result.rerecorded()).isEmpty();
        assertThat(db.queryStrings("select id || ' ' || name from drizzle.__drizzle_migrations order by id"))
                .containsExactly("1 0000_users", "2 0001_orders");
        assertThat(guard(db)).containsExactly("__drizzle_migrations_name_key");
        assertThat(shale.migrate(settings(db).build()).applied()).isEmpty();
    }

    @Test
    void dryRunShowsEverythingAndChangesNothing(TestDatabase db) throws Exception {
        MigrationsFolder f = folder().add("users", USERS, null);
        shale.migrate(settings(db).build());
        recordTwice(db);
        db.execute("insert into drizzle.__drizzle_migrations (hash, created_at, name) values ('abc', 1, '0001_gone')");
        f.write(0, "migration.sql", USERS + "-- a note\n");
        List<String> before = recorded(db);

        RepairResult result = shale.repair(settings(db).dryRun(true).forget(List.of("0001_gone")).build());

        assertThat(result.dryRun()).isTrue();
        assertThat(result.rerecorded()).extracting(RepairResult.Rerecorded::tag).containsExactly("0000_users");
        assertThat(result.forgotten()).extracting(RepairResult.Forgotten::tag).containsExactly("0001_gone");
        assertThat(result.duplicates()).extracting(RepairResult.Duplicate::tag).containsExactly("0000_users");
        assertThat(log()).contains("+-- a note").contains("would keep row 1 and remove [2]");
        assertThat(recorded(db)).isEqualTo(before).hasSize(3);
        assertThat(guard(db)).isEmpty();
    }

    @Test
    void nothingToRepairSaysSo(TestDatabase db) throws Exception {
        folder().add("users", USERS, null);
        shale.migrate(settings(db).build());
        List<String> before = recorded(db);

        RepairResult result = shale.repair(settings(db).build());

        assertThat(result.nothingRepaired()).isTrue();
        assertThat(result.missing()).isEmpty();
        assertThat(log()).contains("Nothing to repair: every applied migration matches its file");
        assertThat(recorded(db)).isEqualTo(before);
    }

    /** What two runs that did not exclude each other leave: every row twice, and no guard. */
    private static void recordTwice(TestDatabase db) throws Exception {
        db.execute("drop index drizzle.__drizzle_migrations_name_key; insert into drizzle.__drizzle_migrations"
                + " (hash, created_at, name, up_sql) select hash, created_at, name, up_sql from drizzle.__drizzle_migrations order by id");
    }

    private static List<String> guard(TestDatabase db) throws Exception {
        return db.queryStrings("select indexname from pg_indexes where schemaname = 'drizzle' and indexdef like '%UNIQUE%(name)%'");
    }
}
