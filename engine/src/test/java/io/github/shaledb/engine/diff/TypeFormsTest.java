package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statements a reviewer reads in migration.sql for extensions and types, and what the diff refuses. */
@ExtendWith(TestPostgres.class)
class TypeFormsTest {

    private static SchemaModel introspect(TestDatabase db, List<String> schemas) throws Exception {
        try (Connection connection = db.connect()) {
            return Introspector.introspect(connection, schemas);
        }
    }

    private static String render(String before, String after) throws Exception {
        return diff(before, after, List.of()).render();
    }

    private static SchemaDiff diff(String before, String after, List<String> schemas) throws Exception {
        try (TestDatabase a = TestPostgres.newDatabase(); TestDatabase b = TestPostgres.newDatabase()) {
            if (!before.isEmpty()) {
                a.execute(before);
            }
            if (!after.isEmpty()) {
                b.execute(after);
            }
            return SchemaDiff.between(introspect(a, schemas), introspect(b, schemas),
                    c -> RenameDecider.Decision.DROP_AND_CREATE, 15);
        }
    }

    @Test
    void anExtensionIsCreatedAsPgDumpDoesWithAVersionOnlyWhenTheFilesAskForOne() throws Exception {
        assertThat(render("", "create extension citext;")).isEqualTo("""
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
                """);
        assertThat(render("", "create extension citext; comment on extension citext is 'ci';"))
                .endsWith("COMMENT ON EXTENSION citext IS 'ci';\n");
        assertThat(render("", "create extension citext version '1.5';"))
                .contains("CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public VERSION '1.5';");
        assertThat(render("create extension citext version '1.5';", "create extension citext;"))
                .isEqualTo("ALTER EXTENSION citext UPDATE TO '1.6';\n");
    }

    @Test
    void anExtensionInASchemaThatIsNotManagedGetsItsSchemaIfMissingAndKeepsIt(TestDatabase target) throws Exception {
        String sql = "create schema extensions; create extension citext with schema extensions;"
                + " create table t (id int, email extensions.citext);";
        SchemaDiff up = diff("", sql, List.of("public"));
        assertThat(up.render()).startsWith("""
                CREATE SCHEMA IF NOT EXISTS extensions;
                --> statement-breakpoint
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA extensions;
                """);
        RoundTrip.apply(target, up, "up");
        assertThat(target.queryStrings("select extnamespace::regnamespace::text from pg_extension where extname = 'citext'"))
                .containsExactly("extensions");

        SchemaDiff down = diff(sql, "", List.of("public"));
        assertThat(down.render()).contains("DROP EXTENSION citext;").doesNotContain("DROP SCHEMA");
        RoundTrip.apply(target, down, "down");
        assertThat(target.queryStrings("select count(*) from pg_namespace where nspname = 'extensions'")).containsExactly("1");
    }

    @Test
    void aCheckOnADomainInUseIsAddedNotValidThenValidated() throws Exception {
        String table = "create table t (id int, p pos);";
        assertThat(render("create domain pos as int;" + table,
                "create domain pos as int constraint pos_check check (value > 0);" + table)).isEqualTo("""
                ALTER DOMAIN public.pos ADD CONSTRAINT pos_check CHECK (VALUE > 0) NOT VALID;
                --> statement-breakpoint
                ALTER DOMAIN public.pos VALIDATE CONSTRAINT pos_check;
                """);
    }

    @Test
    void aDomainWhoseBaseTypeChangesIsRenamedAwayAndItsColumnsCastOver() throws Exception {
        String table = "create table t (id int, c code);";
        assertThat(render("create domain code as varchar(10);" + table, "create domain code as text;" + table)).isEqualTo("""
                ALTER DOMAIN public.code RENAME TO code__shale_old;
                --> statement-breakpoint
                CREATE DOMAIN public.code AS text;
                --> statement-breakpoint
                -- hazard: TABLE_REWRITE: rewrites public.t to cast c to the new public.code
                -- hazard: ACCESS_EXCLUSIVE_LOCK: locks public.t while it is rewritten
                ALTER TABLE public.t ALTER COLUMN c TYPE public.code USING c::text::public.code;
                --> statement-breakpoint
                DROP DOMAIN public.code__shale_old;
                """);
    }

    @Test
    void anArrayOfACompositeTypeWhoseAttributesMoveStopsTheMigrationSayingWhy(TestDatabase target) throws Exception {
        String table = "create table t (id int, ps pair[]);";
        String before = "create type pair as (a int, b text);" + table;
        SchemaDiff up = diff(before, "create type pair as (b text, a int);" + table, List.of());
        target.execute(before + "insert into t values (1, array[row(1, 'x')::pair]);");

        assertThatThrownBy(() -> RoundTrip.apply(target, up, "up")).hasMessageContaining(
                "Shale cannot carry the values of an array of public.pair over to its new attributes (column ps of public.t)");
    }
}
