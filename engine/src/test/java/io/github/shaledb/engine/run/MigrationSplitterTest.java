package io.github.shaledb.engine.run;

import io.github.shaledb.engine.diff.Change;
import io.github.shaledb.engine.sql.SqlScript;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where db:generate cuts a plan into folders and which statements it writes as one. */
class MigrationSplitterTest {

    private static Change tx(String sql) {
        return new Change(sql, true, List.of());
    }

    private static Change outside(String sql) {
        return new Change(sql, false, List.of());
    }

    private static List<String> folders(List<Change> changes) {
        return MigrationSplitter.split(changes).stream().map(r -> r.kind() + " " + r.changes().size()).toList();
    }

    @Test
    void cutsBetweenConcurrentAndOrdinaryStatementsAndBeforeTheValidationOfWhatTheFolderAdded() {
        assertThat(folders(List.of(
                tx("ALTER TABLE public.\"My T\" ADD CONSTRAINT \"c 1\" CHECK (a > 0) NOT VALID;"),
                tx("ALTER TABLE public.u ADD CONSTRAINT c2 FOREIGN KEY (p) REFERENCES public.p(id) NOT VALID;"),
                tx("ALTER TABLE public.\"My T\" VALIDATE CONSTRAINT \"c 1\";"),
                // added in the folder before: no cut
                tx("ALTER TABLE public.u VALIDATE CONSTRAINT c2;"),
                outside("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON public.u USING btree (p);"),
                outside("DROP INDEX CONCURRENTLY IF EXISTS public.j;"),
                tx("ALTER TABLE public.u ADD COLUMN z integer;"),
                // a constraint of the same name on another table was added: no cut
                tx("ALTER TABLE public.v VALIDATE CONSTRAINT c2;"))))
                .containsExactly("STATEMENTS 2", "VALIDATE 2", "INDEXES 2", "STATEMENTS 2");
    }

    @Test
    void typeChangesOfOneTableInARowAreOneStatementAndOnlyThose() {
        List<Change> combined = MigrationSplitter.combined(List.of(
                tx("ALTER TABLE public.\"T t\" ALTER COLUMN a TYPE bigint;"),
                tx("ALTER TABLE public.\"T t\" ALTER COLUMN \"B\" TYPE integer USING \"B\"::integer;"),
                // the same column twice cannot be one statement
                tx("ALTER TABLE public.\"T t\" ALTER COLUMN a TYPE numeric;"),
                tx("ALTER TABLE public.u ALTER COLUMN a TYPE bigint;"),
                tx("ALTER TABLE public.u ALTER COLUMN a SET DEFAULT 1;"),
                tx("ALTER TABLE public.u ALTER COLUMN b TYPE bigint;")));
        assertThat(combined).extracting(Change::sql).containsExactly(
                "ALTER TABLE public.\"T t\" ALTER COLUMN a TYPE bigint, ALTER COLUMN \"B\" TYPE integer USING \"B\"::integer;",
                "ALTER TABLE public.\"T t\" ALTER COLUMN a TYPE numeric;",
                "ALTER TABLE public.u ALTER COLUMN a TYPE bigint;",
                "ALTER TABLE public.u ALTER COLUMN a SET DEFAULT 1;",
                "ALTER TABLE public.u ALTER COLUMN b TYPE bigint;");
    }

    @Test
    void aDownScriptWithNothingToUndoSaysWhyAndHasAStatementRollbackAccepts() {
        String down = MigrationSplitter.render(List.of(), "it only validates a constraint");
        assertThat(down).startsWith("-- Nothing to undo: it only validates a constraint\n");
        assertThat(SqlScript.parse(down).statements()).hasSize(1);
    }
}
