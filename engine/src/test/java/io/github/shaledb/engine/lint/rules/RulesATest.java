package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.lint.ColumnDef;
import io.github.shaledb.engine.lint.DdlParser;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.LintHarness;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintRules;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.MigrationLinter;
import io.github.shaledb.engine.lint.SchemaFacts;
import io.github.shaledb.engine.lint.TracedStatement;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;
import java.util.Map;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RULES-A rules (locks and online forms) beyond their own examples: quoted and qualified names, IF [NOT] EXISTS,
 * tables created in the same migration, and the forms each rule must leave alone. Linted without a database.
 */
class RulesATest {

    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, "
            + "quantity int NOT NULL, note varchar(100), price numeric(10,2), net cidr, code char(5), at timestamp);";
    private static final String CUSTOMERS = "CREATE TABLE customers (id bigint PRIMARY KEY);";

    private static final java.util.Set<String> RULES_A = java.util.Set.of("create-index-not-concurrently",
            "drop-index-not-concurrently", "reindex-not-concurrently", "detach-partition-not-concurrently",
            "concurrently-in-transaction", "concurrently-with-other-statements", "constraint-without-not-valid",
            "validate-in-same-transaction", "set-not-null", "unique-without-index", "exclusion-constraint",
            "column-type-rewrite", "add-column-rewrite", "add-column-not-null-without-default",
            "statements-after-access-exclusive", "alters-could-be-combined", "vacuum-full-or-cluster");

    @TempDir
    Path temp;

    private final AtomicInteger runs = new AtomicInteger();

    /** The findings of {@code rule} in the last of {@code scripts} (each one migration). */
    private List<LintFinding> lint(String rule, String... scripts) throws Exception {
        return lint(rule, b -> b, scripts);
    }

    private List<LintFinding> lint(String rule, UnaryOperator<ShaleSettings.Builder> settings, String... scripts)
            throws Exception {
        return LintHarness.findingsOf(LintHarness.lint(temp.resolve("run" + runs.incrementAndGet()), List.of(scripts),
                settings), rule);
    }

    @Test
    void everyRuleHasItsPageWithItsExample() throws Exception {
        Path pages = Path.of("..", "src", "site", "markdown", "lint");
        assertThat(LintRules.all()).extracting(LintRule::id).containsAll(RULES_A);
        for (LintRule rule : LintRules.all()) {
            if (!RULES_A.contains(rule.id())) {
                continue;
            }
            String page = Files.readString(pages.resolve(rule.id() + ".md"));
            assertThat(page).as(rule.id()).startsWith("# " + rule.id() + ": " + rule.name() + "\n")
                    .contains("## What it flags", "## Why it hurts", "## The safe way", "## Example",
                            "## Suppressing it", "-- db:lint-ignore " + rule.id() + " ");
            rule.example().violating().forEach(sql -> assertThat(page).as(rule.id()).contains(sql.strip()));
            rule.example().compliant().forEach(sql -> assertThat(page).as(rule.id()).contains(sql.strip()));
            assertThat(Files.readString(pages.resolve("index.md"))).contains("[" + rule.id() + "](" + rule.id() + ".html)");
        }
    }

    /** Lints {@code sql} as one migration after {@code setup}, its statement 0 traced as {@code rewritten}. */
    private static List<LintFinding> traced(String rule, String setup, String sql, Set<String> rewritten)
            throws Exception {
        List<DdlStatement> earlier = MigrationLinter.statements(SqlScript.parse(setup));
        List<DdlStatement> statements = MigrationLinter.statements(SqlScript.parse(sql));
        TracedStatement trace = new TracedStatement(0, Map.of("public.orders", LockMode.ACCESS_EXCLUSIVE), rewritten,
                3, null);
        LintedMigration m = new LintedMigration("m1", Path.of("m1.sql"), statements, true, SchemaFacts.UNKNOWN,
                Map.of(0, trace), true, earlier);
        return new MigrationLinter(LintRules.all(), Set.of(), Map.of(), null).lint(m, sql).stream()
                .filter(f -> f.ruleId().equals(rule)).toList();
    }

