package io.github.shaledb.engine.run;

import io.github.shaledb.engine.introspect.UnmanagedKind;
import io.github.shaledb.engine.introspect.UnmanagedObject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IgnoreListTest {
    private static final UnmanagedObject OPERATOR = new UnmanagedObject(UnmanagedKind.OPERATOR, "public.===", "(integer, integer)");
    private static final UnmanagedObject STORAGE = new UnmanagedObject(UnmanagedKind.COLUMN_STORAGE, "public.orders.note", "EXTERNAL");
    private static final UnmanagedObject CONFIG = new UnmanagedObject(UnmanagedKind.TEXT_SEARCH_CONFIGURATION, "app.english_nostop",
            "(PARSER = pg_catalog.default)");
    private static final UnmanagedObject PUBLICATION = new UnmanagedObject(UnmanagedKind.PUBLICATION, "feed", null);
    private static final List<UnmanagedObject> ALL = List.of(OPERATOR, STORAGE, CONFIG, PUBLICATION);

    private static List<UnmanagedObject> ignored(String... entries) {
        IgnoreList ignore = IgnoreList.of(Arrays.asList(entries));
        return ALL.stream().filter(ignore::ignores).toList();
    }

    @Test
    void unsetIgnoresNothing() {
        assertThat(ALL.stream().filter(IgnoreList.of(null)::ignores)).isEmpty();
        assertThat(IgnoreList.of(null).unused(ALL)).isEmpty();
    }

    @Test
    void kindAndNameMatchThatKindOnly() {
        assertThat(ignored("operator:public.===")).containsExactly(OPERATOR);
        assertThat(ignored("rule:public.===")).isEmpty();
        assertThat(ignored("publication:feed")).containsExactly(PUBLICATION);
    }

    @Test
    void aNameAloneMatchesEveryKind() {
        assertThat(ignored("public.===", "feed")).containsExactly(OPERATOR, PUBLICATION);
    }

    @Test
    void theNameIsMatchedWholeAndCaseMatters() {
        assertThat(ignored("public.=", "public.orders", "FEED", "operator:===")).isEmpty();
    }

    @Test
    void aStarStandsForAnyRunOfCharactersDotsIncluded() {
        assertThat(ignored("public.*")).containsExactly(OPERATOR, STORAGE);
        assertThat(ignored("*.orders.*")).containsExactly(STORAGE);
        assertThat(ignored("text-search-configuration:*")).containsExactly(CONFIG);
        assertThat(ignored("*")).containsExactly(OPERATOR, STORAGE, CONFIG, PUBLICATION);
    }

    @Test
    void kindsAreReadInAnyCaseWithSpacesOrUnderscoresAndEntriesSplitAtCommas() {
        assertThat(ignored(" Text Search Configuration : app.english_nostop ")).containsExactly(CONFIG);
        assertThat(ignored("column_storage:public.orders.note, operator:public.===,,")).containsExactly(OPERATOR, STORAGE);
    }

    @Test
    void anEntryThatMatchesNothingIsNamedWithWhatThereIs() {
        IgnoreList ignore = IgnoreList.of(List.of("operator:public.==", "public.*"));

        assertThat(ignore.unused(ALL)).containsExactly("db.ignore entry 'operator:public.==' matches no object that Shale"
                + " does not manage (there are operator:public.===, column-storage:public.orders.note,"
                + " text-search-configuration:app.english_nostop, publication:feed); remove it or correct it.");
        assertThat(ignore.unused(List.of())).hasSize(2).allSatisfy(w -> assertThat(w).contains("(there is none)"));
    }

    @Test
    void anUnknownKindIgnoresNothingAndIsNamedWithTheKinds() {
        IgnoreList ignore = IgnoreList.of(List.of("operater:public.==="));

        assertThat(ALL.stream().filter(ignore::ignores)).isEmpty();
        assertThat(ignore.unused(ALL)).singleElement().asString()
                .startsWith("db.ignore entry 'operater:public.===' names no kind of object Shale knows; the kinds are"
                        + " access-method, base-type, cast,")
                .contains(" operator, operator-class, ").endsWith(", user-mapping.");
    }
}
