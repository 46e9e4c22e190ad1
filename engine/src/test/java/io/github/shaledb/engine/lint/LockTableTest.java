package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The static lock table the rules fall back on names the locks the server really takes, statement by statement: every
 * lock it names is taken, and every lock taken that blocks more than {@code ACCESS EXCLUSIVE} holders is named.
 */
@ExtendWith(TestPostgres.class)
class LockTableTest {

    @Test
    void expectedLocksAreTheLocksTracingObserves(TestDatabase db) throws Exception {
        db.execute(LockTracerTest.SCHEMA);
        try (Connection c = db.connect(); Connection observer = db.connect()) {
            SchemaFacts facts = new ConnectionFacts(c);
            int major = c.getMetaData().getDatabaseMajorVersion();
            assertSoftly(soft -> {
                for (LockTracerTest.Case k : LockTracerTest.CASES) {
                    TracedStatement observed;
                    try {
                        observed = LockTracerTest.traceOne(c, observer, k.sql());
                    } catch (Exception e) {
                        throw new AssertionError(k.sql(), e);
                    }
                    DdlStatement statement = DdlParser.parse(SqlScript.parse(k.sql() + ";").statements().get(0), 0);
                    Map<String, LockMode> expected = LockTable.expected(statement, facts);
                    // ACCESS SHARE (a table read) conflicts only with ACCESS EXCLUSIVE: the table may leave it out.
                    Map<String, LockMode> strong = new HashMap<>(observed.locks());
                    strong.entrySet().removeIf(e -> e.getValue() == LockMode.ACCESS_SHARE && !expected.containsKey(e.getKey()));
                    if (k.locksBefore14() != null && major < 14) {
                        // The table names what newer servers take, the stronger lock: at least what this one took.
                        strong.forEach((relation, mode) -> soft.assertThat(LockMode.max(expected.get(relation), mode))
                                .as(k.sql() + " on " + relation).isEqualTo(expected.get(relation)));
                    } else {
                        soft.assertThat(expected).as(k.sql()).isEqualTo(strong);
                    }
                }
            });
        }
    }
}
