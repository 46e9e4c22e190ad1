package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.PushResult;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing in silence: generate and push name what Shale does not manage, check fails on it, db.ignore quiets both. */
class UnmanagedObjectsTest extends SchemaTestBase {
    private static final String TABLE_AND_FUNCTION = """
            create table notes (id int primary key, body text);
            create function eq3(int, int) returns boolean language sql immutable as 'select $1 = $2';
            """;
    private static final String UNMANAGED = """
            alter table notes alter column body set storage external;
            create operator === (leftarg = int, rightarg = int, function = eq3);
            create rule keep_notes as on delete to notes do instead nothing;
            """;
    private static final String FIX = "write it in a custom migration: mvn db:generate -Ddb.custom=true, or list it in db.ignore";

    private List<String> warnings() {
        return events.stream().filter(e -> e.level() == ShaleEvent.Level.WARN).map(ShaleEvent::message).toList();
    }

    @Test
    void generateNamesEachObjectWithTheFixAndWritesTheRest(TestDatabase db) throws Exception {
        schemaFile("schema.sql", TABLE_AND_FUNCTION + UNMANAGED);

        GenerateResult result = shale.generate(shadowSettings(db).build(), null);

        assertThat(warnings()).containsExactly(
                "Not managed by Shale: column storage public.notes.body EXTERNAL — not in the migration; " + FIX
                        + " (column-storage:public.notes.body) to silence this.",
                "Not managed by Shale: operator public.=== (integer, integer) — not in the migration; " + FIX
                        + " (operator:public.===) to silence this.",
                "Not managed by Shale: rule public.notes.keep_notes ON DELETE DO INSTEAD — not in the migration; " + FIX
                        + " (rule:public.notes.keep_notes) to silence this.");
        String migration = Files.readString(result.folder().resolve("migration.sql"));
        assertThat(migration).containsIgnoringCase("create table").containsIgnoringCase("function")
                .doesNotContainIgnoringCase("operator").doesNotContainIgnoringCase("rule").doesNotContainIgnoringCase("storage");
    }

    @Test
    void generateWarnsAlsoWhenNothingElseChanged(TestDatabase db) throws Exception {
        schemaFile("schema.sql", TABLE_AND_FUNCTION);
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("schema.sql", TABLE_AND_FUNCTION + "create operator === (leftarg = int, rightarg = int, function = eq3);");
        events.clear();

        GenerateResult result = shale.generate(shadowSettings(db).build(), null);

        assertThat(result.written()).isFalse();
        assertThat(warnings()).singleElement().asString().startsWith("Not managed by Shale: operator public.===");
    }

    @Test
    void ignoredObjectsAreNotNamedAndEntriesThatMatchNothingAre(TestDatabase db) throws Exception {
        schemaFile("schema.sql", TABLE_AND_FUNCTION + UNMANAGED);

        shale.generate(shadowSettings(db).ignore(List.of("operator:public.===", "public.notes.*,rule:public.gone",
                "operater:public.===")).build(), null);

        assertThat(warnings()).hasSize(2);
        assertThat(warnings().get(0)).isEqualTo("db.ignore entry 'rule:public.gone' matches no object that Shale does not"
                + " manage (there are column-storage:public.notes.body, operator:public.===, rule:public.notes.keep_notes);"
                + " remove it or correct it.");
        assertThat(warnings().get(1)).startsWith("db.ignore entry 'operater:public.===' names no kind of object Shale knows");
    }

    @Test
    void pushNamesEachObjectAndAppliesTheRest(TestDatabase db) throws Exception {
        schemaFile("schema.sql", TABLE_AND_FUNCTION + UNMANAGED);

        PushResult result = shale.push(shadowSettings(db).ignore(List.of("rule:*")).build(), null);

        assertThat(result.applied()).isTrue();
        assertThat(db.tables()).containsExactly("public.notes");
        assertThat(warnings()).containsExactly(
                "Not managed by Shale: column storage public.notes.body EXTERNAL — db:push does not apply it; " + FIX
                        + " (column-storage:public.notes.body) to silence this.",
                "Not managed by Shale: operator public.=== (integer, integer) — db:push does not apply it; " + FIX
                        + " (operator:public.===) to silence this.");
        assertThat(db.queryStrings("select oprname from pg_operator where oprname = '==='")).isEmpty();
    }

