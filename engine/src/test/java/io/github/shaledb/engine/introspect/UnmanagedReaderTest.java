package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

@ExtendWith(TestPostgres.class)
class UnmanagedReaderTest {

    private static List<String> read(TestDatabase db, String... schemas) throws Exception {
        try (Connection c = db.connect()) {
            return UnmanagedReader.read(c, List.of(schemas)).stream().map(UnmanagedObject::describe).toList();
        }
    }

    /** One of each kind Shale does not manage, beside managed objects that must not be named. */
    private static final String EVERY_KIND = """
            create table parent (id int, a text);
            create table child (b int) inherits (parent);
            create type pair as (x int, y int);
            create table typed of pair;
            create function eq3(int, int) returns boolean language sql immutable as 'select $1 = $2';
            create operator === (leftarg = int, rightarg = int, function = eq3);
            create operator family fam using btree;
            create function cmp3(int, int) returns int language sql immutable
                as 'select case when $1 < $2 then -1 when $1 > $2 then 1 else 0 end';
            create operator class int_ops for type int using btree family fam
                as operator 1 <, operator 3 =, function 1 cmp3(int, int);
            create operator class own_family_ops for type int using hash as operator 1 =, function 1 hashint4(int);
            create type mood as enum ('ok', 'sad');
            create function mood_of(text) returns mood language sql immutable as 'select $1::mood';
            create cast (text as mood) with function mood_of(text);
            create cast (mood as int) with inout;
            create text search configuration cfg (copy = pg_catalog.english);
            create text search dictionary dict (template = pg_catalog.simple);
            create text search template tmpl (lexize = dsimple_lexize);
            create text search parser prs (start = prsd_start, gettoken = prsd_nexttoken, end = prsd_end,
                lextypes = prsd_lextype);
            create conversion conv for 'LATIN1' to 'UTF8' from iso8859_1_to_utf8;
            create statistics st on id, a from parent;
            create table ruled (id int);
            create rule skip_inserts as on insert to ruled do instead nothing;
            create view v as select 1 as x;
            create materialized view mv as select 1 as x;
            create access method am2 type table handler heap_tableam_handler;
            create table in_am (id int) using am2;
            create table features (id serial primary key, note text);
            alter table features replica identity full;
            alter table features alter column note set storage external;
            alter table features alter column note set statistics 500;
            alter table features alter column note set compression pglz;
            alter table features alter column note set (n_distinct = 5);
            create index features_note on features (note);
            alter table features cluster on features_note;
            create type shell;
            create foreign data wrapper fdw;
            create server srv foreign data wrapper fdw;
            create user mapping for public server srv;
            create foreign table remote (id int) server srv;
            create publication pub for table parent;
            create function from_pair(internal) returns internal language internal strict immutable as 'int4recv';
            create transform for pair language plpgsql (from sql with function from_pair(internal));
            create language lang handler plpgsql_call_handler;
            create table part (id int) partition by range (id);
            create table part_1 partition of part for values from (1) to (10);
            """;

    @Test
    void namesEveryObjectShaleDoesNotManageAndNothingItManages(TestDatabase db) throws Exception {
        db.execute(EVERY_KIND);

        assertThat(read(db, "public")).containsExactly(
                "access method am2 TYPE TABLE",
                "base type public.shell (shell)",
                "cast (public.mood AS integer) WITH INOUT",
                "cast (text AS public.mood) WITH FUNCTION public.mood_of(text)",
                "clustering public.features ON features_note",
                "column compression public.features.note pglz",
                "column options public.features.note (n_distinct=5)",
                "column statistics target public.features.note 500",
                "column storage public.features.note EXTERNAL",
                "conversion public.conv FOR 'LATIN1' TO 'UTF8'",
                "foreign-data wrapper fdw",
                "foreign server srv FOREIGN DATA WRAPPER fdw",
                "foreign table public.remote SERVER srv",
                "language lang",
                "operator public.=== (integer, integer)",
                // A class made without FAMILY gets a family of its name, which the class stands for.
                "operator class public.int_ops FOR TYPE integer USING btree",
                "operator class public.own_family_ops FOR TYPE integer USING hash",
                "operator family public.fam USING btree",
                "publication pub",
                "replica identity public.features REPLICA IDENTITY FULL",
                "rule public.ruled.skip_inserts ON INSERT DO INSTEAD",
                "statistics object public.st ON public.parent",
                "table access method public.in_am USING am2",
                "table inheritance public.child INHERITS (public.parent)",
                "text search configuration public.cfg (PARSER = pg_catalog.default)",
                "text search dictionary public.dict (TEMPLATE = pg_catalog.simple)",
                "text search parser public.prs",
                "text search template public.tmpl",
                "transform FOR public.pair LANGUAGE plpgsql",
                "typed table public.typed OF public.pair",
                "user mapping FOR public SERVER srv");
    }

