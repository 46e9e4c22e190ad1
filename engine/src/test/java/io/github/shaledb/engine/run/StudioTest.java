package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.LockSession;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.Studio;
import io.github.shaledb.engine.api.StudioEdit;
import io.github.shaledb.engine.api.StudioMigrations;
import io.github.shaledb.engine.api.StudioNextChange;
import io.github.shaledb.engine.api.StudioQueryResult;
import io.github.shaledb.engine.api.StudioRequestException;
import io.github.shaledb.engine.api.StudioRows;
import io.github.shaledb.engine.api.StudioRows.Filter;
import io.github.shaledb.engine.api.StudioRows.Operator;
import io.github.shaledb.engine.api.StudioSchema;
import io.github.shaledb.engine.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** db:studio's queries against a real database: what each page would show, and what a read-only studio refuses. */
class StudioTest extends SchemaTestBase {
    private static final String SHOP = """
            create type status as enum ('new', 'paid');
            create table customers (id bigint generated always as identity primary key, name text not null, email text);
            create table orders (id serial primary key, customer_id bigint not null references customers (id) on delete cascade,
                status status not null default 'new', total numeric(10, 2), note text);
            create index orders_customer on orders (customer_id);
            create table audit (at timestamptz default now(), what text);
            create view paid_orders as select id, total from orders where status = 'paid';
            create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
            create trigger orders_touch before update on orders for each row execute function touch();
            alter table orders enable row level security;
            create policy own_orders on orders using (customer_id > 0);
            create operator === (leftarg = int, rightarg = int, function = int4eq);
            create table events (at date not null, what text) partition by range (at);
            create table events_2026 partition of events for values from ('2026-01-01') to ('2027-01-01');
            insert into customers (name, email) select 'customer ' || i, case when i % 3 = 0 then null else 'c' || i || '@example.com' end
              from generate_series(1, 30) i;
            insert into orders (customer_id, total, note) select 1 + i % 30, i * 1.5, 'it''s order ' || i from generate_series(1, 120) i;
            analyze;
            """;

    @Test
    void theSchemaPageShowsEveryModelledKindWithSizesAndReferences(TestDatabase db) throws Exception {
        db.execute(SHOP);
        try (Studio studio = shale.studio(settings(db).build(), null)) {
            assertThat(studio.description()).startsWith("postgres://" + db.user() + "@" + db.host() + ":" + db.port() + "/"
                    + db.name() + " (PostgreSQL ");
            assertThat(studio.access()).isEqualTo(Studio.Access.READ_ONLY);
            StudioSchema schema = studio.schema();

            assertThat(schema.schemas()).containsExactly("public");
            assertThat(schema.relations()).extracting(r -> r.name() + " " + r.kind())
                    .containsExactly("audit table", "customers table", "events partitioned table", "events_2026 partition",
                            "orders table", "paid_orders view");
            assertThat(schema.relations().get(3).definition()).as("a partition's SQL, its parent taken as there")
                    .startsWith("CREATE TABLE public.events_2026 PARTITION OF public.events").doesNotContain("could not");
            StudioSchema.Relation orders = schema.relations().get(4);
            assertThat(orders.columns()).extracting(c -> c.name() + " " + c.type() + (c.notNull() ? " not null" : ""))
                    .containsExactly("id integer not null", "customer_id bigint not null", "status public.status not null",
                            "total numeric(10,2)", "note text");
            assertThat(orders.estimatedRows()).isEqualTo(120);
            assertThat(orders.bytes()).isPositive();
            assertThat(orders.indexes()).extracting(i -> i.name() + " " + i.valid() + " " + (i.bytes() > 0))
                    .containsExactly("orders_customer true true", "orders_pkey true true");
            StudioSchema.Constraint fk = orders.constraints().stream().filter(c -> c.type().equals("FOREIGN KEY")).findFirst().orElseThrow();
            assertThat(fk.references()).isEqualTo(new StudioSchema.Reference("public", "customers", List.of("id")));
            assertThat(orders.definition()).contains("CREATE TABLE public.orders (");
            assertThat(schema.relations().get(1).columns().get(0).identity()).isEqualTo("ALWAYS");
            assertThat(schema.relations()).allSatisfy(r -> assertThat(r.definition()).doesNotContain("could not"));
            assertThat(schema.objects()).allSatisfy(o -> assertThat(o.definition()).doesNotContain("could not"));
            assertThat(schema.objects()).extracting(i -> i.kind() + " " + i.name())
                    .contains("enum status", "function touch()", "trigger orders_touch", "policy own_orders",
                            "row-level security orders", "schema public");
            assertThat(schema.unmanaged()).containsExactly("operator public.=== (integer, integer)");
            assertThat(schema.objects()).filteredOn(i -> i.kind().equals("function")).first()
                    .satisfies(f -> assertThat(f.definition()).contains("CREATE OR REPLACE FUNCTION public.touch()"));
        }
        try (Studio studio = shale.studio(settings(db).ignore(List.of("operator:public.===")).build(), null)) {
            assertThat(studio.schema().unmanaged()).as("listed in db.ignore").isEmpty();
        }
    }