    @Test
    void checkFailsOnEachObjectNoMigrationBuildsAndPassesOnceTheyAreIgnored(TestDatabase db) throws Exception {
        schemaFile("schema.sql", TABLE_AND_FUNCTION);
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("schema.sql", TABLE_AND_FUNCTION + UNMANAGED);

        CheckResult failed = shale.check(shadowSettings(db).url(null).build());

        assertThat(failed.problems()).containsExactly(
                "Not managed by Shale: column storage public.notes.body EXTERNAL — in the schema files, but not in the"
                        + " database the migrations build; " + FIX + " (column-storage:public.notes.body)",
                "Not managed by Shale: operator public.=== (integer, integer) — in the schema files, but not in the"
                        + " database the migrations build; " + FIX + " (operator:public.===)",
                "Not managed by Shale: rule public.notes.keep_notes ON DELETE DO INSTEAD — in the schema files, but not in"
                        + " the database the migrations build; " + FIX + " (rule:public.notes.keep_notes)");

        events.clear();
        CheckResult passed = shale.check(shadowSettings(db).url(null)
                .ignore(List.of("column-storage:public.notes.body", "operator:public.===", "rule:public.notes.keep_notes"))
                .build());

        assertThat(passed.problems()).isEmpty();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void checkPassesWhenACustomMigrationBuildsThemAndNamesWhatTheSchemaFilesLack(TestDatabase db) throws Exception {
        schemaFile("schema.sql", TABLE_AND_FUNCTION);
        shale.generate(shadowSettings(db).build(), null);
        GenerateResult custom = shale.generate(shadowSettings(db).custom(true).name("unmanaged").build(), null);
        Files.writeString(custom.folder().resolve("migration.sql"), UNMANAGED.replace(";\n", ";\n--> statement-breakpoint\n"));
        Files.writeString(custom.folder().resolve("down.sql"), """
                drop rule keep_notes on notes;
                --> statement-breakpoint
                drop operator === (int, int);
                --> statement-breakpoint
                alter table notes alter column body set storage extended;
                """);
        schemaFile("schema.sql", TABLE_AND_FUNCTION + UNMANAGED);

        assertThat(shale.check(shadowSettings(db).url(null).build()).problems()).isEmpty();

        schemaFile("schema.sql", TABLE_AND_FUNCTION + """
                alter table notes alter column body set storage main;
                create operator === (leftarg = int, rightarg = int, function = eq3);
                """);
        CheckResult drifted = shale.check(shadowSettings(db).url(null).build());

        assertThat(drifted.problems()).containsExactly(
                "Not managed by Shale: column storage public.notes.body MAIN — in the schema files, but the migrations"
                        + " build column storage public.notes.body EXTERNAL; " + FIX + " (column-storage:public.notes.body)",
                "Not managed by Shale: rule public.notes.keep_notes ON DELETE DO INSTEAD — the migrations build it, but"
                        + " the schema files do not have it; add it to the schema files, or drop it in a custom migration:"
                        + " mvn db:generate -Ddb.custom=true, or list it in db.ignore (rule:public.notes.keep_notes)");
    }

    @Test
    void dataAndRoleStatementsInTheSchemaFilesAreNamedAndLeftOutOfTheMigration(TestDatabase db) throws Exception {
        schemaFile("schema.sql", TABLE_AND_FUNCTION + """
                -- seed
                insert into notes values (1, 'first');
                create sequence note_numbers;
                select setval('note_numbers', 40);
                revoke app_reader from app_writer;
                grant select on notes to app_reader;
                """);

        GenerateResult result = shale.generate(shadowSettings(db).build(), null);

        assertThat(warnings()).containsExactly("Schema file schema.sql holds 2 statements that change data, not the"
                + " schema (line 4: insert into notes; line 6: select setval('note_numbers', 40);). They run on the"
                + " scratch database only: migrations carry the schema, not rows. Put seed data in a migration of its"
                + " own (mvn db:generate -Ddb.custom=true) and take it out of the schema files.",
                "Schema file schema.sql holds 1 statement about roles, the database or the server, not the managed"
                        + " schemas (line 7: revoke app_reader from). They run on the scratch server only: migrations"
                        + " do not create roles or change settings outside the managed schemas. Manage roles and"
                        + " settings outside migrations, or write the statement in a migration of its own (mvn"
                        + " db:generate -Ddb.custom=true).");
        String migration = Files.readString(result.folder().resolve("migration.sql"));
        assertThat(migration).containsIgnoringCase("create sequence").contains("GRANT SELECT ON")
                .doesNotContainIgnoringCase("insert").doesNotContainIgnoringCase("setval")
                .doesNotContainIgnoringCase("revoke");
    }
}
