package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Estimated rows and total size of every table, partitioned table and materialized view. */
@ExtendWith(TestPostgres.class)
class TableSizesTest {

    @Test
    void readsEstimatesAndSizesOfEveryTable(TestDatabase db) throws Exception {
        db.execute("""
                create table big (id int primary key, payload text);
                insert into big select g, repeat('x', 100) from generate_series(1, 5000) g;
                analyze big;
                create table never_analysed (id int);
                create table events (id int, at date) partition by range (at);
                create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
                create table events_2025 partition of events for values from ('2025-01-01') to ('2026-01-01');
                insert into events select g, date '2024-06-01' + (g % 200) from generate_series(1, 1000) g;
                analyze events_2024;
                create materialized view big_ids as select id from big;
                create view big_view as select id from big;
                """);
        try (Connection c = db.connect()) {
            Map<String, TableSize> sizes = TableSizes.read(c);
            assertThat(sizes).containsOnlyKeys("public.big", "public.never_analysed", "public.events",
                    "public.events_2024", "public.events_2025", "public.big_ids");
            assertThat(sizes.get("public.big").rows()).isEqualTo(5000);
            // heap, TOAST and the primary key's index: more than 5000 rows of 100 bytes
            assertThat(sizes.get("public.big").bytes()).isGreaterThan(500_000);
            assertThat(sizes.get("public.never_analysed").rows()).isEqualTo(-1);
            assertThat(sizes.get("public.never_analysed").bytes()).isZero();
            // the parent counts the partition that was analysed; the empty one never analysed is unknown, not zero
            long analysed = sizes.get("public.events_2024").rows();
            assertThat(analysed).isGreaterThan(0);
            assertThat(sizes.get("public.events_2025").rows()).isEqualTo(-1);
            assertThat(sizes.get("public.events").rows()).isEqualTo(analysed);
            assertThat(sizes.get("public.events").bytes())
                    .isEqualTo(sizes.get("public.events_2024").bytes() + sizes.get("public.events_2025").bytes());
        }
    }
}
