package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An accepted rename is one statement: what reads the renamed table or column is left alone. */
class RenameStatementsTest {
    private static final RenameDecider ACCEPT = candidate -> RenameDecider.Decision.RENAME;

    @Test
    void renamedColumnKeepsItsIndexesChecksAndForeignKeys() throws Exception {
        String before = "create table t (id int primary key, a text, b int generated always as (length(a)) stored);"
                + " create index t_a on t (a) where a <> ''; create index t_lower on t (lower(a));"
                + " alter table t add constraint t_a_check check (a <> 'a');"
                + " create table c (t_id int constraint c_t references t (id)); create view v as select id from t;";
        String after = before.replace("(a)", "(a2)").replace("a text", "a2 text").replace("a <>", "a2 <>");
        assertThat(diff(before, after, false)).isEqualTo("ALTER TABLE public.t RENAME COLUMN a TO a2;\n");
        assertThat(diff(before, after, true)).isEqualTo("ALTER TABLE public.t RENAME COLUMN a2 TO a;\n");
    }

    @Test
    void renamedReferencedColumnKeepsTheForeignKey() throws Exception {
        String before = "create table t (id int constraint t_pkey primary key); create table c (t_id int constraint c_t references t (id));";
        String after = before.replace("t (id int", "t (key int").replace("t (id)", "t (key)");
        assertThat(diff(before, after, false)).isEqualTo("ALTER TABLE public.t RENAME COLUMN id TO key;\n");
    }

    @Test
    void renamedTableKeepsItsIndexesForeignKeysAndViews() throws Exception {
        String before = "create table t (id int constraint t_pkey primary key, a text); create index t_a on t (a);"
                + " create table c (t_id int constraint c_t references t); create view v as select id, a from t;"
                + " create view w as select x.id from t x;";
        String after = before.replace("table t ", "table t2 ").replace(" on t ", " on t2 ").replace("references t)", "references t2)")
                .replace("from t;", "from t2;").replace("from t x", "from t2 x");
        assertThat(diff(before, after, false)).isEqualTo("ALTER TABLE public.t RENAME TO t2;\n");
        assertThat(diff(before, after, true)).isEqualTo("ALTER TABLE public.t2 RENAME TO t;\n");
    }

    @Test
    void renamedTableAndColumnKeepTheirTriggersPoliciesAndRowSecurity() throws Exception {
        String before = "create table t (id int constraint t_pkey primary key, a text, b int);"
                + " create table c (t_id int);"
                + " create function noop() returns trigger language plpgsql as $$ begin return null; end $$;"
                + " create trigger t_when before update of a, b on t for each row when (new.a <> old.a and new.b > 0)"
                + " execute function noop();"
                + " create trigger t_rows after insert on t referencing new table as added for each statement"
                + " execute function noop();"
                + " alter table t enable row level security, force row level security;"
                + " create policy t_own on t for update to app_writer using (a <> '' and exists (select 1 from c"
                + " where c.t_id = t.id)) with check (b > 0 and a is not null);"
                + " comment on trigger t_when on t is 'when'; comment on policy t_own on t is 'own';";
        String after = before.replace("table t ", "table t2 ").replace(" on t ", " on t2 ").replace("a text", "a2 text")
                .replace("of a,", "of a2,").replace("new.a <> old.a", "new.a2 <> old.a2").replace("a <> ''", "a2 <> ''")
                .replace("t.id", "t2.id").replace("a is not null", "a2 is not null");
        assertThat(diff(before, after, false)).isEqualTo("ALTER TABLE public.t RENAME TO t2;\n--> statement-breakpoint\n"
                + "ALTER TABLE public.t2 RENAME COLUMN a TO a2;\n");
        assertThat(diff(before, after, true)).isEqualTo("ALTER TABLE public.t2 RENAME TO t;\n--> statement-breakpoint\n"
                + "ALTER TABLE public.t RENAME COLUMN a2 TO a;\n");
    }

    /** The rendered up diff from {@code before} to {@code after}, or with {@code reverse} the down diff. */
    private static String diff(String before, String after, boolean reverse) throws Exception {
        SchemaModel from;
        SchemaModel to;
        try (TestDatabase a = TestPostgres.newDatabase(); TestDatabase b = TestPostgres.newDatabase()) {
            a.execute(before);
            b.execute(after);
            from = RoundTrip.introspect(a);
            to = RoundTrip.introspect(b);
        }
        return (reverse ? SchemaDiff.reverse(from, to, ACCEPT) : SchemaDiff.between(from, to, ACCEPT)).render();
    }
}