    @Test
    void tracingDecidesRewrites() throws Exception {
        assertThat(traced("column-type-rewrite", ORDERS, "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);",
                Set.of("public.orders"))).as("seen rewriting").singleElement()
                .satisfies(f -> assertThat(f.lockObserved()).isTrue());
        assertThat(traced("column-type-rewrite", ORDERS, "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;",
                Set.of())).as("seen not rewriting").isEmpty();
        assertThat(traced("column-type-rewrite", ORDERS, "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200), "
                + "ALTER COLUMN quantity TYPE bigint;", Set.of("public.orders"))).as("the change not known free")
                .singleElement().satisfies(f -> assertThat(f.why()).contains("quantity"));
        assertThat(traced("add-column-rewrite", ORDERS, "ALTER TABLE orders ADD COLUMN n int DEFAULT my_counter();",
                Set.of("public.orders"))).as("a volatile function of the user's").hasSize(1);
        assertThat(traced("add-column-rewrite", ORDERS, "ALTER TABLE orders ADD COLUMN n int DEFAULT my_counter();",
                Set.of())).isEmpty();
    }

    @Test
    void createTableColumnsKeepTheirConstraints() {
        DdlStatement s = DdlParser.parse(new SqlStatement("CREATE TABLE t (id bigint NOT NULL DEFAULT 0, "
                + "a varchar(20) CHECK (a IS NOT NULL), b int PRIMARY KEY)", 0, 1, 1, false), 0);
        assertThat(s.columnDefs()).extracting(ColumnDef::type).containsExactly("bigint", "varchar(20)", "int");
        assertThat(s.columnDefs().get(0).notNull()).isTrue();
        assertThat(s.columnDefs().get(0).defaultExpr()).isEqualTo("0");
        assertThat(s.columnDefs().get(1).check()).isNotNull();
        assertThat(s.columnDefs().get(2).primaryKey()).isTrue();
    }

    @Test
    void createIndexNotConcurrently() throws Exception {
        String rule = "create-index-not-concurrently";
        List<LintFinding> quoted = lint(rule, "CREATE SCHEMA app; CREATE TABLE app.\"Orders\" (id int, \"Total\" int);",
                "create unique index \"Orders_total\" on app.\"Orders\" (\"Total\");");
        assertThat(quoted).singleElement().satisfies(f -> {
            assertThat(f.table()).isEqualTo("app.Orders");
            assertThat(f.lock()).isEqualTo("SHARE on app.Orders");
            assertThat(f.safeRewrite()).contains("create unique index CONCURRENTLY IF NOT EXISTS \"Orders_total\" on "
                    + "app.\"Orders\" (\"Total\")");
        });
        assertThat(lint(rule, "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);")).isEmpty();
        assertThat(lint(rule, ORDERS, "CREATE INDEX CONCURRENTLY ON orders (customer_id);")).isEmpty();
        String events = "CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');";
        assertThat(lint(rule, events, "CREATE INDEX events_at_idx ON events (at);")).singleElement()
                .satisfies(f -> assertThat(f.safeRewrite()).contains("CREATE INDEX events_at_idx ON ONLY events (at);",
                        "CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2024_at_idx ON events_2024 (at);",
                        "ALTER INDEX events_at_idx ATTACH PARTITION events_2024_at_idx;"));
        assertThat(lint(rule, events, "CREATE INDEX events_at_idx ON ONLY events (at);")).isEmpty();
    }

    @Test
    void dropIndexNotConcurrently() throws Exception {
        String rule = "drop-index-not-concurrently";
        assertThat(lint(rule, ORDERS + "\nCREATE INDEX orders_c ON orders (customer_id);",
                "drop index if exists public.orders_c;")).singleElement()
                .satisfies(f -> assertThat(f.lock()).isEqualTo("ACCESS EXCLUSIVE on public.orders"));
        assertThat(lint(rule, "CREATE INDEX CONCURRENTLY legacy_idx ON legacy (a);", "DROP INDEX legacy_idx;"))
                .hasSize(1);
        assertThat(lint(rule, ORDERS, "CREATE INDEX orders_tmp ON orders (note);\nDROP INDEX orders_tmp;")).isEmpty();
        assertThat(lint(rule, "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nDROP INDEX t_a;")).isEmpty();
    }

    @Test
    void reindexNotConcurrently() throws Exception {
        String rule = "reindex-not-concurrently";
        assertThat(lint(rule, ORDERS, "reindex table orders;")).singleElement()
                .satisfies(f -> assertThat(f.safeRewrite()).contains("REINDEX TABLE CONCURRENTLY orders;"));
        assertThat(lint(rule, ORDERS, "REINDEX SCHEMA public;")).hasSize(1);
        assertThat(lint(rule, ORDERS, "REINDEX (VERBOSE) TABLE CONCURRENTLY orders;")).isEmpty();
        assertThat(lint(rule, "CREATE TABLE t (a int);\nREINDEX TABLE t;")).isEmpty();
    }

