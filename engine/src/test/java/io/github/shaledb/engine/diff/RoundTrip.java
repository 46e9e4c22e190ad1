package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.testsupport.SchemaText;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One change case end to end: database A from {@code before} (+ seed rows), database B from
 * {@code after}; the diff applied to A must make it introspect as B, and the reverse diff must bring
 * it back to {@code before}, with the seeded rows still there.
 */
final class RoundTrip {
    private RoundTrip() {
    }

    /**
     * @param countQuery a query returning one number that must be the same before the change, after it
     *                   and after the reverse (the seeded rows survive); null to skip
     */
    static void check(String before, String after, String seed, String countQuery, RenameDecider decider)
            throws Exception {
        try (TestDatabase a = TestPostgres.newDatabase(); TestDatabase b = TestPostgres.newDatabase()) {
            a.execute(before);
            if (seed != null) {
                a.execute(seed);
            }
            b.execute(after);
            SchemaModel start = introspect(a);
            SchemaModel target = introspect(b);
            String rows = countQuery == null ? null : a.queryStrings(countQuery).get(0);

            int version;
            try (Connection connection = a.connect()) {
                version = connection.getMetaData().getDatabaseMajorVersion();
            }
            SchemaDiff up = SchemaDiff.between(start, target, decider, version);
            apply(a, up, "up");
            assertSameModel(introspect(a), target, up, false);
            if (rows != null) {
                assertThat(a.queryStrings(countQuery).get(0)).as("rows after the up diff").isEqualTo(rows);
            }

            SchemaDiff down = SchemaDiff.reverse(start, target, decider, version);
            apply(a, down, "down");
            assertSameModel(introspect(a), start, down, true);
            if (rows != null) {
                assertThat(a.queryStrings(countQuery).get(0)).as("rows after the down diff").isEqualTo(rows);
            }
            assertThat(SchemaDiff.between(introspect(a), start, decider, version).changes())
                    .as("nothing left to change after the round trip").isEmpty();
        }
    }

    static SchemaModel introspect(TestDatabase db) throws Exception {
        try (Connection connection = db.connect()) {
            return Introspector.introspect(connection, List.of());
        }
    }

    /** Transactional changes in transactions, the others (CONCURRENTLY) outside, all in order. */
    static void apply(TestDatabase db, SchemaDiff diff, String direction) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (Change change : diff.changes()) {
                connection.setAutoCommit(!change.transactional());
                try {
                    statement.execute(change.sql());
                } catch (SQLException e) {
                    throw new AssertionError(direction + " diff failed at\n" + change.sql() + "\n" + e.getMessage()
                            + "\n--- whole " + direction + " diff:\n" + diff.render(), e);
                }
                if (change.transactional()) {
                    connection.commit();
                }
            }
            connection.setAutoCommit(true);
        }
    }

    /** Models compared as snapshots; {@code anyColumnOrder} for a reverse (see {@link SchemaText#byColumnName}). */
    private static void assertSameModel(SchemaModel actual, SchemaModel expected, SchemaDiff diff, boolean anyColumnOrder) {
        String actualJson = SchemaText.json(anyColumnOrder ? SchemaText.byColumnName(actual) : actual);
        String expectedJson = SchemaText.json(anyColumnOrder ? SchemaText.byColumnName(expected) : expected);
        assertThat(actualJson).as("model after the diff:\n" + diff.render()).isEqualTo(expectedJson);
    }
}
