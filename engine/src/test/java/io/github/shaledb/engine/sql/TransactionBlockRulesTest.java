package io.github.shaledb.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionBlockRulesTest {

    private static boolean refused(String statement) {
        List<SqlStatement> statements = SqlScript.parse(statement).statements();
        assertThat(statements).hasSize(1);
        return statements.get(0).requiresNoTransaction();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE INDEX CONCURRENTLY idx ON t (a);",
        "create unique index concurrently \"idx\" on t using btree (a);",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON t (a)",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON t (a);",
        "/* lead */ CREATE -- c\n INDEX\n\tCONCURRENTLY ON t (a);",
        "DROP INDEX CONCURRENTLY idx;",
        "DROP INDEX CONCURRENTLY IF EXISTS public.idx;",
        "REINDEX INDEX CONCURRENTLY idx;",
        "REINDEX TABLE CONCURRENTLY t;",
        "REINDEX (VERBOSE) TABLE CONCURRENTLY t;",
        "REINDEX (CONCURRENTLY, VERBOSE) INDEX idx;",
        "REINDEX DATABASE app;",
        "REINDEX SYSTEM app;",
        "REINDEX SCHEMA public;",
        "VACUUM;",
        "vacuum (analyze, verbose) t;",
        "VACUUM FULL t;",
        "CREATE DATABASE app;",
        "DROP DATABASE IF EXISTS app;",
        "ALTER DATABASE app SET TABLESPACE fast;",
        "CREATE TABLESPACE fast LOCATION '/data';",
        "DROP TABLESPACE fast;",
        "ALTER SYSTEM SET work_mem = '64MB';",
        "CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p;",
        "DROP SUBSCRIPTION s;",
        "ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY;",
        "ALTER TABLE IF EXISTS ONLY \"m\" DETACH PARTITION public.\"m_2020\" CONCURRENTLY;",
        "CLUSTER;",
        "CLUSTER VERBOSE;",
        "CLUSTER (VERBOSE);",
        "COMMIT PREPARED 'tx1';",
        "ROLLBACK PREPARED 'tx1';",
        "DISCARD ALL;",
    })
    void refusedInsideATransactionBlock(String statement) {
        assertThat(refused(statement)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE INDEX idx ON t (a);",
        "CREATE INDEX concurrently_idx ON t (a);",
        "CREATE TABLE concurrently (id int);",
        "CREATE INDEX idx ON t (a) WHERE note = 'CONCURRENTLY';",
        "CREATE INDEX /* CONCURRENTLY */ idx ON t (a);",
        "CREATE INDEX -- CONCURRENTLY\n idx ON t (a);",
        "CREATE INDEX \"CONCURRENTLY\" ON t (a);",
        "DO $$ BEGIN EXECUTE 'CREATE INDEX CONCURRENTLY i ON t (a)'; END $$;",
        "CREATE FUNCTION f() RETURNS void AS $body$ VACUUM; $body$ LANGUAGE sql;",
        "SELECT 'VACUUM';",
        "DROP INDEX idx;",
        "REINDEX INDEX idx;",
        "REINDEX TABLE t;",
        "REINDEX (CONCURRENTLY false) TABLE t;",
        "REFRESH MATERIALIZED VIEW CONCURRENTLY mv;",
        "ALTER TYPE mood ADD VALUE 'meh';",
        "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'sad';",
        "ALTER DATABASE app SET search_path = app, public;",
        "ALTER TABLE measurements DETACH PARTITION measurements_2020;",
        "ALTER TABLE measurements DETACH PARTITION measurements_2020 FINALIZE;",
        "ALTER TABLE t ADD COLUMN concurrently int;",
        "CLUSTER t;",
        "CLUSTER VERBOSE t USING idx;",
        "CLUSTER \"T\";",
        "COMMIT;",
        "ROLLBACK;",
        "BEGIN;",
        "ANALYZE t;",
        "DISCARD PLANS;",
        "CREATE TABLE \"database\" (id int);",
    })
    void allowedInsideATransactionBlock(String statement) {
        assertThat(refused(statement)).isFalse();
    }

    @Test
    void scriptRequiresNoTransactionWhenAnyStatementIsRefused() {
        SqlScript script = SqlScript.parse("""
            CREATE TABLE t (a int);
            --> statement-breakpoint
            CREATE INDEX CONCURRENTLY t_a ON t (a);
            --> statement-breakpoint
            INSERT INTO t VALUES (1);
            """);

        assertThat(script.statements()).extracting(SqlStatement::requiresNoTransaction)
            .containsExactly(false, true, false);
        assertThat(script.noTransactionDirective()).isFalse();
        assertThat(script.requiresNoTransaction()).isTrue();
    }

    @Test
    void ordinaryScriptRunsInATransaction() {
        SqlScript script = SqlScript.parse("-- CREATE INDEX CONCURRENTLY later\nCREATE INDEX i ON t (a);");

        assertThat(script.requiresNoTransaction()).isFalse();
    }

    @Test
    void directiveOnTheFirstLineForcesNoTransaction() {
        SqlScript script = SqlScript.parse("  -- DB:No-Transaction  \r\nUPDATE t SET a = 1;");

        assertThat(script.noTransactionDirective()).isTrue();
        assertThat(script.requiresNoTransaction()).isTrue();
        assertThat(script.statements()).extracting(SqlStatement::text).containsExactly("UPDATE t SET a = 1;");
        assertThat(script.statements().get(0).requiresNoTransaction()).isFalse();
    }

    @Test
    void directiveAfterAByteOrderMarkCounts() {
        assertThat(SqlScript.parse("\uFEFF-- db:no-transaction\nSELECT 1;").noTransactionDirective()).isTrue();
    }

    @Test
    void directiveElsewhereDoesNotCount() {
        assertThat(SqlScript.parse("SELECT 1;\n-- db:no-transaction\n").noTransactionDirective()).isFalse();
        assertThat(SqlScript.parse("\n-- db:no-transaction\n").noTransactionDirective()).isFalse();
        assertThat(SqlScript.parse("-- db:no-transaction please\n").noTransactionDirective()).isFalse();
        assertThat(SqlScript.parse("SELECT 1; -- db:no-transaction\n").noTransactionDirective()).isFalse();
    }
}
