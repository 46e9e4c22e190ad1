package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema facts the rules ask, answered from the catalogs of a database that holds the schema. */
@ExtendWith(TestPostgres.class)
class ConnectionFactsTest {

    @Test
    void answersFromTheCatalogs(TestDatabase db) throws Exception {
        db.execute("""
                create schema app;
                create type mood as enum ('sad', 'ok', 'happy');
                create type color as enum ('red', 'green');
                create domain positive as int check (value > 0);
                create domain unused as text;
                create table customers (id bigint primary key, email varchar(200), region text, mood mood);
                create table app.orders (id int, customer_id bigint, region text, amount positive, note text,
                    constraint email_check check (note is not null));
                create index orders_customer on app.orders (customer_id, region);
                create index orders_expr on app.orders (lower(note), id);
                create index orders_partial on app.orders (note) where note is not null;
                create index customers_mood on customers (mood);
                alter table customers add constraint customers_email_not_null check (email is not null);
                alter table customers add constraint customers_region_not_null check (region is not null) not valid;
                """);
        try (Connection c = db.connect()) {
            SchemaFacts facts = new ConnectionFacts(c);
            assertThat(facts.exists("public.customers")).isTrue();
            assertThat(facts.exists("customers")).isTrue();
            assertThat(facts.exists("app.orders")).isTrue();
            assertThat(facts.exists("public.orders")).isFalse();
            assertThat(facts.exists("app.orders_customer")).isTrue();
            assertThat(facts.tableOfIndex("app.orders_customer")).isEqualTo("app.orders");
            assertThat(facts.tableOfIndex("public.customers_pkey")).isEqualTo("public.customers");
            assertThat(facts.tableOfIndex("public.customers")).isNull();

            assertThat(facts.columnType("public.customers", "email")).isEqualTo("character varying(200)");
            assertThat(facts.columnType("app.orders", "amount")).isEqualTo("positive");
            assertThat(facts.columnType("public.customers", "missing")).isNull();

            // Leading columns in any order; INCLUDE-less, valid, non-partial indexes; an expression is no column.
            assertThat(facts.hasIndexLeadingWith("app.orders", List.of("customer_id"))).isTrue();
            assertThat(facts.hasIndexLeadingWith("app.orders", List.of("region", "customer_id"))).isTrue();
            assertThat(facts.hasIndexLeadingWith("app.orders", List.of("region"))).isFalse();
            assertThat(facts.hasIndexLeadingWith("app.orders", List.of("id"))).isFalse();
            assertThat(facts.hasIndexLeadingWith("app.orders", List.of("note"))).isFalse();
            assertThat(facts.hasIndexLeadingWith("public.customers", List.of("id"))).isTrue();

            assertThat(facts.hasValidatedNotNullCheck("public.customers", "email")).isTrue();
            assertThat(facts.hasValidatedNotNullCheck("public.customers", "region")).isFalse();
            assertThat(facts.hasValidatedNotNullCheck("public.customers", "id")).isFalse();

            assertThat(facts.enumLabels("public.mood")).containsExactly("sad", "ok", "happy");
            assertThat(facts.enumSorted("public.mood")).isTrue();
            assertThat(facts.enumSorted("public.color")).isFalse();
            assertThat(facts.enumLabels("public.positive")).isNull();

            assertThat(facts.domainInUse("public.positive")).isTrue();
            assertThat(facts.domainInUse("public.unused")).isFalse();
            assertThat(facts.domainInUse("public.mood")).isNull();
        }
    }

    @Test
    void anEnumValueAddedBeforeAnotherIsInItsSortedPlace(TestDatabase db) throws Exception {
        db.execute("""
                create type status as enum ('new', 'done');
                alter type status add value 'running' before 'done';
                """);
        try (Connection c = db.connect()) {
            assertThat(new ConnectionFacts(c).enumLabels("status")).containsExactly("new", "running", "done");
        }
    }
}
