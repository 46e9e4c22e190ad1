package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.QualifiedName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RenamedTextTest {
    private static final QualifiedName T = QualifiedName.of("public", "t");
    private static final QualifiedName T2 = QualifiedName.of("public", "t2");

    @Test
    void columnsAreRenamedWhereTheyStandAsColumnsOnly() {
        assertThat(RenamedText.columns("CHECK (((a <> 'a'::text) AND (lower(a) <> ''::text)))", Map.of("a", "a2", "lower", "x")))
                .isEqualTo("CHECK (((a2 <> 'a'::text) AND (lower(a2) <> ''::text)))");
        assertThat(RenamedText.columns("((\"Mixed\" > 0) AND (text IS NOT NULL))", Map.of("Mixed", "order", "text", "Big")))
                .isEqualTo("((\"order\" > 0) AND (\"Big\" IS NOT NULL))");
        assertThat(RenamedText.columns("(b::text COLLATE \"C\") x.b", Map.of("text", "t", "C", "D", "x", "y", "b", "c")))
                .isEqualTo("(c::text COLLATE \"C\") x.b");
    }

    @Test
    void tableNamesAreReplacedWhole() {
        assertThat(RenamedText.table("CREATE INDEX i ON public.t USING btree (a) public.tt", T, T2))
                .isEqualTo("CREATE INDEX i ON public.t2 USING btree (a) public.tt");
        assertThat(RenamedText.viewAfterTableRename(" SELECT t.id,\n    x.a\n   FROM public.t, public.u x;", T, T2))
                .isEqualTo(" SELECT t2.id,\n    x.a\n   FROM public.t2, public.u x;");
    }

    @Test
    void triggerDefinitionsFollowTheirTableAndColumnsWhereTheyNameThem() {
        String definition = "CREATE TRIGGER a BEFORE UPDATE OF a, \"B b\" OR DELETE ON public.t FOR EACH ROW"
                + " WHEN (((new.a > old.a) AND (new.\"B b\" <> 'new.a'::text) AND (x.a = 1))) EXECUTE FUNCTION public.a('a')";

        assertThat(RenamedText.trigger(definition, T, T2, Map.of("a", "a2", "B b", "select")))
                .isEqualTo("CREATE TRIGGER a BEFORE UPDATE OF a2, \"select\" OR DELETE ON public.t2 FOR EACH ROW"
                        + " WHEN (((new.a2 > old.a2) AND (new.\"select\" <> 'new.a'::text) AND (x.a = 1)))"
                        + " EXECUTE FUNCTION public.a('a')");
        assertThat(RenamedText.trigger(definition, T, T2, Map.of())).isEqualTo(definition.replace("public.t ", "public.t2 "));
        assertThat(RenamedText.trigger(definition, T, T, Map.of("b", "c"))).isEqualTo(definition);
    }
}
