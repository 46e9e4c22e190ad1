package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The statements and hazard comments a reviewer reads in migration.sql. */
@ExtendWith(TestPostgres.class)
class OnlineFormsTest {
    private static final String T = "create table t (id int primary key, a text, b int);";

    private static SchemaDiff diff(String before, String after, RenameDecider decider) throws Exception {
        try (TestDatabase a = TestPostgres.newDatabase(); TestDatabase b = TestPostgres.newDatabase()) {
            if (!before.isEmpty()) {
                a.execute(before);
            }
            if (!after.isEmpty()) {
                b.execute(after);
            }
            SchemaModel from = RoundTrip.introspect(a);
            SchemaModel to = RoundTrip.introspect(b);
            return SchemaDiff.between(from, to, decider);
        }
    }

    private static String render(String before, String after) throws Exception {
        return diff(before, after, c -> RenameDecider.Decision.DROP_AND_CREATE).render();
    }

    @Test
    void indexOnExistingTableIsConcurrentRerunnableAndOutsideTheTransaction() throws Exception {
        SchemaDiff d = diff(T, T + "create index t_a on t (a);", c -> RenameDecider.Decision.DROP_AND_CREATE);
        assertThat(d.changes()).singleElement().satisfies(c -> {
            assertThat(c.sql()).isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS t_a ON public.t USING btree (a);");
            assertThat(c.transactional()).isFalse();
        });
        assertThat(render(T + "create index t_a on t (a);", T)).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS public.t_a;\n");
    }

    @Test
    void indexOnNewTableIsPlain() throws Exception {
        assertThat(render("", T + "create index t_a on t (a);")).contains("CREATE INDEX t_a ON public.t USING btree (a);")
                .doesNotContain("CONCURRENTLY");
    }

    @Test
    void checkAndForeignKeyAreAddedNotValidThenValidated() throws Exception {
        String p = "create table p (id int primary key);";
        assertThat(render(p + T, p + T.replace("b int", "b int constraint t_b_fkey references p"))).isEqualTo("""
                ALTER TABLE public.t ADD CONSTRAINT t_b_fkey FOREIGN KEY (b) REFERENCES public.p(id) NOT VALID;
                --> statement-breakpoint
                ALTER TABLE public.t VALIDATE CONSTRAINT t_b_fkey;
                """);
        assertThat(render(T, T.replace("b int", "b int constraint b_pos check (b > 0)")))
                .contains("ADD CONSTRAINT b_pos CHECK (b > 0) NOT VALID;").contains("VALIDATE CONSTRAINT b_pos;");
    }

    @Test
    void setNotNullGoesThroughAValidatedCheck() throws Exception {
        assertThat(render(T, T.replace("a text", "a text not null"))).isEqualTo("""
                ALTER TABLE public.t ADD CONSTRAINT t_a_not_null CHECK (a IS NOT NULL) NOT VALID;
                --> statement-breakpoint
                ALTER TABLE public.t VALIDATE CONSTRAINT t_a_not_null;
                --> statement-breakpoint
                ALTER TABLE public.t ALTER COLUMN a SET NOT NULL;
                --> statement-breakpoint
                ALTER TABLE public.t DROP CONSTRAINT t_a_not_null;
                """);
    }

    @Test
    void uniqueOnExistingTableIsBuiltConcurrentlyThenAttached() throws Exception {
        assertThat(render(T, T.replace("b int", "b int constraint t_b_key unique nulls not distinct"))).isEqualTo("""
                CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_b_key ON public.t (b) NULLS NOT DISTINCT;
                --> statement-breakpoint
                ALTER TABLE public.t ADD CONSTRAINT t_b_key UNIQUE USING INDEX t_b_key;
                """);
    }