    @Test
    void detachPartitionNotConcurrently() throws Exception {
        String rule = "detach-partition-not-concurrently";
        String events = "CREATE TABLE events (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');";
        assertThat(lint(rule, events, "alter table public.events detach partition public.events_2024;"))
                .singleElement().satisfies(f -> assertThat(f.lock())
                        .isEqualTo("ACCESS EXCLUSIVE on public.events and public.events_2024"));
        assertThat(lint(rule, events, "ALTER TABLE events DETACH PARTITION events_2024 FINALIZE;")).isEmpty();
        assertThat(lint(rule, events + "\nALTER TABLE events DETACH PARTITION events_2024;")).isEmpty();
    }

    @Test
    void concurrentlyInTransaction() throws Exception {
        String rule = "concurrently-in-transaction";
        assertThat(lint(rule, ORDERS, "START TRANSACTION;\nDROP INDEX CONCURRENTLY IF EXISTS x;\nCOMMIT;")).hasSize(1);
        assertThat(lint(rule, ORDERS, "DO $$ BEGIN EXECUTE 'create index concurrently o_c on orders (customer_id)'; END $$;"))
                .hasSize(1);
        assertThat(lint(rule, ORDERS, "BEGIN;\nALTER TABLE orders ADD COLUMN x int;\nCOMMIT;\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS o_x ON orders (x);")).isEmpty();
        assertThat(lint(rule, ORDERS, "SET statement_timeout = 0;\nREINDEX INDEX CONCURRENTLY orders_pkey;")).isEmpty();
    }

    @Test
    void concurrentlyWithOtherStatements() throws Exception {
        String rule = "concurrently-with-other-statements";
        assertThat(lint(rule, ORDERS, "DROP INDEX CONCURRENTLY IF EXISTS old_idx;\nCREATE TABLE audit (id bigint);"))
                .singleElement().satisfies(f -> assertThat(f.safeRewrite()).contains("CREATE TABLE audit (id bigint);",
                        "DROP INDEX CONCURRENTLY IF EXISTS old_idx;"));
        assertThat(lint(rule, ORDERS, "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS a ON orders (note);\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS b ON orders (price);\nRESET lock_timeout;")).isEmpty();
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD COLUMN x int;\nCREATE INDEX o_x ON orders (x);")).isEmpty();
        assertThat(lint(rule, ORDERS, "CREATE INDEX CONCURRENTLY IF NOT EXISTS o_n ON orders (note);\n"
                + "COMMENT ON INDEX o_n IS 'for the notes search';\nANALYZE orders;")).isEmpty();
    }

    @Test
    void constraintWithoutNotValid() throws Exception {
        String rule = "constraint-without-not-valid";
        assertThat(lint(rule, ORDERS, "alter table orders add check (quantity > 0);")).singleElement()
                .satisfies(f -> {
                    assertThat(f.lock()).isEqualTo("ACCESS EXCLUSIVE on public.orders");
                    assertThat(f.safeRewrite()).contains("ADD CONSTRAINT orders_check check (quantity > 0) NOT VALID;",
                            "VALIDATE CONSTRAINT orders_check;");
                });
        assertThat(lint(rule, ORDERS + CUSTOMERS, "ALTER TABLE orders ADD COLUMN buyer_id bigint REFERENCES customers (id);"))
                .singleElement().satisfies(f -> {
                    assertThat(f.lock()).isEqualTo("SHARE ROW EXCLUSIVE on public.orders and public.customers");
                    assertThat(f.safeRewrite()).contains("ADD CONSTRAINT orders_buyer_id_fkey FOREIGN KEY (buyer_id) "
                            + "REFERENCES customers (id) NOT VALID;");
                });
        assertThat(lint(rule, ORDERS + CUSTOMERS, "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) "
                + "REFERENCES customers (id) NOT VALID;")).isEmpty();
        assertThat(lint(rule, ORDERS + CUSTOMERS, """
                DO $$ BEGIN
                 ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id")
                   REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;
                EXCEPTION
                 WHEN duplicate_object THEN null;
                END $$;
                """)).as("drizzle-kit's DO-wrapped foreign key").singleElement()
                .satisfies(f -> assertThat(f.safeRewrite()).contains("ON UPDATE no action NOT VALID;"));
        assertThat(lint(rule, CUSTOMERS, "CREATE TABLE lines (id bigint, customer_id bigint);\n"
                + "ALTER TABLE lines ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id);")).isEmpty();
    }

