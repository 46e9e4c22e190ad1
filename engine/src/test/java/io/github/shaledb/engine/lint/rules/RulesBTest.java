package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.lint.LintHarness;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The RULES-B rules on the forms around their examples: quoted and qualified names, IF EXISTS, same-migration tables. */
class RulesBTest {

    @TempDir
    Path temp;

    private final AtomicInteger run = new AtomicInteger();

    /** The findings of {@code rule} in the last of {@code scripts}. */
    private List<LintFinding> lint(String rule, String... scripts) throws Exception {
        return lint(rule, b -> b, scripts);
    }

    private List<LintFinding> lint(String rule, UnaryOperator<ShaleSettings.Builder> settings, String... scripts)
            throws Exception {
        LintResult result = LintHarness.lint(temp.resolve("run" + run.incrementAndGet()), List.of(scripts), settings);
        return LintHarness.findingsOf(result, rule);
    }

    @Test
    void dropTable() throws Exception {
        String setup = "CREATE TABLE \"Legacy\" (id bigint PRIMARY KEY);\nCREATE TABLE app_log (id bigint);";
        List<LintFinding> both = lint("drop-table", setup, "DROP TABLE IF EXISTS \"Legacy\", app_log;");
        assertThat(both).extracting(LintFinding::table).containsExactly("public.Legacy", "public.app_log");
        assertThat(both.get(0).safeRewrite()).contains("DROP TABLE IF EXISTS \"Legacy\";");
        assertThat(lint("drop-table", "CREATE TABLE tmp_import (id int);\nDROP TABLE IF EXISTS tmp_import;")).isEmpty();
        assertThat(lint("drop-table", "create table tmp_x (id int);", "drop table if exists public.tmp_x;\ncreate table tmp_x (id int);"))
                .as("an existing table dropped and created anew loses its rows").hasSize(1);
        assertThat(lint("drop-table", "drop table if exists public.tmp_x;\ncreate table tmp_x (id int);"))
                .as("the first migration of a folder starts from an empty database").isEmpty();
    }

