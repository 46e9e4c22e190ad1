package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements triggers and policies take where the change cases cannot tell (the test server is one
 * version, and a redundant statement still reaches the target): the form for servers before
 * {@code CREATE OR REPLACE TRIGGER}, and no statements of their own when their table goes.
 */
class TriggerStatementsTest {
    private static final RenameDecider NO_RENAMES = candidate -> RenameDecider.Decision.DROP_AND_CREATE;
    private static final String BASE = "create table t (id int primary key, a text, b int);"
            + " create function touch() returns trigger language plpgsql as $$ begin return new; end $$;";
    private static final String TRIGGER = " create trigger t_touch before insert on t for each row"
            + " when (new.a is not null) execute function touch(); alter table t disable trigger t_touch;";

    @Test
    void aChangedTriggerIsReplacedFromPostgres14AndDroppedAndCreatedBefore() throws Exception {
        String after = BASE + TRIGGER.replace("before insert", "before insert or update of b");
        try (TestDatabase a = TestPostgres.newDatabase(); TestDatabase b = TestPostgres.newDatabase()) {
            a.execute(BASE + TRIGGER);
            b.execute(after);
            SchemaModel from = RoundTrip.introspect(a);
            SchemaModel to = RoundTrip.introspect(b);
            String created = "CREATE TRIGGER t_touch BEFORE INSERT OR UPDATE OF b ON public.t FOR EACH ROW"
                    + " WHEN ((new.a IS NOT NULL)) EXECUTE FUNCTION public.touch()";
            String disabled = "ALTER TABLE public.t DISABLE TRIGGER t_touch;\n";

            assertThat(SchemaDiff.between(from, to, NO_RENAMES, 15).render()).isEqualTo(
                    created.replace("CREATE TRIGGER", "CREATE OR REPLACE TRIGGER") + ";\n--> statement-breakpoint\n" + disabled);
            SchemaDiff before14 = SchemaDiff.between(from, to, NO_RENAMES, 13);
            assertThat(before14.render()).isEqualTo("DROP TRIGGER t_touch ON public.t;\n--> statement-breakpoint\n"
                    + created + ";\n--> statement-breakpoint\n" + disabled);

            RoundTrip.apply(a, before14, "up");
            assertThat(SchemaDiff.between(RoundTrip.introspect(a), to, NO_RENAMES, 13).changes()).isEmpty();
        }
    }

    @Test
    void triggersAndPoliciesGoWithTheirTableUnlessWhatTheyUseGoesFirst() throws Exception {
        String policy = " alter table t enable row level security; create policy t_read on t using (b > 0);";
        assertThat(diff(BASE + TRIGGER + policy, "create function touch() returns trigger language plpgsql"
                + " as $$ begin return new; end $$;")).isEqualTo(
                "-- hazard: DATA_LOSS: drops table public.t and its rows\nDROP TABLE public.t;\n");

        String reading = BASE + " create table m (t_id int);"
                + " create policy t_member on t using (exists (select 1 from m where m.t_id = t.id));";
        assertThat(diff(reading, "")).startsWith("DROP POLICY t_member ON public.t;\n");
    }

    private static String diff(String before, String after) throws Exception {
        try (TestDatabase a = TestPostgres.newDatabase(); TestDatabase b = TestPostgres.newDatabase()) {
            a.execute(before);
            b.execute(after);
            return SchemaDiff.between(RoundTrip.introspect(a), RoundTrip.introspect(b), NO_RENAMES, 15).render();
        }
    }
}