    @Test
    void rowsArePagedSortedFilteredAndCounted(TestDatabase db) throws Exception {
        db.execute(SHOP);
        try (Studio studio = shale.studio(settings(db).build(), Studio.Access.READ_ONLY)) {
            StudioRows page = studio.rows(new StudioRows.Query("public", "orders", 10, 5, "total", true, List.of()));
            assertThat(page.total()).isEqualTo(120);
            assertThat(page.estimated()).isFalse();
            assertThat(page.key()).containsExactly("id");
            assertThat(page.rows()).extracting(r -> r.get(0)).containsExactly("110", "109", "108", "107", "106");
            assertThat(page.columns().get(1).references()).isEqualTo(new StudioRows.Reference("public", "customers", "id"));

            StudioRows filtered = studio.rows(new StudioRows.Query("public", "orders", 0, 50, null, false,
                    List.of(new Filter("customer_id", Operator.EQUALS, "7"), new Filter("note", Operator.CONTAINS, "'S ORDER 3"))));
            assertThat(filtered.rows()).extracting(r -> r.get(0)).containsExactly("36");
            assertThat(filtered.total()).isEqualTo(1);

            StudioRows noEmail = studio.rows(new StudioRows.Query("public", "customers", 0, 100, null, false,
                    List.of(new Filter("email", Operator.IS_NULL, null))));
            assertThat(noEmail.total()).isEqualTo(10);

            StudioRows likeLiteral = studio.rows(new StudioRows.Query("public", "customers", 0, 100, null, false,
                    List.of(new Filter("name", Operator.CONTAINS, "%"))));
            assertThat(likeLiteral.total()).as("a % in a filter is a character, not a wildcard").isZero();

            assertThatThrownBy(() -> studio.rows(new StudioRows.Query("public", "orders", 0, 5, null, false,
                    List.of(new Filter("customer_id", Operator.GREATER, "seven")))))
                    .isInstanceOf(StudioRequestException.class)
                    .hasMessageContaining("invalid input syntax for type bigint: \"seven\"");
            assertThatThrownBy(() -> studio.rows(new StudioRows.Query("public", "orders", 0, 5, "price", false, List.of())))
                    .isInstanceOf(StudioRequestException.class)
                    .hasMessage("public.orders has no column price.")
                    .satisfies(e -> assertThat(((StudioRequestException) e).fix())
                            .isEqualTo("pick one of: id, customer_id, status, total, note"));
            assertThatThrownBy(() -> studio.rows(new StudioRows.Query("public", "orders\"; drop table orders; --", 0, 5, null,
                    false, List.of()))).hasMessageStartingWith("There is no table or view public.orders\"; drop table");
            assertThat(db.tables()).contains("public.orders");
        }
    }