    @Test
    void hazardsAreCommentsAboveTheStatement() throws Exception {
        assertThat(render(T, T.replace(", b int", ""))).isEqualTo("""
                -- hazard: DATA_LOSS: drops column b of public.t
                ALTER TABLE public.t DROP COLUMN b;
                """);
        assertThat(render(T, "")).contains("-- hazard: DATA_LOSS: drops table public.t and its rows\nDROP TABLE public.t;");
        String narrowing = render(T.replace("b int", "b bigint"), T);
        assertThat(narrowing).contains("-- hazard: TABLE_REWRITE").contains("-- hazard: DATA_LOSS: narrows public.t.b")
                .contains("ALTER TABLE public.t ALTER COLUMN b TYPE integer;");
        assertThat(render(T.replace("a text", "a varchar(10)"), T.replace("a text", "a varchar(20)")))
                .doesNotContain("TABLE_REWRITE").contains("ALTER TABLE public.t ALTER COLUMN a TYPE character varying(20);\n");
        assertThat(render(T.replace("b int", "b text"), T)).contains("ALTER COLUMN b TYPE integer USING b::integer;");
    }

    @Test
    void aColumnThatStartsTakingValuesFromASequenceContinuesAfterTheRows() throws Exception {
        String serial = T.replace("id int primary key", "id serial primary key");
        String identity = T.replace("id int primary key", "id int generated by default as identity primary key");
        assertThat(render(serial, identity)).endsWith("""
                ALTER TABLE public.t ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME public.t_id_seq\
                 INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE);
                --> statement-breakpoint
                SELECT setval(pg_get_serial_sequence('public.t', 'id'), greatest(coalesce(max(id)::bigint + 1, 1), 1), false)\
                 FROM public.t;
                """);
        assertThat(render(identity, serial)).contains("""
                ALTER TABLE public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);
                --> statement-breakpoint
                SELECT setval('public.t_id_seq', greatest(coalesce(max(id)::bigint + 1, 1), 1), false) FROM public.t;
                """);
    }

    @Test
    void aScalarColumnBecomesAnArrayOfItAndBack() throws Exception {
        assertThat(render(T, T.replace("b int", "b int[]"))).contains("ALTER COLUMN b TYPE integer[] USING ARRAY[b]::integer[];");
        assertThat(render(T.replace("b int", "b int[]"), T))
                .contains("-- hazard: DATA_LOSS: keeps only the first element of each array in public.t.b")
                .contains("ALTER COLUMN b TYPE integer USING (b)[1]::integer;");
    }

    @Test
    void enumValuesAreAddedInPlaceAtTheirPosition() throws Exception {
        assertThat(render("create type m as enum ('a', 'c');", "create type m as enum ('_', 'a', 'b', 'c', 'd');")).isEqualTo("""
                ALTER TYPE public.m ADD VALUE '_' BEFORE 'a';
                --> statement-breakpoint
                ALTER TYPE public.m ADD VALUE 'b' AFTER 'a';
                --> statement-breakpoint
                ALTER TYPE public.m ADD VALUE 'd' AFTER 'c';
                """);
        assertThat(render("create type m as enum ('a', 'x'); create table t (v m);", "create type m as enum ('a'); create table t (v m);"))
                .contains("-- hazard: DATA_LOSS: rows of public.t holding removed value 'x' in v fail the cast")
                .contains("ALTER TABLE public.t ALTER COLUMN v TYPE public.m USING v::text::public.m;");
    }

    @Test
    void renamesAreAskedAndNeverGuessed() throws Exception {
        String after = T.replace("a text", "a2 text");
        SchemaDiff undecided = diff(T, after, RenameDecider.NONE);
        assertThat(undecided.undecided()).extracting(RenameCandidate::hint).containsExactly("t.a:a2");
        assertThat(undecided.render()).contains("DROP COLUMN a;").contains("ADD COLUMN a2 text;");
        SchemaDiff renamed = diff(T, after, c -> RenameDecider.Decision.RENAME);
        assertThat(renamed.render()).isEqualTo("ALTER TABLE public.t RENAME COLUMN a TO a2;\n");
        assertThat(renamed.undecided()).isEmpty();
    }

    @Test
    void sameInputsRenderTheSameBytes() throws Exception {
        String after = "create schema s; create table s.x (id serial primary key, y int references public.t);"
                + " create view s.v as select * from s.x;";
        assertThat(render(T, T + after)).isEqualTo(render(T, T + after));
    }
}
