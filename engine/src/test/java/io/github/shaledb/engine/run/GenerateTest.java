package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateTest extends SchemaTestBase {

    private Path migrations() {
        return project.resolve("src/main/db/migrations");
    }

    private String read(String relative) throws Exception {
        return Files.readString(migrations().resolve(relative));
    }

    @Test
    void printsWhatChangedByObjectWithHazardsBesideThem(TestDatabase db) throws Exception {
        schemaFile("users.sql", "create table users (id int primary key, email text, nickname text);\n"
                + "create index users_email on users (email);\ncreate table carts (id int);");
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("users.sql", "create table users (id bigint primary key, email varchar(200) not null, name text);\n"
                + "create table orders (id int primary key, user_id bigint references users);\n"
                + "create index orders_user on orders (user_id);");
        events.clear();

        shale.generate(shadowSettings(db).force(true).name("orders").build(), null);

        List<String> summary = events.stream().map(e -> e.level() + " " + e.message())
                .dropWhile(l -> !l.startsWith("INFO Changes since")).takeWhile(l -> l.startsWith("INFO Changes") || l.contains("   "))
                .toList();
        assertThat(summary).containsExactly(
                "INFO Changes since 0000_create_carts_users: 7 objects, 14 statements",
                "INFO   - index public.users_email",
                "WARN   - table public.carts  [hazard DATA_LOSS: drops table public.carts and its rows]",
                "WARN   - column public.users.nickname  [hazard DATA_LOSS: drops column nickname of public.users]",
                "INFO   + table public.orders with constraint orders_pkey, index orders_user, constraint orders_user_id_fkey",
                "WARN   ~ column public.users.id: type integer → bigint  [hazard TABLE_REWRITE: changes the type of"
                        + " public.users.id from integer to bigint under an ACCESS EXCLUSIVE lock; ACCESS_EXCLUSIVE_LOCK:"
                        + " locks public.users for the type change]",
                "WARN   ~ column public.users.email: type text → character varying(200), set not null  [hazard"
                        + " TABLE_REWRITE: changes the type of public.users.email from text to character varying(200)"
                        + " under an ACCESS EXCLUSIVE lock; DATA_LOSS: narrows public.users.email from text to character"
                        + " varying(200): values that do not fit are cut or fail; ACCESS_EXCLUSIVE_LOCK: locks public.users"
                        + " for the type change]",
                "INFO   + column public.users.name");
        // One line per object, not per statement; each hazard once, beside its object.
        assertThat(events.stream().filter(e -> e.level() != ShaleEvent.Level.DEBUG)
                .filter(e -> e.message().contains("drops table public.carts"))).hasSize(1);
    }

    @Test
    void firstMigrationThenAChangeThenNothingChanged(TestDatabase db) throws Exception {
        schemaFile("users.sql", "create table users (id bigint primary key, email text not null);");

        GenerateResult first = shale.generate(shadowSettings(db).build(), null);

        assertThat(first.tag()).isEqualTo("0000_create_users");
        assertThat(read("0000_create_users/migration.sql")).containsIgnoringCase("create table").contains("users");
        assertThat(read("0000_create_users/down.sql")).containsIgnoringCase("drop table");
        SchemaSnapshot s0 = SnapshotJson.read(migrations().resolve("0000_create_users/snapshot.json"));
        assertThat(s0.prevId()).isNull();
        assertThat(s0.model()).isEqualTo(modelOf("create table users (id bigint primary key, email text not null);"));
        String journal = read("meta/_journal.json");
        assertThat(journal).startsWith("{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n    {\n"
                + "      \"idx\": 0,\n      \"version\": \"7\",\n      \"when\": ").endsWith("\"tag\": \"0000_create_users\",\n"
                + "      \"breakpoints\": true\n    }\n  ]\n}\n");

        schemaFile("users.sql", "create table users (id bigint primary key, email text not null, name text);");
        GenerateResult second = shale.generate(shadowSettings(db).name("add name").build(), null);

        assertThat(second.tag()).isEqualTo("0001_add_name");
        assertThat(read("0001_add_name/migration.sql")).containsIgnoringCase("add column").contains("name");
        assertThat(SnapshotJson.read(migrations().resolve("0001_add_name/snapshot.json")).prevId()).isEqualTo(s0.id());
        assertThat(read("meta/_journal.json")).contains("\"tag\": \"0000_create_users\"").contains("\"tag\": \"0001_add_name\"");

        events.clear();
        GenerateResult third = shale.generate(shadowSettings(db).build(), null);

        assertThat(third.written()).isFalse();
        assertThat(log()).contains("No schema changes").contains("0001_add_name").contains("Nothing was written");
        try (var list = Files.list(migrations())) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("0000_create_users", "0001_add_name", "meta");
        }
    }

    @Test
    void generatedMigrationAndDownReplayToTheSnapshots(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key, full_name text);");
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("a.sql", "create table users (id int primary key, full_name text, age int not null default 0);\n"
                + "create index users_age on users (age);");
        GenerateResult second = shale.generate(shadowSettings(db).build(), null);

        // The new column goes in a transaction; its index, built CONCURRENTLY on a table that exists, cannot.
        assertThat(second.tags()).containsExactly("0001_alter_users", "0002_alter_users_indexes");
        assertThat(read("0002_alter_users_indexes/migration.sql"))
                .isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS users_age ON public.users USING btree (age);\n");
        assertThat(read("0002_alter_users_indexes/down.sql")).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS public.users_age;\n");
        assertThat(shale.check(shadowSettings(db).url(null).build()).problems()).isEmpty();
        assertThat(shale.migrate(settings(db).build()).applied()).extracting(a -> a.tag() + " " + a.transactional())
                .containsExactly("0000_create_users true", "0001_alter_users true", "0002_alter_users_indexes false");
    }

    @Test
    void batchModeStopsAtARenameWithTheExactHint(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key, full_name text);");
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("a.sql", "create table users (id int primary key, display_name text);");

        assertThatThrownBy(() -> shale.generate(shadowSettings(db).build(), null))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("db.renames");
                    assertThat(e.getMessage()).contains("users.display_name: created, or renamed from public.users.full_name?");
                    assertThat(e.fix()).contains("-Ddb.renames=users.full_name:display_name").contains("-Ddb.force=true");
                });
        try (var list = Files.list(migrations())) {
            assertThat(list.count()).isEqualTo(2); // 0000 and meta: nothing half-written
        }
    }

    @Test
    void renameHintRenamesAndDownRenamesBack(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key, full_name text);");
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("a.sql", "create table users (id int primary key, display_name text);");

        GenerateResult result = shale.generate(shadowSettings(db).renames("users.full_name:display_name").build(), null);

        assertThat(read(result.tag() + "/migration.sql")).containsIgnoringCase("rename column")
                .doesNotContainIgnoringCase("drop column");
        assertThat(read(result.tag() + "/down.sql")).containsIgnoringCase("rename column");
    }

    @Test
    void interactiveAnswerDecidesTheRename(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key, full_name text);");
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("a.sql", "create table users (id int primary key, display_name text);");
        List<String> asked = new java.util.ArrayList<>();

        GenerateResult result = shale.generate(shadowSettings(db).build(), q -> asked.add(q));

        assertThat(asked).hasSize(1);
        assertThat(read(result.tag() + "/migration.sql")).containsIgnoringCase("rename column");
    }

    @Test
    void theRenameQuestionOffersTwoSpelledOutAnswersAndNoAnswerStopsInsteadOfDropping(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key, full_name text);");
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("a.sql", "create table users (id int primary key, display_name text);");
        List<java.util.Map<String, String>> offered = new java.util.ArrayList<>();
        io.github.shaledb.engine.api.Confirmation nobodyAnswers = new io.github.shaledb.engine.api.Confirmation() {
            @Override
            public boolean confirm(String question) {
                throw new AssertionError("a rename is a choice, not a yes/no question: " + question);
            }

            @Override
            public String choose(String question, java.util.Map<String, String> answers) {
                offered.add(answers);
                return null; // the input ended
            }
        };

        assertThatThrownBy(() -> shale.generate(shadowSettings(db).build(), nobodyAnswers))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.fix())
                        .contains("-Ddb.renames=users.full_name:display_name"));
        assertThat(offered).hasSize(1);
        assertThat(offered.get(0)).containsExactly(
                java.util.Map.entry("rename", "rename public.users.full_name to display_name, keeping its data"),
                java.util.Map.entry("create", "drop public.users.full_name and its data, and create display_name as a new,"
                        + " empty column"));
        try (var list = Files.list(migrations())) {
            assertThat(list.count()).isEqualTo(2); // 0000 and meta: nothing was dropped or written
        }
    }

    @Test
    void forceAcceptsDropAndAddAndLogsTheHazard(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int primary key, full_name text);");
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("a.sql", "create table users (id int primary key, display_name text);");

        GenerateResult result = shale.generate(shadowSettings(db).force(true).build(), null);

        assertThat(read(result.tag() + "/migration.sql")).containsIgnoringCase("drop column").contains("-- hazard: DATA_LOSS");
        assertThat(result.hazards()).isNotEmpty();
        assertThat(warnings()).contains("  - column public.users.full_name  [hazard DATA_LOSS: drops column full_name of"
                + " public.users]");
    }

    @Test
    void aNotNullColumnWithoutADefaultOnAnExistingTableIsAHazard(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table t (id int primary key);");
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("a.sql", "create table t (id int primary key, c int not null, d int not null default 0);");

        GenerateResult result = shale.generate(shadowSettings(db).build(), null);

        String hazard = "hazard: FAILS_ON_ROWS: adds c to public.t NOT NULL without a default, which fails if the table"
                + " has rows: give it a default, or add it nullable, fill it, then set NOT NULL";
        assertThat(result.hazards()).containsExactly(hazard);
        // The finding db:lint would have is acknowledged where the reviewer reads it, and printed.
        assertThat(read(result.tag() + "/migration.sql")).contains("-- " + hazard + "\n-- db:lint-ignore"
                + " add-column-not-null-without-default db:generate: the schema files ask for this; review it before"
                + " merging\nALTER TABLE public.t ADD COLUMN c integer NOT NULL;");
        assertThat(result.lint().active()).isEmpty();
        assertThat(result.lint().suppressed()).extracting(f -> f.ruleId() + " " + f.line())
                .containsExactly("add-column-not-null-without-default 3");
        assertThat(warnings()).contains("  + column public.t.c  [hazard FAILS_ON_ROWS: adds c to public.t NOT NULL without a"
                + " default, which fails if the table has rows: give it a default, or add it nullable, fill it, then set"
                + " NOT NULL]");
    }

    private List<String> warnings() {
        return events.stream().filter(e -> e.level() == ShaleEvent.Level.WARN).map(ShaleEvent::message).toList();
    }

    @Test
    void customWritesAnEmptyMigrationWithThePreviousSnapshot(TestDatabase db) throws Exception {
        MigrationsFolder f = folder();
        SchemaSnapshot s0 = add(f, "users", "create table users (id int);", "drop table users;");

        GenerateResult result = shale.generate(shadowSettings(db).custom(true).name("backfill").build(), null);

        assertThat(result.tag()).isEqualTo("0001_backfill");
        assertThat(read("0001_backfill/migration.sql")).startsWith("-- Custom SQL migration");
        SchemaSnapshot s1 = SnapshotJson.read(migrations().resolve("0001_backfill/snapshot.json"));
        assertThat(s1.model()).isEqualTo(s0.model());
        assertThat(s1.prevId()).isEqualTo(s0.id());
        assertThat(read("meta/_journal.json")).contains("\"tag\": \"0001_backfill\"");
    }

    @Test
    void missingSnapshotOfTheLastMigrationIsNamed(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int);");
        folder().add("users", "create table users (id int);", "drop table users;");

        assertThatThrownBy(() -> shale.generate(shadowSettings(db).build(), null))
                .isInstanceOfSatisfying(MigrationFileException.class, e ->
                        assertThat(e.getMessage()).contains("0000_users has no snapshot").contains("0000_users/snapshot.json"));
    }

    @Test
    void missingSchemaDirectoryNamesTheParameterBeforeAnythingStarts(TestDatabase db) {
        assertThatThrownBy(() -> shale.generate(shadowSettings(db).build(), null))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.parameter()).isEqualTo("db.schemaDir"));
    }

    @Test
    void malformedRenameHintNamesTheParameter(TestDatabase db) throws Exception {
        schemaFile("a.sql", "create table users (id int);");
        assertThatThrownBy(() -> shale.generate(shadowSettings(db).renames("users.full_name").build(), null))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("db.renames");
                    assertThat(e.getMessage()).contains("'users.full_name' is not a rename hint");
                });
    }

    @Test
    void defaultNames() throws Exception {
        var empty = modelOf("");
        var users = modelOf("create table users (id int);");
        var both = modelOf("create table users (id int); create table orders (id int);");
        var altered = modelOf("create table users (id int, name text);");
        assertThat(Generator.defaultName(empty, users)).isEqualTo("create_users");
        assertThat(Generator.defaultName(empty, both)).isEqualTo("create_orders_users");
        assertThat(Generator.defaultName(users, altered)).isEqualTo("alter_users");
        assertThat(Generator.defaultName(users, empty)).isEqualTo("drop_users");
        assertThat(Generator.defaultName(both, altered)).isEqualTo("changes");
        assertThat(Generator.defaultName(empty, modelOf("create table t (id int generated always as identity, s serial);")))
                .isEqualTo("create_t");
        // A table's triggers and grants go with it; a function of its own is another change.
        assertThat(Generator.defaultName(users, modelOf("create table users (id int, name text);"
                + " create function touch() returns trigger language plpgsql as 'begin return new; end';"
                + " create trigger users_touch before update on users for each row execute function touch();")))
                .isEqualTo("changes");
        assertThat(Generator.defaultName(empty, modelOf("create table users (id int);"
                + " grant select on users to app_reader; alter table users enable row level security;")))
                .isEqualTo("create_users");
        assertThat(Generator.defaultName(empty, modelOf("create table users (id int);"
                + " create domain positive as int check (value > 0);"))).isEqualTo("changes");
    }

    @Test
    void nextMigrationAfterADrizzleKitFlatLayoutReplaysItsMigrations(TestDatabase db) throws Exception {
        Path root = migrations();
        Files.createDirectories(root.resolve("meta"));
        Files.writeString(root.resolve("0000_init.sql"), "create table users (id int primary key);");
        Files.writeString(root.resolve("meta/_journal.json"), "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":"
                + "[{\"idx\":0,\"version\":\"7\",\"when\":1700000000000,\"tag\":\"0000_init\",\"breakpoints\":true}]}");
        schemaFile("a.sql", "create table users (id int primary key, email text);");

        GenerateResult result = shale.generate(shadowSettings(db).build(), null);

        assertThat(result.tag()).isEqualTo("0001_alter_users");
        assertThat(read("0001_alter_users.sql")).containsIgnoringCase("add column").doesNotContainIgnoringCase("create table");
        assertThat(migrations().resolve("0001_alter_users")).doesNotExist();
        assertThat(log()).contains("replaying the 1 migration(s)");
    }
}