    @Test
    void dropColumn() throws Exception {
        String setup = "CREATE SCHEMA app;\nCREATE TABLE app.users (id bigint PRIMARY KEY, legacy text);";
        List<LintFinding> f = lint("drop-column", setup, "alter table app.users drop column if exists legacy;");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).safeRewrite()).contains("ALTER TABLE app.users DROP COLUMN IF EXISTS legacy;");
        assertThat(lint("drop-column", setup, "ALTER TABLE app.users ADD COLUMN tmp text;\nALTER TABLE app.users DROP COLUMN tmp;"))
                .isEmpty();
        assertThat(lint("drop-column", "CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;")).isEmpty();
    }

    @Test
    void dropSchema() throws Exception {
        String setup = "CREATE SCHEMA reporting;\nCREATE TABLE reporting.totals (day date);\nCREATE SCHEMA scratch;";
        assertThat(lint("drop-schema", setup, "DROP SCHEMA reporting;")).hasSize(1);
        assertThat(lint("drop-schema", setup, "DROP SCHEMA IF EXISTS scratch CASCADE;")).as("holds no table").isEmpty();
        assertThat(lint("drop-schema", "CREATE SCHEMA s;\nCREATE TABLE s.t (id int);\nDROP SCHEMA s CASCADE;")).isEmpty();
        assertThat(lint("drop-schema", setup, "DROP TABLE reporting.totals;", "DROP SCHEMA reporting;")).isEmpty();
    }

    @Test
    void truncate() throws Exception {
        String setup = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);";
        assertThat(lint("truncate", setup, "truncate table only a, public.b cascade;"))
                .extracting(LintFinding::table).containsExactly("public.a", "public.b");
        assertThat(lint("truncate", "CREATE TABLE staging (id int);\nTRUNCATE staging;")).isEmpty();
    }

    @Test
    void renameTable() throws Exception {
        String setup = "CREATE TABLE \"Customer\" (id bigint PRIMARY KEY);\nCREATE SCHEMA archive;";
        List<LintFinding> f = lint("rename-table", setup, "ALTER TABLE IF EXISTS \"Customer\" RENAME TO clients;");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).safeRewrite()).contains("CREATE VIEW \"Customer\" AS SELECT * FROM clients;");
        assertThat(lint("rename-table", setup, "ALTER TABLE \"Customer\" SET SCHEMA archive;").get(0).safeRewrite())
                .contains("FROM archive.\"Customer\"");
        assertThat(lint("rename-table", "CREATE TABLE t (id int);\nALTER TABLE t RENAME TO u;")).isEmpty();
        assertThat(lint("rename-table", setup, "-- db:no-transaction\nALTER TABLE \"Customer\" RENAME TO clients;\n"
                + "CREATE VIEW \"Customer\" AS SELECT * FROM clients;")).as("the view comes in a later commit").hasSize(1);
    }

    @Test
    void renameColumn() throws Exception {
        String setup = "CREATE TABLE users (id bigint PRIMARY KEY, \"FullName\" varchar(100));";
        List<LintFinding> f = lint("rename-column", setup, "ALTER TABLE users RENAME \"FullName\" TO full_name;");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).safeRewrite()).contains("ADD COLUMN full_name varchar(100);");
        assertThat(lint("rename-column", setup, "ALTER TABLE users ADD COLUMN nick text;\nALTER TABLE users RENAME COLUMN nick TO alias;"))
                .isEmpty();
        assertThat(lint("rename-column", "CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;")).isEmpty();
    }

    @Test
    void dropNotNull() throws Exception {
        String setup = "CREATE TABLE orders (id bigint PRIMARY KEY, currency text NOT NULL);";
        assertThat(lint("drop-not-null", setup, "alter table public.ORDERS alter currency drop not null;")).hasSize(1);
        assertThat(lint("drop-not-null", "CREATE TABLE t (a int NOT NULL);\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;"))
                .isEmpty();
    }

    @Test
    void domainCheck() throws Exception {
        String setup = "CREATE DOMAIN price AS numeric CONSTRAINT price_positive CHECK (VALUE > 0);\n"
                + "CREATE TABLE products (id bigint PRIMARY KEY, list_price price);";
        assertThat(lint("domain-check", setup, "ALTER DOMAIN price DROP CONSTRAINT price_positive;\n"
                + "ALTER DOMAIN price ADD CONSTRAINT price_positive CHECK (VALUE >= 1) NOT VALID;"))
                .as("a check changed").hasSize(1);
        assertThat(lint("domain-check", "CREATE DOMAIN code AS text;\nALTER DOMAIN code ADD CHECK (VALUE <> '');"))
                .as("created in this migration").isEmpty();
        assertThat(lint("domain-check", "ALTER DOMAIN public.unknown ADD CHECK (VALUE <> '');"))
                .as("unknown: not flagged").isEmpty();
    }

    @Test
    void enumValueWithoutPosition() throws Exception {
        String setup = "CREATE TYPE status AS ENUM ('active', 'archived');";
        assertThat(lint("enum-value-without-position", setup, "ALTER TYPE status ADD VALUE 'deleted';"))
                .as("alphabetical labels").isEmpty();
        assertThat(lint("enum-value-without-position", "ALTER TYPE unknown_enum ADD VALUE 'x';")).isEmpty();
        List<LintFinding> f = lint("enum-value-without-position", "CREATE TYPE size AS ENUM ('small', 'large');",
                "ALTER TYPE size ADD VALUE IF NOT EXISTS 'medium' BEFORE 'large';", "ALTER TYPE size ADD VALUE 'huge';");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).safeRewrite()).startsWith("ALTER TYPE size ADD VALUE 'huge' AFTER 'large';");
    }

    @Test
    void foreignKeyWithoutIndex() throws Exception {
        String setup = "CREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE TABLE orders (id bigint PRIMARY KEY, "
                + "customer_id bigint, region int);";
        List<LintFinding> f = lint("foreign-key-without-index", setup, "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk "
                + "FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).safeRewrite()).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx "
                + "ON orders (customer_id);");
        assertThat(lint("foreign-key-without-index", setup, "CREATE INDEX CONCURRENTLY o_idx ON orders (region, customer_id);",
                "ALTER TABLE orders ADD FOREIGN KEY (customer_id, region) REFERENCES customers (id, x) NOT VALID;"))
                .as("an index leading with both columns in another order").isEmpty();
        assertThat(lint("foreign-key-without-index", setup, "CREATE TABLE profiles (user_id bigint PRIMARY KEY "
                + "REFERENCES customers (id));")).as("the primary key is the index").isEmpty();
        assertThat(lint("foreign-key-without-index", setup, "ALTER TABLE orders ADD COLUMN agent_id bigint REFERENCES "
                + "customers;")).hasSize(1);
    }

    @Test
    void missingLockTimeout() throws Exception {
        String setup = "CREATE TABLE orders (id bigint PRIMARY KEY, placed_at timestamptz);";
        UnaryOperator<ShaleSettings.Builder> off = b -> b.lockTimeoutPerStatement(Duration.ZERO);
        List<LintFinding> f = lint("missing-lock-timeout", off, setup, "CREATE INDEX orders_placed_idx ON orders (placed_at);");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).lock()).isEqualTo("SHARE on public.orders");
        assertThat(lint("missing-lock-timeout", off, setup, "SET LOCAL lock_timeout TO '3s';\nALTER TABLE orders ADD COLUMN x int;"))
                .isEmpty();
        assertThat(lint("missing-lock-timeout", setup, "ALTER TABLE orders ADD COLUMN x int;"))
                .as("Shale's own lock_timeout").isEmpty();
        assertThat(lint("missing-lock-timeout", setup, "RESET lock_timeout;\nALTER TABLE orders ADD COLUMN x int;")).hasSize(1);
        assertThat(lint("missing-lock-timeout", off, "CREATE TABLE t (id int);\nCREATE INDEX t_idx ON t (id);")).isEmpty();
        assertThat(lint("missing-lock-timeout", off, setup, "CREATE INDEX CONCURRENTLY o_idx ON orders (placed_at);"))
                .as("SHARE UPDATE EXCLUSIVE").isEmpty();
    }

    @Test
    void nonTransactionalNotRerunnable() throws Exception {
        String setup = "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);";
        List<LintFinding> f = lint("non-transactional-not-rerunnable", setup,
                "-- db:no-transaction\nALTER TABLE orders ADD COLUMN note text;\nDROP INDEX CONCURRENTLY old_idx;\n"
                        + "ALTER TABLE orders ADD CONSTRAINT orders_note_check CHECK (note <> '') NOT VALID;\n"
                        + "ALTER TYPE mood ADD VALUE 'meh';\nVACUUM ANALYZE orders;");
        assertThat(f).hasSize(4);
        assertThat(f.get(0).safeRewrite()).isEqualTo("ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text;");
        assertThat(f.get(1).safeRewrite()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS old_idx;");
        assertThat(f.get(3).safeRewrite()).isEqualTo("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh';");
        assertThat(lint("non-transactional-not-rerunnable", setup, "ALTER TABLE orders ADD COLUMN note text;"))
                .as("transactional").isEmpty();
        assertThat(lint("non-transactional-not-rerunnable", setup, "-- db:no-transaction\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS o_idx ON orders (customer_id);\n"
                + "DROP INDEX CONCURRENTLY IF EXISTS old_idx;\nREINDEX INDEX CONCURRENTLY o_idx;")).isEmpty();
        assertThat(lint("non-transactional-not-rerunnable", setup,
                "CREATE INDEX CONCURRENTLY o_idx ON orders (customer_id);\nSET lock_timeout = '1s';"))
                .as("the last statement leaves nothing behind when it fails").isEmpty();
    }

    @Test
    void typeHygiene() throws Exception {
        String setup = "CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb, data text);";
        List<LintFinding> json = lint("type-json", setup, "ALTER TABLE events ADD COLUMN tags JSON[], ALTER COLUMN data TYPE json USING data::json;");
        assertThat(json).hasSize(2);
        assertThat(json.get(0).safeRewrite()).contains("ADD COLUMN tags jsonb[]");
        assertThat(lint("type-json", setup, "ALTER TABLE events ADD COLUMN note text DEFAULT 'json';")).isEmpty();

        List<LintFinding> ts = lint("type-timestamp-without-time-zone",
                "CREATE TABLE logs (at timestamp(3) without time zone, seen TIMESTAMP);");
        assertThat(ts).hasSize(2);
        assertThat(ts.get(0).safeRewrite()).contains("at timestamptz(3),");
        assertThat(lint("type-timestamp-without-time-zone",
                "CREATE TABLE logs (at timestamp with time zone, t time, d date);")).isEmpty();

        assertThat(lint("type-char", "CREATE TABLE c (code CHARACTER(3), flag char);")).hasSize(2);
        assertThat(lint("type-char", "CREATE TABLE c (code character varying(3), kind \"char\");")).isEmpty();

        List<LintFinding> key = lint("type-int-key", "CREATE TABLE a (id integer GENERATED ALWAYS AS IDENTITY, x int);\n"
                + "CREATE TABLE b (id int4, CONSTRAINT b_pk PRIMARY KEY (id));");
        assertThat(key).hasSize(2);
        assertThat(key.get(0).safeRewrite()).contains("id bigint GENERATED ALWAYS AS IDENTITY, x int");
        assertThat(lint("type-int-key", "CREATE TABLE m (a int, b int, PRIMARY KEY (a, b));\n"
                + "CREATE TABLE n (id bigserial PRIMARY KEY, count int);")).isEmpty();
    }

    @Test
    void nameTooLong() throws Exception {
        String long64 = "a".repeat(64);
        String accented = "é".repeat(32);
        List<LintFinding> f = lint("name-too-long", "CREATE TABLE t (" + long64 + " int, \"" + accented
                + "\" text, CONSTRAINT " + "c".repeat(70) + " CHECK (true));");
        assertThat(f).hasSize(3);
        assertThat(lint("name-too-long", "CREATE TABLE " + "t".repeat(63) + " (\"" + "é".repeat(31) + "x\" int);\n"
                + "ALTER TABLE " + "t".repeat(63) + " DROP CONSTRAINT " + "c".repeat(70) + ";")).isEmpty();
        assertThat(lint("name-too-long", "CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO " + long64 + ";"))
                .hasSize(1);
    }

    @Test
    void everyRulePageShowsItsExample() throws Exception {
        List<String> ids = List.of("domain-check", "drop-table", "drop-column", "drop-schema", "truncate", "rename-table",
                "rename-column", "drop-not-null", "enum-value-without-position", "foreign-key-without-index",
                "missing-lock-timeout", "non-transactional-not-rerunnable", "type-json",
                "type-timestamp-without-time-zone", "type-char", "type-int-key", "name-too-long");
        Path pages = Path.of("..", "src", "site", "markdown", "lint");
        for (String id : ids) {
            LintRule rule = LintRules.byId(id).orElseThrow();
            String page = Files.readString(pages.resolve(id + ".md"));
            assertThat(page).as(id).startsWith("# " + id + ": " + rule.name() + "\n")
                    .contains("## What it flags", "## Why it hurts", "## The safe way", "## Example", "## Suppressing it",
                            "-- db:lint-ignore " + id);
            rule.example().violating().forEach(sql -> assertThat(page).as(id).contains(sql));
            rule.example().compliant().forEach(sql -> assertThat(page).as(id).contains(sql));
        }
    }
}
