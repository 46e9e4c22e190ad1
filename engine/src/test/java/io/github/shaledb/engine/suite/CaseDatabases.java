package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.diff.RenameDecider;
import io.github.shaledb.engine.diff.SchemaDiff;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.SchemaText;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One change case: {@code target}, a fresh database of its own which the verbs change, and the two states
 * built directly from the case's SQL, {@code before} and {@code after}, which the target must match.
 */
final class CaseDatabases implements AutoCloseable {
    final TestDatabase target;
    final DirectBuild before;
    final DirectBuild after;
    /** {@code db.schemas}: every user schema either state holds, and {@code public}. */
    final List<String> schemas;

    CaseDatabases(String beforeSql, String afterSql) throws Exception {
        before = DirectBuild.of(beforeSql);
        after = DirectBuild.of(afterSql);
        TreeSet<String> names = new TreeSet<>(before.schemas());
        names.addAll(after.schemas());
        names.add("public");
        schemas = List.copyOf(names);
        target = TestPostgres.newDatabase();
    }

    static void execute(TestDatabase db, String sql) throws SQLException {
        if (sql != null && !sql.isBlank()) {
            db.execute(sql);
        }
    }

    boolean changes() {
        return !before.model().equals(after.model());
    }

    /**
     * The {@code db.renames} hints that accept every rename candidate between the two states: what a
     * user passes in batch mode for a case that renames.
     */
    String renameHints() {
        List<String> hints = new ArrayList<>();
        SchemaDiff.between(before.model(), after.model(), candidate -> {
            hints.add(candidate.hint());
            return RenameDecider.Decision.RENAME;
        });
        return String.join(",", hints);
    }

    /**
     * The target introspects as {@code expected} (the snapshot JSON of both, compared as text), and, when
     * a pg_dump of the server's major version is on the machine, dumps as it.
     *
     * @param anyColumnOrder after a reverse: columns compared by name (see {@link SchemaText#byColumnName})
     * @param context        what was applied, shown when they differ
     */
    void assertTargetMatches(DirectBuild expected, boolean anyColumnOrder, String context) throws Exception {
        SchemaModel actualModel;
        try (Connection c = target.connect()) {
            actualModel = Introspector.introspect(c, schemas);
        }
        SchemaModel expectedModel = expected.model();
        if (anyColumnOrder) {
            actualModel = SchemaText.byColumnName(actualModel);
            expectedModel = SchemaText.byColumnName(expectedModel);
        }
        assertThat(SchemaText.json(actualModel)).as("introspection of the target database after " + context)
                .isEqualTo(SchemaText.json(expectedModel));
        if (expected.rawDump() != null) {
            assertThat(PgDump.schemaOnly(target, anyColumnOrder)).as("pg_dump --schema-only of the target database after "
                    + context).isEqualTo(PgDump.normalise(expected.rawDump(), anyColumnOrder));
        }
    }

    /** The first column of the first row of the query on the target, or null without a query. */
    String count(String query) throws SQLException {
        return query == null ? null : target.queryStrings(query).get(0);
    }

    @Override
    public void close() throws SQLException {
        target.close();
    }
}