    @Test
    void aBigTableIsCountedByTheEstimate(TestDatabase db) throws Exception {
        db.execute("create table big (id int primary key); insert into big select generate_series(1, 100000); analyze big;");
        try (Studio studio = shale.studio(settings(db).build(), null)) {
            StudioRows all = studio.rows(new StudioRows.Query("public", "big", 0, 10, null, true, List.of()));
            assertThat(all.estimated()).isTrue();
            assertThat(all.total()).isEqualTo(100000);
            assertThat(all.rows()).extracting(r -> r.get(0)).startsWith("100000", "99999");

            StudioRows some = studio.rows(new StudioRows.Query("public", "big", 0, 10, null, false,
                    List.of(new Filter("id", Operator.LESS_OR_EQUAL, "500"))));
            assertThat(some.estimated()).isTrue();
            assertThat(some.total()).as("the planner's estimate from EXPLAIN").isBetween(100L, 2000L);
            assertThat(some.rows()).hasSize(10);
        }
    }

    @Test
    void aReadOnlyStudioRefusesEveryChange(TestDatabase db) throws Exception {
        db.execute(SHOP);
        try (Studio studio = shale.studio(settings(db).build(), Studio.Access.READ_ONLY)) {
            StudioQueryResult select = studio.query("select name, email from customers where id <= 2 order by id");
            assertThat(select.columns()).containsExactly("name", "email");
            assertThat(select.rows()).containsExactly(List.of("customer 1", "c1@example.com"), List.of("customer 2", "c2@example.com"));
            assertThat(select.readOnly()).isTrue();
            assertThat(select.command()).isEqualTo("SELECT");
            assertThat(studio.query("-- how many?\nselect count(*) from orders").command()).as("a comment first").isEqualTo("SELECT");
            assertThat(studio.query("select * from generate_series(1, 1500)").truncated()).isTrue();

            assertThatThrownBy(() -> studio.query("delete from orders"))
                    .isInstanceOf(StudioRequestException.class).hasMessageContaining("read-only transaction");
            assertThatThrownBy(() -> studio.query("set transaction read write"))
                    .isInstanceOf(StudioRequestException.class).hasMessageContaining("read-write mode must be set before any query");
            assertThatThrownBy(() -> studio.query("commit"))
                    .hasMessageStartingWith("The SQL box runs each statement in a transaction of its own");
            assertThatThrownBy(() -> studio.query("select 1; delete from orders"))
                    .hasMessage("The SQL box runs one statement at a time; this text holds 2 (the second starts on line 1).");
            Map<String, String> key = Map.of("id", "5");
            StudioEdit preview = studio.edit(new StudioEdit.Request(StudioEdit.Operation.DELETE, "public", "orders", key, null), false);
            assertThat(preview.sql()).isEqualTo("delete from \"public\".\"orders\" where \"id\" = '5';");
            assertThatThrownBy(() -> studio.edit(new StudioEdit.Request(StudioEdit.Operation.DELETE, "public", "orders", key, null), true))
                    .hasMessage("The studio is read-only, so the change was not made.");
            assertThat(db.queryStrings("select count(*) from orders")).containsExactly("120");
        }
    }

