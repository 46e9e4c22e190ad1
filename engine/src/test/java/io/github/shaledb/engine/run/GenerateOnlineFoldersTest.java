package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The folders db:generate writes so that each migration keeps its online form when db:migrate runs it. */
class GenerateOnlineFoldersTest extends SchemaTestBase {

    private String read(String relative) throws Exception {
        return Files.readString(project.resolve("src/main/db/migrations").resolve(relative));
    }

    private static SchemaModel introspect(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return Introspector.introspect(c, List.of("public"));
        }
    }

    @Test
    void aForeignKeyOnAnExistingTableIsValidatedInAMigrationOfItsOwn(TestDatabase db) throws Exception {
        String before = "create table p (id int primary key);\ncreate table t (id int primary key, p_id int);\n";
        schemaFile("a.sql", before);
        shale.generate(shadowSettings(db).build(), null);
        shale.migrate(settings(db).build());
        db.execute("insert into p values (1); insert into t values (1, 1), (2, null);");
        schemaFile("a.sql", before.replace("p_id int", "p_id int constraint t_p_fkey references p"));

        GenerateResult result = shale.generate(shadowSettings(db).name("t_p").build(), null);

        assertThat(result.tags()).containsExactly("0001_t_p", "0002_t_p_validate");
        assertThat(log()).contains("Split into 2 migrations: a constraint added NOT VALID is validated in the next"
                + " migration, as in the same transaction the lock of the ADD would be held through the validating scan");
        // t.p_id has no index: db:lint's warning, acknowledged as the schema files' choice.
        assertThat(read("0001_t_p/migration.sql")).isEqualTo("-- db:lint-ignore foreign-key-without-index db:generate:"
                + " the schema files ask for this; review it before merging\n"
                + "ALTER TABLE public.t ADD CONSTRAINT t_p_fkey FOREIGN KEY (p_id) REFERENCES public.p(id) NOT VALID;\n");
        assertThat(read("0002_t_p_validate/migration.sql")).isEqualTo("ALTER TABLE public.t VALIDATE CONSTRAINT t_p_fkey;\n");
        // Undoing the validation: the constraint as the first folder left it, not validated.
        assertThat(read("0002_t_p_validate/down.sql")).isEqualTo("""
                ALTER TABLE public.t DROP CONSTRAINT t_p_fkey;
                --> statement-breakpoint
                ALTER TABLE public.t ADD CONSTRAINT t_p_fkey FOREIGN KEY (p_id) REFERENCES public.p(id) NOT VALID;
                """);
        assertThat(read("0001_t_p/down.sql")).isEqualTo("ALTER TABLE public.t DROP CONSTRAINT t_p_fkey;\n");
        assertThat(read("meta/_journal.json")).contains("\"tag\": \"0001_t_p\"").contains("\"tag\": \"0002_t_p_validate\"");

        assertThat(shale.migrate(settings(db).build()).applied()).extracting(a -> a.tag() + " " + a.transactional())
                .containsExactly("0001_t_p true", "0002_t_p_validate true");
        assertThat(db.queryStrings("select convalidated::text from pg_constraint where conname = 't_p_fkey'"))
                .containsExactly("true");
        assertThat(shale.check(shadowSettings(db).url(null).build()).problems()).isEmpty();
        events.clear();
        assertThat(shale.generate(shadowSettings(db).build(), null).written()).isFalse();
        assertThat(log()).contains("No schema changes");

        assertThat(shale.rollback(settings(db).count(2).build()).rolledBack()).hasSize(2);
        assertThat(introspect(db)).isEqualTo(modelOf(before));
        assertThat(db.queryStrings("select count(*)::text from t")).containsExactly("2");
    }

    @Test
    void twoRewritingTypeChangesOfOneTableAreOneAlterTable(TestDatabase db) throws Exception {
        String before = "create table t (id int primary key, a int, b text);\n";
        schemaFile("a.sql", before);
        shale.generate(shadowSettings(db).build(), null);
        shale.migrate(settings(db).build());
        db.execute("insert into t values (1, 7, '42');");
        String after = "create table t (id int primary key, a bigint, b int);\n";
        schemaFile("a.sql", after);

        GenerateResult result = shale.generate(shadowSettings(db).name("widen").build(), null);

        assertThat(result.tags()).containsExactly("0001_widen");
        assertThat(read("0001_widen/migration.sql")).isEqualTo("""
                -- hazard: TABLE_REWRITE: changes the type of public.t.a from integer to bigint under an ACCESS EXCLUSIVE lock
                -- hazard: ACCESS_EXCLUSIVE_LOCK: locks public.t for the type change
                -- hazard: TABLE_REWRITE: changes the type of public.t.b from text to integer under an ACCESS EXCLUSIVE lock
                -- db:lint-ignore column-type-rewrite db:generate: the schema files ask for this; review it before merging
                ALTER TABLE public.t ALTER COLUMN a TYPE bigint, ALTER COLUMN b TYPE integer USING b::integer;
                """);
        shale.migrate(settings(db).build());
        assertThat(introspect(db)).isEqualTo(modelOf(after));
        assertThat(db.queryStrings("select a::text || ' ' || b::text from t")).containsExactly("7 42");
        assertThat(shale.rollback(settings(db).build()).rolledBack()).hasSize(1);
        assertThat(introspect(db)).isEqualTo(modelOf(before));
    }

    @Test
    void setNotNullAndADomainCheckAreValidatedAfterTheirNotValidAdds(TestDatabase db) throws Exception {
        String before = "create domain pos as int;\ncreate table t (id int primary key, a text, v pos);\n";
        schemaFile("a.sql", before);
        shale.generate(shadowSettings(db).build(), null);
        schemaFile("a.sql", before.replace("as int", "as int constraint pos_check check (value > 0)")
                .replace("a text", "a text not null"));

        GenerateResult result = shale.generate(shadowSettings(db).name("tighten").build(), null);

        // The plan's order is kept: the domain's statements come before the table's, so its VALIDATE cuts first.
        assertThat(result.tags()).containsExactly("0001_tighten", "0002_tighten_validate", "0003_tighten_validate_2");
        assertThat(read("0001_tighten/migration.sql"))
                .isEqualTo("ALTER DOMAIN public.pos ADD CONSTRAINT pos_check CHECK (VALUE > 0) NOT VALID;\n");
        assertThat(read("0002_tighten_validate/migration.sql")).isEqualTo("""
                ALTER DOMAIN public.pos VALIDATE CONSTRAINT pos_check;
                --> statement-breakpoint
                ALTER TABLE public.t ADD CONSTRAINT t_a_not_null CHECK (a IS NOT NULL) NOT VALID;
                """);
        // SET NOT NULL needs the validated check, so it stays after the VALIDATE, as does the drop of the check.
        assertThat(read("0003_tighten_validate_2/migration.sql")).isEqualTo("""
                ALTER TABLE public.t VALIDATE CONSTRAINT t_a_not_null;
                --> statement-breakpoint
                ALTER TABLE public.t ALTER COLUMN a SET NOT NULL;
                --> statement-breakpoint
                ALTER TABLE public.t DROP CONSTRAINT t_a_not_null;
                """);
        assertThat(shale.check(shadowSettings(db).url(null).build()).problems()).isEmpty();
    }
}
