package io.github.shaledb.maven;

import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.api.LintStatementTrace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What db:lint prints, from a hand-built result. */
class LintOutputTest {
    private static final Path PROJECT = Path.of("/home/dev/orders-service");
    private static final Path FILE = PROJECT.resolve("src/main/db/migrations/0003_orders_index/migration.sql");
    private static final String PAGE = "https://shaledb.github.io/shale/lint/create-index-not-concurrently.html";

    private final LintOutput output = new LintOutput(PROJECT);
    private final RecordingLog log = new RecordingLog();

    private static final LintFinding INDEX = new LintFinding("create-index-not-concurrently",
            "CREATE INDEX without CONCURRENTLY on an existing table", LintSeverity.ERROR, "0003_orders_index", FILE, 4, 1,
            "CREATE INDEX orders_customer_idx ON orders (customer_id);", "SHARE on public.orders", true, "public.orders",
            1_204_331L, 325_058_560L, "Inserts, updates and deletes on orders wait until the index is built.",
            "-- in a migration of its own, outside a transaction:\nCREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);",
            PAGE, null);
    private static final LintFinding JSON = new LintFinding("type-json", "json column instead of jsonb",
            LintSeverity.WARNING, "0003_orders_index", FILE, 6, 3, "ALTER TABLE orders ADD COLUMN meta json;", null, false,
            "public.orders", null, null, "json keeps the text as given; jsonb can be indexed.",
            "ALTER TABLE orders ADD COLUMN meta jsonb;", "https://shaledb.github.io/shale/lint/type-json.html", null);
    private static final LintFinding DROP = new LintFinding("drop-column", "Column dropped", LintSeverity.ERROR,
            "0004_orders_cleanup", PROJECT.resolve("src/main/db/migrations/0004_orders_cleanup/migration.sql"), 2, 1,
            "ALTER TABLE orders DROP COLUMN legacy;", "ACCESS EXCLUSIVE on public.orders", false, "public.orders", null,
            null, "The running application may still read it.", null, "https://shaledb.github.io/shale/lint/drop-column.html",
            "no release reads legacy since 2.3");

    private static LintResult result(LintSeverity failOn, List<LintFinding> findings, List<LintStatementTrace> traces,
                                     String notTraced) {
        return new LintResult(List.of("0003_orders_index", "0004_orders_cleanup", "0005_more"),
                "2 not applied to the database", findings, traces, notTraced, failOn, null);
    }

    @Test
    void aFindingReadsFileLineColumnRuleLockTableWhySafeAndPage() {
        assertThat(output.finding(INDEX)).containsExactly(
                "src/main/db/migrations/0003_orders_index/migration.sql:4:1 create-index-not-concurrently"
                        + " (CREATE INDEX without CONCURRENTLY on an existing table)",
                "  CREATE INDEX orders_customer_idx ON orders (customer_id);",
                "  lock: SHARE on public.orders (observed)   table: ~1,204,331 rows, 310 MB",
                "  why: Inserts, updates and deletes on orders wait until the index is built.",
                "  safe:",
                "    -- in a migration of its own, outside a transaction:",
                "    CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);",
                "  see " + PAGE);
    }

    @Test
    void withoutALockOrSizesTheTableIsNamedAndAOneLineRewriteStaysOnItsLine() {
        assertThat(output.finding(JSON)).containsExactly(
                "src/main/db/migrations/0003_orders_index/migration.sql:6:3 type-json (json column instead of jsonb)",
                "  ALTER TABLE orders ADD COLUMN meta json;",
                "  table: public.orders",
                "  why: json keeps the text as given; jsonb can be indexed.",
                "  safe: ALTER TABLE orders ADD COLUMN meta jsonb;",
                "  see https://shaledb.github.io/shale/lint/type-json.html");
    }

