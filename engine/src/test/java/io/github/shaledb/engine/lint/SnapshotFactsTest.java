package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The facts a snapshot (written and read back as snapshot.json) gives the lint rules, from a real database. */
class SnapshotFactsTest {

    @Test
    void answersFromTheSnapshotOfARealDatabase() throws Exception {
        SchemaModel model;
        try (TestDatabase db = TestPostgres.newDatabase()) {
            db.execute("""
                    CREATE TYPE priority AS ENUM ('low', 'medium', 'high');
                    CREATE TYPE color AS ENUM ('blue', 'green');
                    CREATE DOMAIN price AS numeric(12,2);
                    CREATE DOMAIN unused_code AS text;
                    CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200), "Nick" text,
                        CONSTRAINT customers_email_not_null CHECK (email IS NOT NULL));
                    CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id),
                        placed_at timestamptz, total price, prio priority, note text,
                        CONSTRAINT orders_placed_unique UNIQUE (placed_at, id));
                    ALTER TABLE orders ADD CONSTRAINT orders_note_not_null CHECK (note IS NOT NULL) NOT VALID;
                    CREATE INDEX orders_prio_idx ON orders (prio, placed_at);
                    CREATE INDEX orders_customer_partial_idx ON orders (customer_id) WHERE note IS NULL;
                    """);
            try (Connection c = db.connect()) {
                model = Introspector.introspect(c, List.of());
            }
        }
        String json = SnapshotJson.write(SchemaSnapshot.of(model, null));
        SchemaFacts facts = new SnapshotFacts(SnapshotJson.read(Path.of("snapshot.json"), json).model());

        assertThat(facts.exists("public.orders")).isTrue();
        assertThat(facts.exists("public.orders_prio_idx")).isTrue();
        assertThat(facts.exists("public.customers_pkey")).isTrue();
        assertThat(facts.exists("public.invoices")).isFalse();
        assertThat(facts.exists("elsewhere.invoices")).as("a schema the snapshot does not manage").isNull();

        assertThat(facts.columnType("public.customers", "email")).isEqualTo("character varying(200)");
        assertThat(facts.columnType("public.customers", "Nick")).isEqualTo("text");
        assertThat(facts.columnType("public.orders", "total")).isEqualTo("public.price");
        assertThat(facts.columnType("public.customers", "missing")).isNull();

        assertThat(facts.hasIndexLeadingWith("public.orders", List.of("prio"))).isTrue();
        assertThat(facts.hasIndexLeadingWith("public.orders", List.of("placed_at", "prio"))).isTrue();
        assertThat(facts.hasIndexLeadingWith("public.orders", List.of("placed_at"))).as("unique constraint").isTrue();
        assertThat(facts.hasIndexLeadingWith("public.orders", List.of("customer_id")))
                .as("only a partial index").isFalse();
        assertThat(facts.hasIndexLeadingWith("public.invoices", List.of("id"))).isNull();

        assertThat(facts.hasValidatedNotNullCheck("public.customers", "email")).isTrue();
        assertThat(facts.hasValidatedNotNullCheck("public.orders", "note")).as("NOT VALID").isFalse();
        assertThat(facts.hasValidatedNotNullCheck("public.orders", "placed_at")).isFalse();
        assertThat(facts.hasValidatedNotNullCheck("public.orders", "id")).as("NOT NULL already").isTrue();

        assertThat(facts.enumLabels("public.priority")).containsExactly("low", "medium", "high");
        assertThat(facts.enumLabels("public.price")).isNull();
        assertThat(facts.enumSorted("public.priority")).isTrue();
        assertThat(facts.enumSorted("public.color")).isFalse();

        assertThat(facts.tableOfIndex("public.orders_prio_idx")).isEqualTo("public.orders");
        assertThat(facts.tableOfIndex("public.orders_placed_unique")).isEqualTo("public.orders");
        assertThat(facts.tableOfIndex("public.nope_idx")).isNull();

        assertThat(facts.domainInUse("public.price")).isTrue();
        assertThat(facts.domainInUse("public.unused_code")).isFalse();
    }
}
