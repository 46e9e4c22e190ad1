package io.github.shaledb.engine.suite;

import io.github.shaledb.engine.api.Defaults;
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
 * One change case's databases: {@code target}, empty, which the verbs change; and the two states built
 * directly from the case's SQL, {@code before} and {@code after}, which the target must match.
 */
final class CaseDatabases implements AutoCloseable {
    private final List<TestDatabase> open = new ArrayList<>();
    final TestDatabase target;
    final TestDatabase before;
    final TestDatabase after;
    /** {@code db.schemas}: every user schema either state holds, and {@code public}. */
    final List<String> schemas;

    CaseDatabases(String beforeSql, String afterSql) throws SQLException {
        try {
            target = newDatabase();
            before = newDatabase();
            after = newDatabase();
            execute(before, beforeSql);
            execute(after, afterSql);
            TreeSet<String> names = new TreeSet<>(userSchemas(before));
            names.addAll(userSchemas(after));
            names.add("public");
            schemas = List.copyOf(names);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private TestDatabase newDatabase() {
        TestDatabase db = TestPostgres.newDatabase();
        open.add(db);
        return db;
    }

    static void execute(TestDatabase db, String sql) throws SQLException {
        if (sql != null && !sql.isBlank()) {
            db.execute(sql);
        }
    }

    private static List<String> userSchemas(TestDatabase db) throws SQLException {
        return db.queryStrings("select nspname from pg_namespace where nspname not like 'pg\\_%'"
                + " and nspname not in ('information_schema', '" + Defaults.TRACKING_SCHEMA + "')");
    }

    SchemaModel model(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return Introspector.introspect(c, schemas);
        }
    }

    /**
     * The {@code db.renames} hints that accept every rename candidate between the two states: what a
     * user passes in batch mode for a case that renames.
     */
    String renameHints() throws Exception {
        List<String> hints = new ArrayList<>();
        SchemaDiff.between(model(before), model(after), candidate -> {
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
    void assertTargetMatches(TestDatabase expected, boolean anyColumnOrder, String context) throws Exception {
        SchemaModel actualModel = model(target);
        SchemaModel expectedModel = model(expected);
        if (anyColumnOrder) {
            actualModel = SchemaText.byColumnName(actualModel);
            expectedModel = SchemaText.byColumnName(expectedModel);
        }
        assertThat(SchemaText.json(actualModel)).as("introspection of the target database after " + context)
                .isEqualTo(SchemaText.json(expectedModel));
        if (PgDump.availability().usable()) {
            assertThat(PgDump.schemaOnly(target, anyColumnOrder)).as("pg_dump --schema-only of the target database after "
                    + context).isEqualTo(PgDump.schemaOnly(expected, anyColumnOrder));
        }
    }

    /** The first column of the first row of the query on the target, or null without a query. */
    String count(String query) throws SQLException {
        return query == null ? null : target.queryStrings(query).get(0);
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (TestDatabase db : open) {
            try {
                db.close();
            } catch (SQLException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
