package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.DataLossException;
import io.github.shaledb.engine.api.PushResult;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushTest extends SchemaTestBase {

    private String columns(TestDatabase db, String table) throws Exception {
        return String.join(",", db.queryStrings("select column_name from information_schema.columns where table_name = '"
                + table + "' order by ordinal_position"));
    }

    @Test
    void appliesThePlanWithoutTrackingRowsThenHasNothingToDo(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key, email text);\ncreate index users_email on users (email);");

        PushResult result = shale.push(shadowSettings(db).build(), null);

        assertThat(result.applied()).isTrue();
        assertThat(db.tables()).containsExactly("public.users");
        assertThat(log()).contains("Plan (");
        assertThat(shale.push(shadowSettings(db).build(), null).inSync()).isTrue();
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key);");

        PushResult result = shale.push(shadowSettings(db).dryRun(true).build(), null);

        assertThat(result.applied()).isFalse();
        assertThat(result.plan()).containsIgnoringCase("create table");
        assertThat(db.tables()).isEmpty();
    }

    @Test
    void dryRunPrintsThePlanWhileARenameIsUndecidedAndListsTheOpenQuestion(TestDatabase db) throws Exception {
        db.execute("create table users (id int primary key, name text); insert into users values (1, 'al');");
        schemaFile("a.sql", "create table users (id int primary key, full_name text);");

        PushResult result = shale.push(shadowSettings(db).dryRun(true).build(), null);

        assertThat(result.dryRun()).isTrue();
        assertThat(result.applied()).isFalse();
        assertThat(result.undecided()).containsExactly("users.name:full_name");
        assertThat(result.plan()).contains("DROP COLUMN").contains("ADD COLUMN");
        assertThat(events.stream().filter(e -> e.level() == ShaleEvent.Level.WARN).map(ShaleEvent::message).toList())
                .containsSubsequence(
                        "Open question: the plan above drops and creates this; a run without an answer stops before"
                                + " applying anything:",
                        "  Column public.users.full_name: created, or renamed from public.users.name? To rename:"
                                + " -Ddb.renames=users.name:full_name",
                        "Pass -Ddb.renames=users.name:full_name to rename it, or -Ddb.force=true to drop and create"
                                + " (losing the old data).");
        assertThat(log()).contains("Plan (").doesNotContain("Pushed");
        assertThat(columns(db, "users")).isEqualTo("id,name");

        // Without the dry run it still stops, naming the hint.
        assertThatThrownBy(() -> shale.push(shadowSettings(db).build(), null))
                .isInstanceOfSatisfying(io.github.shaledb.engine.api.ConfigurationException.class,
                        e -> assertThat(e.fix()).contains("-Ddb.renames=users.name:full_name"));
    }

    @Test
    void droppingAColumnWithValuesIsRefusedInBatchModeAndNothingIsApplied(TestDatabase db) throws Exception {
        db.execute("create table users (id int primary key, nickname text); insert into users values (1, 'al');");
        schemaFile("a.sql", "create table users (id int primary key, email text);\ncreate table extra (id int);");

        assertThatThrownBy(() -> shale.push(shadowSettings(db).force(false).renames(null).build(), null))
                .isInstanceOf(io.github.shaledb.engine.api.ConfigurationException.class); // a rename candidate comes first
        assertThatThrownBy(() -> shale.push(shadowSettings(db).build(), q -> false))
                .isInstanceOfSatisfying(DataLossException.class, e -> {
                    assertThat(e.getMessage()).contains("nothing was applied").contains("column public.users.nickname holds 1 value(s)");
                    assertThat(e.fix()).contains("-Ddb.force=true");
                });
        assertThat(db.tables()).containsExactly("public.users");
        assertThat(columns(db, "users")).isEqualTo("id,nickname");
    }

    @Test
    void forceAppliesTheDataLoss(TestDatabase db) throws Exception {
        db.execute("create table users (id int primary key, nickname text); insert into users values (1, 'al');"
                + "create table old_stuff (id int); insert into old_stuff values (1);");
        schemaFile("a.sql", "create table users (id int primary key);");

        PushResult result = shale.push(shadowSettings(db).force(true).build(), null);

        assertThat(result.dataLoss()).containsExactlyInAnyOrder("table public.old_stuff has 1 row(s)",
                "column public.users.nickname holds 1 value(s)");
        assertThat(db.tables()).containsExactly("public.users");
        assertThat(columns(db, "users")).isEqualTo("id");
    }

    @Test
    void droppingEmptyTablesAndNullColumnsNeedsNoConfirmation(TestDatabase db) throws Exception {
        db.execute("create table users (id int primary key, nickname text); insert into users values (1, null);"
                + "create table old_stuff (id int);");
        schemaFile("a.sql", "create table users (id int primary key);");

        PushResult result = shale.push(shadowSettings(db).build(), null);

        assertThat(result.applied()).isTrue();
        assertThat(result.dataLoss()).isEmpty();
        assertThat(db.tables()).containsExactly("public.users");
    }

    @Test
    void aFailingStatementRollsBackTheWholePush(TestDatabase db) throws Exception {
        db.execute("create table users (id int primary key, email text); insert into users values (1, null);");
        schemaFile("a.sql", "create table users (id int primary key, email text not null);\ncreate table orders (id int);");

        assertThatThrownBy(() -> shale.push(shadowSettings(db).force(true).build(), null))
                .isInstanceOf(io.github.shaledb.engine.api.MigrationSqlException.class);

        assertThat(db.tables()).containsExactly("public.users");
    }

    @Test
    void onlineFormsOnAnExistingTableRunInOrder(TestDatabase db) throws Exception {
        db.execute("create table users (id int primary key, email text); insert into users values (1, 'a@x');");
        schemaFile("a.sql", "create table users (id int primary key, email text unique);\n"
                + "create index users_email_lower on users (lower(email));");

        PushResult result = shale.push(shadowSettings(db).build(), null);

        assertThat(result.plan()).contains("CONCURRENTLY");
        assertThat(db.queryStrings("select indexname from pg_indexes where tablename = 'users' order by 1"))
                .containsExactly("users_email_key", "users_email_lower", "users_pkey");
        assertThat(db.queryStrings("select conname from pg_constraint where conrelid = 'users'::regclass order by 1"))
                .containsExactly("users_email_key", "users_pkey");
    }
}