    @Test
    void validateInSameTransaction() throws Exception {
        String rule = "validate-in-same-transaction";
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD CONSTRAINT \"Qty\" CHECK (quantity > 0) NOT VALID;\n"
                + "ALTER TABLE orders VALIDATE CONSTRAINT \"Qty\";")).singleElement()
                .satisfies(f -> assertThat(f.lock()).isEqualTo("ACCESS EXCLUSIVE on public.orders"));
        assertThat(lint(rule, "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n"
                + "ALTER TABLE t VALIDATE CONSTRAINT c;")).isEmpty();
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD CONSTRAINT q CHECK (quantity > 0) NOT VALID;",
                "ALTER TABLE orders VALIDATE CONSTRAINT q;")).isEmpty();
    }

    @Test
    void setNotNull() throws Exception {
        String rule = "set-not-null";
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD CONSTRAINT c CHECK (customer_id IS NOT NULL) NOT VALID;",
                "ALTER TABLE ONLY public.orders ALTER COLUMN customer_id SET NOT NULL;")).hasSize(1);
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD CONSTRAINT c CHECK (customer_id IS NOT NULL);",
                "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;")).isEmpty();
        assertThat(lint(rule, "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;")).isEmpty();
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD CONSTRAINT c CHECK (customer_id IS NOT NULL) NOT VALID;",
                "ALTER TABLE orders DROP CONSTRAINT c;\nALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;"))
                .hasSize(1);
    }

    @Test
    void uniqueWithoutIndex() throws Exception {
        String rule = "unique-without-index";
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD COLUMN code2 text UNIQUE;")).singleElement()
                .satisfies(f -> assertThat(f.safeRewrite()).contains(
                        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code2_key ON orders (code2);",
                        "ALTER TABLE orders ADD CONSTRAINT orders_code2_key UNIQUE USING INDEX orders_code2_key;"));
        assertThat(lint(rule, "CREATE TABLE legacy (id bigint NOT NULL);", "ALTER TABLE legacy ADD PRIMARY KEY (id);"))
                .singleElement().satisfies(f -> assertThat(f.safeRewrite()).contains("legacy_pkey PRIMARY KEY USING INDEX"));
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD CONSTRAINT u UNIQUE USING INDEX u;")).isEmpty();
        assertThat(lint(rule, "CREATE TABLE t (a int);\nALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);")).isEmpty();
    }

    @Test
    void exclusionConstraint() throws Exception {
        String rule = "exclusion-constraint";
        assertThat(lint(rule, "CREATE SCHEMA b; CREATE TABLE b.rooms (during tstzrange);",
                "ALTER TABLE b.rooms ADD EXCLUDE USING gist (during WITH &&);")).hasSize(1);
        assertThat(lint(rule, "CREATE TABLE rooms (during tstzrange);\n"
                + "ALTER TABLE rooms ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);")).isEmpty();
    }

    @Test
    void columnTypeRewrite() throws Exception {
        String rule = "column-type-rewrite";
        for (String change : List.of("note TYPE varchar(50)", "note TYPE int USING note::int", "code TYPE text",
                "at TYPE timestamptz", "quantity SET DATA TYPE numeric", "price TYPE numeric(12,3)")) {
            assertThat(lint(rule, ORDERS, "ALTER TABLE orders ALTER COLUMN " + change + ";")).as(change).hasSize(1);
        }
        for (String change : List.of("note TYPE text", "note TYPE character varying(200)", "note TYPE varchar",
                "price TYPE numeric(12,2)", "price TYPE decimal", "net TYPE inet", "quantity TYPE integer",
                "note TYPE varchar(300) USING note")) {
            assertThat(lint(rule, ORDERS, "ALTER TABLE orders ALTER COLUMN " + change + ";")).as(change).isEmpty();
        }
        assertThat(lint(rule, "ALTER TABLE legacy ALTER COLUMN a TYPE bigint;")).as("old type unknown").isEmpty();
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;",
                "ALTER TABLE orders ALTER COLUMN quantity TYPE int8;")).as("retyped by an earlier migration").isEmpty();
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders RENAME COLUMN note TO memo;",
                "ALTER TABLE orders ALTER COLUMN memo TYPE varchar(10);")).as("followed through a rename").hasSize(1);
        assertThat(lint(rule, "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a TYPE bigint;")).isEmpty();
    }

    @Test
    void addColumnRewrite() throws Exception {
        String rule = "add-column-rewrite";
        for (String column : List.of("n bigserial", "n bigint GENERATED ALWAYS AS IDENTITY",
                "total numeric GENERATED ALWAYS AS (quantity * price) STORED", "seen timestamptz DEFAULT clock_timestamp()",
                "\"Seq\" bigint DEFAULT nextval('s')")) {
            assertThat(lint(rule, ORDERS, "alter table orders add column " + column + ";")).as(column).hasSize(1);
        }
        for (String column : List.of("created_at timestamptz NOT NULL DEFAULT now()", "flag boolean DEFAULT false",
                "seen timestamptz DEFAULT CURRENT_TIMESTAMP", "token uuid")) {
            assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD COLUMN " + column + ";")).as(column).isEmpty();
        }
        assertThat(lint(rule, "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN id bigserial;")).isEmpty();
    }

    @Test
    void addColumnNotNullWithoutDefault() throws Exception {
        String rule = "add-column-not-null-without-default";
        assertThat(lint(rule, ORDERS, "ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS \"Paid\" boolean NOT NULL;"))
                .singleElement().satisfies(f -> assertThat(f.safeRewrite())
                        .contains("ADD COLUMN \"Paid\" boolean NOT NULL DEFAULT false;"));
        for (String column : List.of("n bigserial NOT NULL", "n bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY",
                "status text DEFAULT 'new' NOT NULL", "note2 text")) {
            assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD COLUMN " + column + ";")).as(column).isEmpty();
        }
        assertThat(lint(rule, "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int NOT NULL;")).isEmpty();
    }

    @Test
    void statementsAfterAccessExclusive() throws Exception {
        String rule = "statements-after-access-exclusive";
        String generated = "ALTER TABLE orders ADD COLUMN x int;\nALTER TABLE customers ADD COLUMN y int;\n"
                + "ALTER TABLE orders DROP COLUMN note;\nCREATE TABLE audit (id bigint);";
        assertThat(lint(rule, ORDERS + CUSTOMERS, generated)).as("quick ALTERs under Shale's lock timeout").isEmpty();
        UnaryOperator<ShaleSettings.Builder> noTimeout = b -> b.lockTimeoutPerStatement(Duration.ZERO);
        assertThat(lint(rule, noTimeout, ORDERS + CUSTOMERS, generated)).singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(2));
        assertThat(lint(rule, noTimeout, ORDERS + CUSTOMERS, "SET lock_timeout = '3s';\n" + generated)).isEmpty();
        assertThat(lint(rule, ORDERS + CUSTOMERS, "ALTER TABLE orders ADD COLUMN x int;\n"
                + "CREATE INDEX c_idx ON customers (id);")).hasSize(1);
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD COLUMN x int;\n"
                + "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;")).as("its own lock anyway").isEmpty();
        assertThat(lint(rule, ORDERS, "-- db:no-transaction\nALTER TABLE orders ADD COLUMN x int;\n"
                + "UPDATE orders SET x = 1;")).isEmpty();
    }

    @Test
    void altersCouldBeCombined() throws Exception {
        String rule = "alters-could-be-combined";
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD CONSTRAINT q CHECK (quantity > 0);\n"
                + "ALTER TABLE orders ALTER COLUMN note TYPE varchar(10);")).singleElement()
                .satisfies(f -> assertThat(f.safeRewrite()).isEqualTo("ALTER TABLE orders\n"
                        + "    ADD CONSTRAINT q CHECK (quantity > 0),\n    ALTER COLUMN note TYPE varchar(10);"));
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ADD COLUMN a int;\nALTER TABLE orders ADD COLUMN b text;"))
                .isEmpty();
        assertThat(lint(rule, ORDERS, "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;\n"
                + "ALTER TABLE orders RENAME COLUMN note TO memo;\nALTER TABLE orders ALTER COLUMN memo SET NOT NULL;"))
                .isEmpty();
    }

    @Test
    void vacuumFullOrCluster() throws Exception {
        String rule = "vacuum-full-or-cluster";
        assertThat(lint(rule, ORDERS, "VACUUM (FULL, ANALYZE) public.orders;")).hasSize(1);
        assertThat(lint(rule, ORDERS, "cluster orders using orders_pkey;")).hasSize(1);
        assertThat(lint(rule, ORDERS, "VACUUM FULL;")).hasSize(1);
        assertThat(lint(rule, ORDERS, "VACUUM (FULL false, ANALYZE) orders;")).isEmpty();
        assertThat(lint(rule, "CREATE TABLE t (a int);\nCLUSTER t USING t_pkey;")).isEmpty();
    }
}