    @Test
    void printsErrorsAtErrorWarningsAtWarningIgnoredAtInfoThenTheSummary() {
        output.print(result(LintSeverity.ERROR, List.of(INDEX, JSON, DROP), List.of(), "db.lint.trace=false"), log);

        assertThat(log.lines).contains(
                "[ERROR] src/main/db/migrations/0003_orders_index/migration.sql:4:1 create-index-not-concurrently"
                        + " (CREATE INDEX without CONCURRENTLY on an existing table)",
                "[ERROR]   lock: SHARE on public.orders (observed)   table: ~1,204,331 rows, 310 MB",
                "[WARNING] src/main/db/migrations/0003_orders_index/migration.sql:6:3 type-json (json column instead of jsonb)",
                "[INFO] ignored: src/main/db/migrations/0004_orders_cleanup/migration.sql:2:1 drop-column"
                        + " — no release reads legacy since 2.3");
        assertThat(log.lines.get(log.lines.size() - 1))
                .isEqualTo("[INFO] db:lint: 3 migration(s) (2 not applied to the database), 1 error, 1 warning, 1 ignored");
        assertThat(log.text()).contains("Locks not traced on a scratch database: db.lint.trace=false")
                .doesNotContain("[ERROR] src/main/db/migrations/0004_orders_cleanup");
    }

    @Test
    void theFailureCountsWhatFailsTheRunAndGivesBothWaysOut() {
        LintResult result = result(LintSeverity.ERROR, List.of(INDEX, JSON, DROP), List.of(), null);

        assertThat(result.passed()).isFalse();
        assertThat(LintOutput.failure(result)).startsWith("db:lint found 1 error(s) in the migrations (warnings do not fail it"
                        + " unless -Ddb.lint.failOn=warning)")
                .contains("-- db:lint-ignore RULE-ID reason").contains("db.lint.disable");
        assertThat(LintOutput.failure(result(LintSeverity.WARNING, List.of(INDEX, JSON), List.of(), null)))
                .startsWith("db:lint found 2 error(s) and warning(s)");
    }

    @Test
    void tracedStatementsWithALockThatBlocksWritesGetALineAtInfoEveryOneAtDebug() {
        LintStatementTrace index = new LintStatementTrace("0003_orders_index", FILE, 4,
                "CREATE INDEX orders_customer_idx ON orders (customer_id);", List.of("SHARE on public.orders"), List.of(), 812, null);
        LintStatementTrace type = new LintStatementTrace("0003_orders_index", FILE, 8,
                "ALTER TABLE orders ALTER COLUMN total TYPE numeric;", List.of("ACCESS EXCLUSIVE on public.orders"),
                List.of("public.orders"), 1500, null);
        LintStatementTrace concurrently = new LintStatementTrace("0003_orders_index", FILE, 10,
                "CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);",
                List.of("SHARE UPDATE EXCLUSIVE on public.orders"), List.of(), 0, "cannot run inside a transaction block");

        output.print(result(LintSeverity.ERROR, List.of(), List.of(index, type, concurrently), null), log);

        assertThat(log.lines).contains(
                "[INFO] traced src/main/db/migrations/0003_orders_index/migration.sql:4 SHARE on public.orders, held 812 ms",
                "[INFO] traced src/main/db/migrations/0003_orders_index/migration.sql:8 ACCESS EXCLUSIVE on public.orders,"
                        + " rewrote public.orders, held 1500 ms",
                "[DEBUG] traced src/main/db/migrations/0003_orders_index/migration.sql:10 SHARE UPDATE EXCLUSIVE on"
                        + " public.orders, held 0 ms (cannot run inside a transaction block):"
                        + " CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);");
        assertThat(log.text()).as("SHARE UPDATE EXCLUSIVE blocks no write").doesNotContain("[INFO] traced src/main/db/migrations/0003_orders_index/migration.sql:10");
        assertThat(log.lines.get(log.lines.size() - 1)).isEqualTo(
                "[INFO] db:lint: 3 migration(s) (2 not applied to the database), 0 errors, 0 warnings, 0 ignored");
    }

    @Test
    void sizesReadAsPgSizePrettyDoes() {
        assertThat(LintOutput.bytes(8192)).isEqualTo("8192 bytes");
        assertThat(LintOutput.bytes(16_384)).isEqualTo("16 kB");
        assertThat(LintOutput.bytes(325_058_560L)).isEqualTo("310 MB");
        assertThat(LintOutput.bytes(5L * 1024 * 1024 * 1024 * 1024)).isEqualTo("5120 GB");
    }
}
