package io.github.shaledb.engine.diff;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;

import static io.github.shaledb.engine.diff.DiffCases.COUNT_T;
import static io.github.shaledb.engine.diff.DiffCases.SEED_T;
import static io.github.shaledb.engine.diff.DiffCases.add;

/**
 * Change cases of privileges and default privileges (see {@link DiffCases}): grants and revokes on every kind
 * of object, their order, grant options, PUBLIC, revoked defaults, and the grants of objects a change drops and
 * creates again. The roles are the test server's ({@code TestPostgres.ROLES}).
 */
final class PrivilegeCases {
    private PrivilegeCases() {
    }

    private static final String T = "create table t (id int primary key, a text, b int);\n";
    private static final String ADD = "create function add(x int, y int) returns int language sql immutable"
            + " as $$ select x + y $$;\n";
    private static final String MOOD = "create type mood as enum ('sad', 'ok', 'happy');\n";
    private static final String APP = "create schema app;\n";

    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        // tables, views, sequences, columns
        String tGrants = "grant select on t to app_reader;\ngrant insert, update, delete on t to app_writer;\n";
        add(all, "grants on a table", T, T + tGrants, SEED_T, COUNT_T);
        add(all, "grants on a table revoked", T + tGrants, T, SEED_T, COUNT_T);
        add(all, "grants on a table changed", T + tGrants, T + "grant select, update on t to app_reader;\n"
                + "grant insert on t to app_writer;\ngrant all on t to app_admin;\n", SEED_T, COUNT_T);
        add(all, "grants on a new table", "", T + tGrants);
        add(all, "grants on a dropped table", T + tGrants, "");
        add(all, "grants to public", T, T + "grant select on t to public;\n");
        add(all, "grants with grant option", T, T + "grant select, update on t to app_reader with grant option;\n"
                + "grant insert on t to app_writer;\ngrant update on t to app_writer with grant option;\n");
        add(all, "grant option removed", T + "grant select, update on t to app_reader with grant option;\n",
                T + "grant select, update on t to app_reader;\n");
        add(all, "grant option added", T + "grant select on t to app_reader;\n",
                T + "grant select on t to app_reader with grant option;\n");
        add(all, "owner's own privileges reduced", T, T + "revoke truncate, trigger on t from current_user;\n");
        add(all, "grant order swapped", T + "grant select on t to app_reader;\ngrant select on t to app_writer;\n",
                T + "grant select on t to app_writer;\ngrant select on t to app_reader;\n");
        add(all, "grant order: a grantee added before the existing ones", T + "grant select on t to app_reader;\n"
                        + "grant select on t to app_writer;\n",
                T + "grant select on t to app_admin;\ngrant select on t to app_reader;\ngrant update on t to app_writer;\n");
        add(all, "grant order: the first grantee revoked", T + "grant select on t to app_reader;\n"
                        + "grant select on t to app_writer;\ngrant select on t to app_admin;\n",
                T + "grant select on t to app_writer;\ngrant select on t to app_admin;\n");
        add(all, "column grants", T, T + "grant select (a), update (a, b) on t to app_reader;\n"
                + "grant insert (b) on t to app_writer with grant option;\ngrant select (b) on t to public;\n");
        add(all, "column grants changed", T + "grant select (a), update (a, b) on t to app_reader;\n",
                T + "grant select (b) on t to app_writer;\ngrant update (a) on t to app_reader;\n");
        add(all, "column grants kept while the table grant goes", T + "grant select on t to app_reader;\n"
                + "grant select (a), update (b) on t to app_reader;\n", T + "grant select (a), update (b) on t to app_reader;\n");
        add(all, "grant order swapped with column grants", T + "grant select on t to app_reader;\n"
                        + "grant select on t to app_writer;\ngrant select (a) on t to app_reader;\n"
                        + "grant update (a) on t to app_reader;\ngrant select (a) on t to app_writer;\n",
                T + "grant select on t to app_writer;\ngrant select on t to app_reader;\n"
                        + "grant select (a) on t to app_reader;\ngrant update (a) on t to app_reader;\n"
                        + "grant select (a) on t to app_writer;\n");
        add(all, "column with grants dropped", T + "grant select (b) on t to app_reader;\n", T.replace(", b int", ""));
        add(all, "grants on a view", T + "create view v as select id, a from t;\n",
                T + "create view v as select id, a from t;\ngrant select on v to app_reader;\n"
                        + "grant select (a) on v to app_writer;\n");
        add(all, "grants on a materialized view", T + "create materialized view mv as select id from t;\n",
                T + "create materialized view mv as select id from t;\ngrant select on mv to app_reader;\n");
        String sequence = "create sequence s;\n";
        add(all, "grants on a sequence", sequence, sequence + "grant usage, select on sequence s to app_writer;\n"
                + "grant select on sequence s to app_reader;\n");
        String serial = "create table c (id serial primary key, n text);\n";
        add(all, "grants on a serial's sequence", serial, serial + "grant usage on sequence c_id_seq to app_writer;\n"
                + "grant insert on c to app_writer;\n");
        add(all, "serial to identity with sequence grants", serial + "grant usage on sequence c_id_seq to app_writer;\n",
                "create table c (id int generated by default as identity primary key, n text);\n"
                        + "grant usage on sequence c_id_seq to app_writer;\n");
        // schemas
        add(all, "grants on a schema", APP, APP + "grant usage on schema app to app_reader;\n"
                + "grant usage, create on schema app to app_admin;\n");
        add(all, "grants on a new schema", "", APP + "grant usage on schema app to app_reader;\n"
                + "create table app.t (id int);\ngrant select on app.t to app_reader;\n");
        add(all, "schema with grants dropped", APP + "grant usage on schema app to app_reader;\n"
                + "create table app.t (id int);\ngrant select on app.t to app_reader;\n", "");
        add(all, "schema public revoked from public", T, "revoke all on schema public from public;\n" + T);
        add(all, "schema public given create to public", T, "grant create on schema public to public;\n" + T);
        // A pg_dump of a PostgreSQL 14 or older database gives the schema an owner (owners are not diffed).
        add(all, "schema public with another owner and all to public", T, "alter schema public owner to app_admin;\n"
                + "revoke usage on schema public from public;\ngrant all on schema public to public;\n" + T);
        // functions, procedures, aggregates, types
        add(all, "function execute revoked from public", ADD, ADD + "revoke execute on function add(int, int) from public;\n"
                + "grant execute on function add(int, int) to app_reader;\n");
        add(all, "function execute given back to public", ADD + "revoke execute on function add(int, int) from public;\n"
                + "grant execute on function add(int, int) to app_reader;\n", ADD);
        add(all, "new function without execute for public", "", ADD
                + "revoke all on function add(int, int) from public;\n");
        String procedure = "create procedure note(msg text) language plpgsql as $$ begin raise notice '%', msg; end $$;\n";
        add(all, "grants on a procedure", procedure, procedure + "revoke all on procedure note(text) from public;\n"
                + "grant execute on procedure note(text) to app_writer with grant option;\n");
        String aggregate = "create function add_int(s int, x int) returns int language sql immutable as $$ select s + x $$;\n"
                + "create aggregate total(int) (sfunc = add_int, stype = int, initcond = '0');\n";
        add(all, "grants on an aggregate", aggregate, aggregate + "revoke all on function total(int) from public;\n"
                + "grant execute on function total(int) to app_reader;\n");
        add(all, "grants on a type", MOOD, MOOD + "revoke usage on type mood from public;\n"
                + "grant usage on type mood to app_reader;\n");
        // objects dropped and created again get their grants back
        String view = T + "create view v as select id, a from t;\n";
        String viewGrants = "grant select on v to app_writer;\ngrant select on v to app_reader;\n"
                + "grant select (a) on v to app_admin;\n";
        add(all, "grants of a recreated view", view + viewGrants,
                view.replace("select id, a from t", "select id, a from t where b > 0") + viewGrants, SEED_T, COUNT_T);
        add(all, "grants of a view recreated under a changed column", view + viewGrants,
                view.replace("a text", "a varchar(10)") + viewGrants, SEED_T, COUNT_T);
        String ranged = "create table m (id serial, at date not null, v int, primary key (id, at)) partition by range (at);\n";
        String rangedGrants = "grant select on m to app_reader;\ngrant insert on m to app_writer;\n"
                + "grant update (v) on m to app_writer;\ngrant usage on sequence m_id_seq to app_writer;\n";
        add(all, "grants of a recreated table", ranged + rangedGrants,
                ranged.replace("range (at)", "range (id, at)") + rangedGrants);
        String slugs = "create function slugs() returns text language sql as $$ select 'a' $$;\n";
        String slugGrants = "revoke execute on function slugs() from public;\ngrant execute on function slugs() to app_reader;\n";
        add(all, "grants of a recreated function", slugs + slugGrants,
                slugs.replace("returns text", "returns varchar") + slugGrants);
        add(all, "grants of a function that becomes a procedure", ADD + "revoke all on function add(int, int) from public;\n"
                        + "grant execute on function add(int, int) to app_reader;\n",
                "create procedure add(x int, y int) language sql as $$ select x + y $$;\n"
                        + "grant execute on procedure add(int, int) to app_writer;\n");
        String moodGrants = "revoke usage on type mood from public;\ngrant usage on type mood to app_reader;\n";
        add(all, "grants of a recreated enum", MOOD + moodGrants,
                MOOD.replace("'ok', ", "") + moodGrants);
        String generated = "create table g (id int primary key, b int, c int generated always as (b * 2) stored);\n"
                + "grant select (c) on g to app_reader;\n";
        add(all, "column grants of a regenerated column", generated, generated.replace("b * 2", "b * 3"));
        // renames carry privileges
        add(all, "rename table with grants", T + tGrants + "grant select (a) on t to app_admin;\n",
                (T + tGrants + "grant select (a) on t to app_admin;\n").replace(" t ", " t2 ").replace(" t;", " t2;")
                        .replace("table t ", "table t2 "), SEED_T, null);
        add(all, "rename column with grants", T + "grant select (a), update (a) on t to app_reader;\n",
                T.replace("a text", "a2 text") + "grant select (a2), update (a2) on t to app_reader;\n", SEED_T, COUNT_T);
        add(all, "rename serial table with sequence grants", serial + "grant usage on sequence c_id_seq to app_writer;\n",
                serial.replace("table c ", "table c2 ") + "grant usage on sequence c2_id_seq to app_writer;\n");
        // default privileges
        String tables = "alter default privileges in schema app grant select on tables to app_reader;\n";
        add(all, "default privileges added", APP, APP + tables
                + "alter default privileges in schema app grant usage on sequences to app_writer;\n"
                + "alter default privileges in schema app grant execute on functions to app_writer with grant option;\n"
                + "alter default privileges in schema app grant usage on types to app_reader;\n");
        add(all, "default privileges removed", APP + tables, APP);
        add(all, "default privileges changed", APP + tables + "alter default privileges in schema app grant insert"
                + " on tables to app_writer;\n", APP + "alter default privileges in schema app grant insert, update"
                + " on tables to app_writer;\n" + tables);
        add(all, "default privileges for another role", APP, APP + "alter default privileges for role app_admin"
                + " in schema app grant select on tables to app_reader;\n");
        add(all, "default privileges with tables created after them", APP + "create table app.t (id int);\n",
                APP + tables + "alter default privileges in schema app grant insert on tables to app_writer;\n"
                        + "create table app.t (id int);\ncreate table app.u (id int);\ncreate view app.v as select id from app.u;\n"
                        + "grant update on app.u to app_admin;\n");
        add(all, "new tables under existing default privileges", APP + tables
                        + "alter default privileges in schema app grant insert on tables to app_writer;\n",
                APP + tables + "alter default privileges in schema app grant insert on tables to app_writer;\n"
                        + "create table app.t (id int);\ncreate table app.u (id int);\ngrant update on app.u to app_admin;\n"
                        + "revoke insert on app.t from app_writer;\n");
        add(all, "default privileges removed while a table is created", APP + tables,
                APP + "create table app.t (id int);\n");
        add(all, "new function under default privileges", APP + "alter default privileges in schema app grant execute"
                        + " on functions to app_reader;\n",
                APP + "alter default privileges in schema app grant execute on functions to app_reader;\n"
                        + "create function app.f() returns int language sql as $$ select 1 $$;\n"
                        + "revoke execute on function app.f() from public;\n");
        return all;
    }
}