    @Test
    void readsOnlyTheManagedSchemasButDatabaseWideObjectsAlways(TestDatabase db) throws Exception {
        db.execute("""
                create schema app; create schema other;
                create function app.eq3(int, int) returns boolean language sql immutable as 'select $1 = $2';
                create operator app.=== (leftarg = int, rightarg = int, function = app.eq3);
                create operator other.=== (leftarg = int, rightarg = int, function = app.eq3);
                create type other.mood as enum ('ok');
                create cast (int as other.mood) with inout;
                create publication pub;
                """);

        assertThat(read(db, "app")).containsExactly("operator app.=== (integer, integer)", "publication pub");
        assertThat(read(db, "other")).containsExactly("cast (integer AS other.mood) WITH INOUT",
                "operator other.=== (integer, integer)", "publication pub");
        assertThat(read(db)).as("every user schema").containsExactly("cast (integer AS other.mood) WITH INOUT",
                "operator app.=== (integer, integer)", "operator other.=== (integer, integer)", "publication pub");
    }

    @Test
    void membersOfAnExtensionAreNotNamed(TestDatabase db) throws Exception {
        List<String> available = db.queryStrings("select name from pg_available_extensions"
                + " where name in ('citext', 'postgres_fdw') order by name");
        assumeThat(available).as("citext (operators, casts, operator classes) and postgres_fdw (a wrapper)")
                .containsExactly("citext", "postgres_fdw");
        db.execute("""
                create extension citext; create extension postgres_fdw;
                create function eq3(int, int) returns boolean language sql immutable as 'select $1 = $2';
                create operator === (leftarg = int, rightarg = int, function = eq3);
                alter extension citext add operator === (int, int);
                create server remote foreign data wrapper postgres_fdw;
                create table emails (address citext);
                """);

        assertThat(read(db, "public")).containsExactly("foreign server remote FOREIGN DATA WRAPPER postgres_fdw");
    }

    @Test
    void aRelationInATablespaceIsNamed(TestDatabase db) throws Exception {
        assumeThat(db.queryStrings("select current_setting('server_version_num')::int >= 150000"
                + " and (select rolsuper from pg_roles where rolname = current_user)")).as("in-place tablespaces")
                .containsExactly("true");
        String tablespace = "shale_unmanaged_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        // Tablespaces belong to the server, not the test's database: dropped here, once empty.
        db.execute("set allow_in_place_tablespaces = true; create tablespace " + tablespace + " location ''");
        try {
            db.execute("create table placed (id int) tablespace " + tablespace + ";"
                    + " create index placed_id on placed (id) tablespace " + tablespace + ";"
                    + " create table elsewhere (id int) tablespace pg_default;");

            assertThat(read(db, "public")).containsExactly("tablespace public.placed TABLESPACE " + tablespace,
                    "tablespace public.placed_id TABLESPACE " + tablespace);
        } finally {
            db.execute("drop table if exists placed; drop tablespace " + tablespace);
        }
    }

    @Test
    void aSubscriptionOfTheDatabaseIsNamed(TestDatabase db) throws Exception {
        assumeThat(db.queryStrings("select rolsuper from pg_roles where rolname = current_user")).containsExactly("true");
        db.execute("create subscription feed connection 'dbname=nowhere' publication orders, users"
                + " with (connect = false, slot_name = none)");
        try {
            assertThat(read(db, "public")).containsExactly("subscription feed PUBLICATION orders, users");
        } finally {
            // A database with a subscription cannot be dropped.
            db.execute("drop subscription feed");
        }
    }

    @Test
    void theNumberOfQueriesDoesNotGrowWithTheNumberOfObjects(TestDatabase one, TestDatabase twenty) throws Exception {
        one.execute(objects(1));
        twenty.execute(objects(20));

        CountingConnection.Counted<List<UnmanagedObject>> forOne =
                CountingConnection.count(one, c -> UnmanagedReader.read(c, List.of("public")));
        CountingConnection.Counted<List<UnmanagedObject>> forTwenty =
                CountingConnection.count(twenty, c -> UnmanagedReader.read(c, List.of("public")));

        assertThat(forOne.value()).hasSize(6);
        assertThat(forTwenty.value()).hasSize(6 * 20);
        assertThat(forOne.queries()).as("one query, plus setting the search path").isEqualTo(2);
        assertThat(forTwenty.queries()).isEqualTo(forOne.queries());
    }

    private static String objects(int count) {
        StringBuilder sql = new StringBuilder("create function eq3(int, int) returns boolean language sql immutable"
                + " as 'select $1 = $2'; create table parent (id int);");
        for (int i = 0; i < count; i++) {
            sql.append("create operator ===").append("=".repeat(i)).append(" (leftarg = int, rightarg = int, function = eq3);")
                    .append("create table t").append(i).append(" (id int, note text) inherits (parent);")
                    .append("create rule r").append(i).append(" as on delete to t").append(i).append(" do instead nothing;")
                    .append("alter table t").append(i).append(" alter column note set storage main;")
                    .append("create statistics s").append(i).append(" on id, note from t").append(i).append(";")
                    .append("create text search configuration c").append(i).append(" (copy = pg_catalog.simple);");
        }
        return sql.toString();
    }
}