    @Test
    void aWritableStudioAppliesTheSqlItShows(TestDatabase db) throws Exception {
        db.execute(SHOP);
        try (Studio studio = shale.studio(settings(db).build(), Studio.Access.READ_WRITE)) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("note", "O'Brien's order");
            values.put("total", null);
            StudioEdit update = studio.edit(new StudioEdit.Request(StudioEdit.Operation.UPDATE, "public", "orders",
                    Map.of("id", "7"), values), true);
            assertThat(update.sql()).isEqualTo("update \"public\".\"orders\" set \"note\" = 'O''Brien''s order', \"total\" = NULL"
                    + " where \"id\" = '7';");
            assertThat(update.applied()).isTrue();
            assertThat(db.queryStrings("select note || ' ' || coalesce(total::text, 'null') from orders where id = 7"))
                    .containsExactly("O'Brien's order null");

            StudioEdit insert = studio.edit(new StudioEdit.Request(StudioEdit.Operation.INSERT, "public", "customers", null,
                    Map.of("name", "new one")), true);
            assertThat(insert.sql()).isEqualTo("insert into \"public\".\"customers\" (\"name\") values ('new one');");
            assertThat(db.queryStrings("select count(*) from customers")).containsExactly("31");

            assertThatThrownBy(() -> studio.edit(new StudioEdit.Request(StudioEdit.Operation.DELETE, "public", "orders",
                    Map.of("id", "999"), null), true))
                    .hasMessageStartingWith("The change would have touched 0 rows, not one, so it was rolled back");
            assertThatThrownBy(() -> studio.edit(new StudioEdit.Request(StudioEdit.Operation.DELETE, "public", "audit",
                    Map.of("what", "x"), null), true))
                    .hasMessageStartingWith("public.audit has no primary key or unique key of NOT NULL columns");
            assertThatThrownBy(() -> studio.edit(new StudioEdit.Request(StudioEdit.Operation.DELETE, "public", "paid_orders",
                    Map.of("id", "1"), null), true))
                    .hasMessage("public.paid_orders is a view; the studio changes rows of tables only.");

            assertThat(studio.query("update orders set note = 'bulk' where id <= 3").updateCount()).isEqualTo(3);
            assertThat(db.queryStrings("select count(*) from orders where note = 'bulk'")).containsExactly("3");
        }
    }

    @Test
    void theMigrationsPageShowsStatusScriptsAndTheLock(TestDatabase db) throws Exception {
        MigrationsFolder f = folder();
        f.add("first", "create table a (id int);", "drop table a;");
        shale.migrate(settings(db).build());
        f.add("second", "create table b (id int);", "drop table b;");
        try (Studio studio = shale.studio(settings(db).build(), null);
             Connection holder = db.connect(); Statement s = holder.createStatement()) {
            StudioMigrations before = studio.migrations();
            assertThat(before.status().rows()).extracting(r -> r.tag() + " " + r.state())
                    .containsExactly("0000_first APPLIED", "0001_second PENDING");
            assertThat(before.scripts()).extracting(StudioMigrations.Script::down).containsExactly("drop table a;", "drop table b;");
            assertThat(before.scripts().get(1).up()).contains("create table b");
            assertThat(before.lock()).isEmpty();

            s.execute("select pg_advisory_lock(" + before.lockKey() + ")");
            assertThat(studio.migrations().lock()).singleElement().satisfies(l -> {
                assertThat(l.granted()).isTrue();
                assertThat(l.query()).contains("pg_advisory_lock");
            });
            assertThat(before.status().count(StatusResult.State.PENDING)).isEqualTo(1);
        }
    }

    @Test
    void theNextChangeIsWhatPushAndGenerateWouldDo(TestDatabase db) throws Exception {
        MigrationsFolder f = folder();
        add(f, "init", "create table t (id int primary key, gone text);", "drop table t;");
        shale.migrate(settings(db).build());
        try (Studio studio = shale.studio(shadowSettings(db).build(), null)) {
            assertThat(studio.nextChange().unavailable()).startsWith("There are no schema files in src/main/db/schema (db.schemaDir)");

            schemaFile("tables.sql", "create table t (id int primary key, added text);"
                    + " create operator === (leftarg = int, rightarg = int, function = int4eq);");
            StudioNextChange next = studio.nextChange();
            assertThat(next.unavailable()).isNull();
            assertThat(next.generateBase()).isEqualTo("0000_init");
            assertThat(next.push()).extracting(StudioNextChange.Step::object).containsOnly("TABLE public.t");
            assertThat(next.push()).filteredOn(StudioNextChange.Step::losesData).singleElement()
                    .satisfies(step -> assertThat(step.sql()).contains("DROP COLUMN gone"));
            assertThat(next.generate()).extracting(StudioNextChange.Step::sql).isEqualTo(next.push().stream()
                    .map(StudioNextChange.Step::sql).toList());
            assertThat(next.undecided()).containsExactly("t.gone:added");
            assertThat(next.unmanaged()).containsExactly("operator public.=== (integer, integer)");
        }
        assertThat(db.queryStrings("select count(*) from information_schema.columns where table_name = 't'")).containsExactly("2");
    }
}
