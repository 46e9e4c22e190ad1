package io.github.shaledb.engine.run;

import io.github.shaledb.engine.diff.Change;
import io.github.shaledb.engine.diff.Hazard;
import io.github.shaledb.engine.schema.SchemaModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The object each kind of statement the differ writes is about: no database needed. */
class ChangeSummaryTest {

    private static List<String> lines(String... sql) {
        return ChangeSummary.of(List.of(sql).stream().map(s -> new Change(s, true, List.of())).toList(), SchemaModel.EMPTY)
                .stream().map(ChangeSummary.Line::text).toList();
    }

    @Test
    void eachStatementFormNamesItsObject() {
        assertThat(lines(
                "CREATE SCHEMA IF NOT EXISTS \"billing\";",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;",
                "CREATE TYPE public.mood AS ENUM ('sad', 'ok');",
                "ALTER TYPE public.size ADD VALUE 'xl' AFTER 'l';",
                "CREATE MATERIALIZED VIEW public.totals AS SELECT 1;",
                "CREATE OR REPLACE FUNCTION public.f(a integer) RETURNS integer LANGUAGE sql AS $$ select 1 $$;",
                "CREATE TRIGGER t_audit AFTER INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();",
                "CREATE POLICY own ON public.t USING (true);",
                "DROP INDEX CONCURRENTLY IF EXISTS public.old_idx;",
                "ALTER TABLE public.t RENAME COLUMN a TO b;",
                "ALTER TABLE \"public\".\"T x\" ALTER COLUMN \"v\" DROP DEFAULT;",
                "COMMENT ON COLUMN public.t.b IS 'the b';",
                "GRANT SELECT ON TABLE public.t TO reader;",
                "VACUUM public.t;"))
                .containsExactly(
                        "+ schema billing",
                        "+ extension citext",
                        "+ type public.mood",
                        "~ type public.size: ADD VALUE 'xl' AFTER",
                        "+ materialized view public.totals",
                        "+ function public.f",
                        "+ trigger public.t.t_audit",
                        "+ policy public.t.own",
                        "- index public.old_idx",
                        "~ column public.t.a: renamed to b",
                        "~ column public.T x.v: drop default",
                        "~ column public.t.b: comment",
                        "~ table public.t: privileges",
                        "~ statement VACUUM public.t");
    }

    @Test
    void aRecreatedObjectIsOneLineAndHazardsStayBesideIt() {
        List<ChangeSummary.Line> lines = ChangeSummary.of(List.of(
                new Change("DROP VIEW public.v;", true, List.of()),
                new Change("ALTER TABLE public.t DROP COLUMN c;", true,
                        List.of(new Hazard(Hazard.Kind.DATA_LOSS, "drops column c of public.t"))),
                new Change("CREATE VIEW public.v AS SELECT 1;", true, List.of())), SchemaModel.EMPTY);

        assertThat(lines).extracting(ChangeSummary.Line::text).containsExactly(
                "~ view public.v: recreated",
                "- column public.t.c  [hazard DATA_LOSS: drops column c of public.t]");
        assertThat(lines).extracting(ChangeSummary.Line::hazardous).containsExactly(false, true);
    }
}
