package io.github.shaledb.engine.diff;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;

import static io.github.shaledb.engine.diff.DiffCases.COUNT_T;
import static io.github.shaledb.engine.diff.DiffCases.SEED_T;
import static io.github.shaledb.engine.diff.DiffCases.add;

/** Change cases of functions, procedures and aggregates, and of what uses them (see {@link DiffCases}). */
final class RoutineCases {
    private RoutineCases() {
    }

    private static final String T = "create table t (id int primary key, a text, b int);\n";

    private static final String ADD = "create function add(x int, y int) returns int language sql immutable"
            + " as $$ select x + y $$;\n";
    private static final String SLUG = "create function slug(s text) returns text language sql immutable strict"
            + " as $$ select lower(regexp_replace(s, '[^a-zA-Z0-9]+', '-', 'g')) $$;\n";
    private static final String SLUG_V2 = SLUG.replace("'-'", "'_'");
    private static final String SLUG_VARCHAR = SLUG.replace("returns text", "returns varchar");

    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        add(all, "create function", "", ADD);
        add(all, "drop function", ADD, "");
        add(all, "function body changed", ADD, ADD.replace("x + y", "y + x"));
        add(all, "function attributes changed", ADD, "create function add(x int, y int) returns int language sql"
                + " stable strict security definer parallel safe cost 5 leakproof set search_path = public, pg_temp"
                + " as $$ select x + y $$;\n");
        add(all, "function overload added", ADD, ADD + ADD.replace("x int, y int", "x bigint, y bigint").replace("returns int", "returns bigint"));
        add(all, "function overload dropped", ADD + ADD.replace("x int, y int", "x text, y text").replace("returns int", "returns text")
                .replace("x + y", "x || y"), ADD);
        add(all, "function return type changed", ADD, ADD.replace("returns int", "returns bigint"));
        add(all, "function argument renamed", ADD, ADD.replace("x int, y int", "a int, y int").replace("x + y", "a + y"));
        add(all, "function default added and removed", ADD, ADD.replace("y int", "y int default 1"));
        add(all, "function default removed", ADD.replace("y int", "y int default 1"), ADD);
        add(all, "function with out parameters and variadic", "", "create function stats(variadic xs int[], out lo int, out hi int)"
                + " language sql as $$ select min(x), max(x) from unnest(xs) x $$;\n"
                + "create function pairs(n int) returns table(i int, sq int) language sql as $$ select g, g * g from"
                + " generate_series(1, n) g $$;\n");
        add(all, "plpgsql function", "", "create function bump(n int) returns int language plpgsql as $$\n"
                + "declare r int;\nbegin\n  r := n + 1; -- a comment; with a semicolon\n  return r;\nend;\n$$;\n");
        add(all, "function to procedure", ADD, "create procedure add(x int, y int) language sql as $$ select x + y $$;\n");
        add(all, "procedure created and changed", "create procedure note(msg text) language plpgsql as $$ begin raise"
                + " notice '%', msg; end $$;\n", "create procedure note(msg text, loud boolean default false) language"
                + " plpgsql as $$ begin if loud then raise warning '%', msg; else raise notice '%', msg; end if; end $$;\n");
        add(all, "sql-standard function bodies", T, T + "create function t_count() returns bigint language sql stable"
                + " begin atomic select count(*) from t; end;\n"
                + "create function twice(n int) returns int language sql immutable return n * 2;\n");
        add(all, "sql-standard function over a new table", "", T + "create function t_count() returns bigint language sql stable"
                + " begin atomic select count(*) from t; end;\n");
        add(all, "sql function reading a table created with it", "", T + "create function t_names() returns setof text"
                + " language sql as $$ select a from t $$;\n");
        add(all, "function returning a table's rows", T, T + "create function t_all() returns setof t language sql"
                + " as $$ select * from t $$;\n");
        add(all, "function over a dropped table", T + "create function t_all() returns setof t language sql as $$ select * from t $$;\n"
                + "create function t_count() returns bigint language sql stable begin atomic select count(*) from t; end;\n", "");
        add(all, "function comment", ADD, ADD + "comment on function add(int, int) is 'sums';");
        add(all, "function with quoted names in a schema", "create schema app;", "create schema app; create function"
                + " app.\"Add Them\"(\"X\" int, y int) returns int language sql as $$ select \"X\" + y $$;\n"
                + "comment on function app.\"Add Them\"(int, int) is 'quoted';");
        add(all, "function over an enum whose value goes", "create type mood as enum ('sad', 'ok', 'happy');\n"
                + "create function cheer(m mood) returns mood language sql as $$ select 'happy'::mood $$;\n",
                "create type mood as enum ('sad', 'happy');\n"
                + "create function cheer(m mood) returns mood language sql as $$ select 'happy'::mood $$;\n");
        add(all, "aggregate created", "", "create function add_int(s int, x int) returns int language sql immutable"
                + " as $$ select s + x $$;\ncreate aggregate total(int) (sfunc = add_int, stype = int, initcond = '0');\n");
        add(all, "aggregate changed", "create function add_int(s int, x int) returns int language sql immutable"
                        + " as $$ select s + x $$;\ncreate aggregate total(int) (sfunc = add_int, stype = int, initcond = '0');\n",
                "create function add_int(s int, x int) returns int language sql immutable as $$ select s + x $$;\n"
                        + "create aggregate total(int) (sfunc = add_int, stype = int, initcond = '10', parallel = safe);\n"
                        + "comment on aggregate total(int) is 'sum from ten';");
        // what uses a function
        String uses = "create table u (id int primary key, name text default slug('New One'),"
                + " s text generated always as (slug(name)) stored, check (slug(name) <> ''));\n"
                + "create index u_slug on u (slug(name));\ncreate view uv as select id, slug(name) as s from u;\n";
        add(all, "function used by a default, check, generated column, index and view", SLUG, SLUG + uses);
        add(all, "function body changed under its users", SLUG + uses, SLUG_V2 + uses,
                "insert into u (id, name) values (1, 'A b'), (2, 'C');", "select count(*) from u");
        add(all, "function return type changed under its users", SLUG + uses,
                SLUG_VARCHAR + uses, "insert into u (id, name) values (1, 'A b'), (2, 'C');", "select count(*) from u");
        add(all, "function dropped with its users", SLUG + uses, "create table u (id int primary key, name text);\n",
                "insert into u (id, name) values (1, 'A b');", "select count(*) from u");
        add(all, "function used by a view, replaced", T + ADD + "create view tv as select id, add(id, b) as s from t;\n",
                T + ADD.replace("returns int", "returns bigint") + "create view tv as select id, add(id, b) as s from t;\n",
                SEED_T, COUNT_T);
        add(all, "function calling a replaced function", ADD + "create function add3(x int) returns int language sql"
                        + " immutable begin atomic select add(x, 3); end;\n",
                ADD.replace("x int, y int", "x int, y int, z int default 0").replace("x + y", "x + y + z")
                        + "create function add3(x int) returns int language sql immutable begin atomic select add(x, 3); end;\n");
        add(all, "function over a view whose query changes", T + "create view tv as select id, a from t;\n"
                        + "create function tv_rows() returns setof tv language sql as $$ select * from tv $$;\n",
                T + "create view tv as select id, a from t where b > 0;\n"
                        + "create function tv_rows() returns setof tv language sql as $$ select * from tv $$;\n",
                SEED_T, COUNT_T);
        return all;
    }
}
