package io.github.shaledb.engine.diff;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;

import static io.github.shaledb.engine.diff.DiffCases.COUNT_T;
import static io.github.shaledb.engine.diff.DiffCases.SEED_T;
import static io.github.shaledb.engine.diff.DiffCases.add;

/**
 * Change cases of extensions, domains, composite types, range types and collations, and of what uses them (see
 * {@link DiffCases}). The extensions are ones the embedded test server ships: citext, pg_trgm, cube and
 * earthdistance, uuid-ossp, xml2 (not relocatable).
 */
final class TypeCases {
    private TypeCases() {
    }

    private static final String T = "create table t (id int primary key, a text, b int);\n";

    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        extensions(all);
        domains(all);
        compositeTypes(all);
        rangeTypes(all);
        collations(all);
        return all;
    }

    private static void extensions(List<Arguments> all) {
        String citextTable = "create table e (id int primary key, email citext unique);\n";
        String seedE = "insert into e values (1, 'A@x.org'), (2, 'b@x.org');";
        String countE = "select count(*) from e where email = 'a@X.org'";
        add(all, "extension created", "", "create extension citext;");
        add(all, "extension dropped", "create extension citext;", "");
        add(all, "extension type in a column", "", "create extension citext;\n" + citextTable);
        add(all, "extension type column to text and extension dropped", "create extension citext;\n" + citextTable,
                citextTable.replace("citext", "text"), seedE, "select count(*) from e");
        add(all, "extension type column added", "create extension citext;\n" + citextTable.replace(", email citext unique", ""),
                "create extension citext;\n" + citextTable, "insert into e values (1), (2);", "select count(*) from e");
        add(all, "extension in a schema of its own", "", "create schema ext; create extension pg_trgm with schema ext;");
        add(all, "extension moved to another schema", "create schema ext; create extension citext;",
                "create schema ext; create extension citext with schema ext;");
        add(all, "extension requiring another", "", "create extension earthdistance cascade;");
        add(all, "extension requiring another dropped with it", "create extension earthdistance cascade;",
                "create extension cube;");
        add(all, "extension version updated", "create extension citext version '1.5';", "create extension citext;");
        add(all, "extension comment", "create extension citext;",
                "create extension citext; comment on extension citext is 'case-insensitive text';");
        add(all, "extension comment removed", "create extension citext;",
                "create extension citext; comment on extension citext is null;");
        add(all, "extension not relocatable moved", "create schema x; create extension xml2 with schema x;",
                "create schema x; create extension xml2 with schema public;");
        add(all, "extension type in a domain", "",
                "create extension citext;\ncreate domain email as citext check (value like '%@%');\n"
                        + "create table e (id int primary key, address email);\n");
        add(all, "extension opclass in an index", T, T + "create extension pg_trgm;\n"
                + "create index t_a_trgm on t using gin (a gin_trgm_ops);\n", SEED_T, COUNT_T);
        add(all, "extension opclass index dropped with the extension", T + "create extension pg_trgm;\n"
                + "create index t_a_trgm on t using gin (a gin_trgm_ops);\n", T, SEED_T, COUNT_T);
        add(all, "extension function in a column default", "", "create extension \"uuid-ossp\";\n"
                + "create table u (id uuid primary key default public.uuid_generate_v4(), name text);\n");
        add(all, "extension moved to another schema under a column", "create schema ext;\ncreate extension citext;\n"
                        + citextTable, "create schema ext;\ncreate extension citext with schema ext;\n"
                        + citextTable.replace("citext", "ext.citext"), seedE, "select count(*) from e");
        add(all, "extension and a column of its type in a new schema", "",
                "create schema app; create extension citext with schema app;\n"
                        + "create table app.e (id int primary key, email app.citext);\n");
    }

    private static void domains(List<Arguments> all) {
        String pos = "create domain pos as int default 1 not null constraint pos_check check (value > 0);\n";
        String table = "create table dp (id int primary key, p pos, ps pos[]);\n";
        String seed = "insert into dp values (1, 5, '{1,2}'), (2, 7, null);";
        String count = "select count(*) from dp";
        add(all, "domain created", "", pos);
        add(all, "domain dropped", pos, "");
        add(all, "domain default changed", pos + table, pos.replace("default 1", "default 2") + table, seed, count);
        add(all, "domain default dropped", pos + table, pos.replace("default 1 ", "") + table, seed, count);
        add(all, "domain not null dropped", pos + table, pos.replace(" not null", "") + table, seed, count);
        String plain = "create domain pos as int;\n";
        add(all, "domain not null set", plain + table, plain.replace("int", "int not null") + table, seed, count);
        add(all, "domain check added on a domain with rows", plain + table,
                plain.replace("int", "int constraint pos_check check (value > 0)") + table, seed, count);
        add(all, "domain check changed", pos + table, pos.replace("value > 0", "value >= 0") + table, seed, count);
        add(all, "domain check dropped", pos + table, pos.replace(" constraint pos_check check (value > 0)", "") + table,
                seed, count);
        add(all, "domain check not valid validated", plain + "alter domain pos add constraint pos_check check (value > 0)"
                + " not valid;\n" + table, plain.replace("int", "int constraint pos_check check (value > 0)") + table, seed, count);
        add(all, "domain check added not valid", plain + table, plain + "alter domain pos add constraint pos_check"
                + " check (value > 0) not valid;\n" + table, seed, count);
        add(all, "domain several checks", "", "create domain code as text constraint code_length check (length(value) = 4)"
                + " constraint code_upper check (value = upper(value)) constraint code_ascii check (value ~ '^[A-Z0-9]*$');\n");
        add(all, "domain comment and check comment", pos, pos + "comment on domain pos is 'positive';\n"
                + "comment on constraint pos_check on domain pos is 'above zero';\n");
        String code = "create domain code as varchar(10) default 'none' check (value <> '');\n";
        String codes = "create table dc (id int primary key, c code, cs code[], n int check (n > 0));\n"
                + "create index dc_c on dc (c);\n";
        add(all, "domain base type changed under a column", code + codes, code.replace("varchar(10)", "text") + codes,
                "insert into dc values (1, 'abc', '{x,y}', 1), (2, null, null, 2);", "select count(*) from dc");
        String parted = "create table pt (id int, c code) partition by range (id);\n"
                + "create table pt1 partition of pt for values from (0) to (100);\n";
        add(all, "domain base type changed under a partitioned table", code + parted,
                code.replace("varchar(10)", "text") + parted, "insert into pt values (1, 'a'), (2, null);",
                "select count(*) from pt");
        add(all, "domain base type changed with no column", code, code.replace("varchar(10)", "varchar(20)"));
        String collated = "create domain label as text collate \"C\";\ncreate table dl (id int primary key, l label);\n";
        add(all, "domain collation changed", collated, collated.replace("\"C\"", "\"POSIX\""),
                "insert into dl values (1, 'b'), (2, 'A');", "select count(*) from dl");
        String usedBy = "create table dp (id int primary key, p pos);\n"
                + "create function double_it(x pos) returns int language sql immutable as $$ select x * 2 $$;\n";
        add(all, "domain used by a column and a function argument", "", pos + usedBy);
        add(all, "domain used by a column and a function argument, base changed", pos + usedBy,
                pos.replace("as int", "as bigint") + usedBy.replace("returns int", "returns bigint"),
                "insert into dp values (1, 3);", "select count(*) from dp");
        add(all, "domain used by a view, base changed", pos + "create table dp (id int primary key, p pos);\n"
                        + "create view dpv as select id, p from dp;\n",
                pos.replace("as int", "as bigint") + "create table dp (id int primary key, p pos);\n"
                        + "create view dpv as select id, p from dp;\n", "insert into dp values (1, 3);", "select count(*) from dp");
        String mood = "create type mood as enum ('sad', 'ok', 'happy');\ncreate domain good_mood as mood check (value <> 'sad');\n"
                + "create table dm (id int primary key, m good_mood, ms good_mood[]);\n";
        add(all, "domain over an enum whose value is removed", mood, mood.replace("'ok', ", ""),
                "insert into dm values (1, 'happy', '{happy}'), (2, null, null);", "select count(*) from dm");
        String even = "create function is_even(n int) returns boolean language sql immutable as $$ select n % 2 = 0 $$;\n";
        String evens = "create domain even as int check (is_even(value));\ncreate table de (id int primary key, e even);\n";
        add(all, "domain check calling a function", "", even + evens);
        add(all, "domain check function replaced", even + evens, even.replace("(n int)", "(m int)").replace("n % 2", "m % 2")
                + evens, "insert into de values (1, 2), (2, 4);", "select count(*) from de");
        String codeFor = "create function code_for(n int) returns int language sql immutable as $$ select n * 10 $$;\n";
        String coded = "create domain coded as int default code_for(1);\ncreate table dd (id int primary key, c coded);\n";
        add(all, "domain default calling a function", "", codeFor + coded);
        add(all, "domain default function replaced", codeFor + coded,
                codeFor.replace("(n int)", "(m int)").replace("n * 10", "m * 10") + coded,
                "insert into dd (id) values (1), (2);", "select count(*) from dd");
        String layered = "create domain small as int check (value < 1000);\ncreate domain tiny as small check (value < 10);\n"
                + "create table dt (id int primary key, t tiny);\n";
        add(all, "domain over a domain whose base changes", layered, layered.replace("small as int", "small as bigint"),
                "insert into dt values (1, 5);", "select count(*) from dt");
        add(all, "domain dropped under a column that becomes its base type", pos + table,
                "create table dp (id int primary key, p int, ps int[]);\n", seed, count);
        add(all, "text column to a new domain", "create table dp (id int primary key, p text);\n",
                pos + "create table dp (id int primary key, p pos);\n", "insert into dp values (1, '5');",
                "select count(*) from dp");
        String statusTable = "create table ds (id int primary key, s status default 'new', ss status[]);\n";
        add(all, "enum to a domain of the same name under a column",
                "create type status as enum ('new', 'done');\n" + statusTable,
                "create domain status as text check (value in ('new', 'done', 'gone'));\n" + statusTable,
                "insert into ds values (1, 'new', '{done}'), (2, 'done', null);", "select count(*) from ds");
        add(all, "domain to a composite type of the same name", "create domain status as text;\n",
                "create type status as (code text);\n");
        add(all, "domain names needing quotes", "create schema app;", "create schema app;\n"
                + "create domain app.\"Money Amount\" as numeric(12,2) constraint \"Not Negative\" check (value >= 0);\n"
                + "create table app.\"Order\" (id int primary key, total app.\"Money Amount\");\n");
    }

    private static void compositeTypes(List<Arguments> all) {
        String pair = "create type pair as (a int, b text);\n";
        String table = "create table cp (id int primary key, p pair, ps pair[]);\n";
        String seed = "insert into cp values (1, row(1, 'x'), array[row(2, 'y')::pair]), (2, null, null), (3, row(null, null), '{}');";
        String count = "select count(*) from cp where (p).a = 1";
        add(all, "composite type created", "", "create type pair as (a int, b text collate \"C\", c int[]);\n");
        add(all, "composite type with no attributes", "", "create type nothing as ();\n");
        add(all, "composite type dropped", pair, "");
        add(all, "composite attribute added under a column", pair + table,
                pair.replace("b text", "b text, c date") + table, seed, count);
        add(all, "composite attribute dropped under a column", pair + table, pair.replace(", b text", "") + table, seed, count);
        add(all, "composite attribute type changed", pair, pair.replace("a int", "a bigint"));
        add(all, "composite attribute type changed under a column", pair + table,
                pair.replace("a int", "a bigint") + table, seed, count);
        String viewed = "create table cp (id int primary key, p pair);\ncreate view cpv as select id, (p).a from cp;\n";
        add(all, "composite attribute dropped under a view", pair + viewed, pair.replace(", b text", "") + viewed,
                "insert into cp values (1, row(1, 'x'));", "select count(*) from cp");
        String single = "create table cp (id int primary key, p pair);\n";
        add(all, "composite attributes reordered under a column", pair + single,
                "create type pair as (b text, a int, c boolean);\n" + single,
                "insert into cp values (1, row(1, 'x')), (2, null), (3, row(null, null));", count);
        String uses = "create table cp (id int primary key, p pair);\n"
                + "create function first_of(x pair) returns int language sql immutable as $$ select x.a $$;\n";
        add(all, "composite type used by a column and a function", "", pair + uses);
        add(all, "composite type used by a column and a function, attribute retyped", pair + uses,
                pair.replace("b text", "b varchar(20)") + uses, "insert into cp values (1, row(1, 'x'));",
                "select count(*) from cp");
        add(all, "composite comments", pair, pair + "comment on type pair is 'two things';\n"
                + "comment on column pair.b is 'the second';\n");
        String posPair = "create domain pos as int check (value > 0);\ncreate type pp as (a pos, b text);\n"
                + "create table cpp (id int primary key, v pp);\n";
        add(all, "composite with a domain attribute whose domain changes", posPair,
                posPair.replace("pos as int", "pos as bigint"), "insert into cpp values (1, row(3, 'x'));",
                "select count(*) from cpp where (v).a = 3");
        String moodFelt = "create type mood as enum ('sad', 'ok', 'happy');\ncreate type felt as (m mood, at date);\n"
                + "create table cf (id int primary key, f felt);\n";
        add(all, "composite with an enum attribute whose value is removed", moodFelt, moodFelt.replace("'ok', ", ""),
                "insert into cf values (1, row('happy', '2024-01-01')), (2, null);", "select count(*) from cf");
    }

    private static void rangeTypes(List<Arguments> all) {
        String floats = "create type floatrange as range (subtype = float8, subtype_diff = float8mi);\n";
        add(all, "range type created", "", floats);
        add(all, "range type dropped", floats, "");
        add(all, "range type changed", floats, floats.replace(", subtype_diff = float8mi", ""));
        add(all, "range type comment", floats, floats + "comment on type floatrange is 'reals';\n");
        add(all, "range type with a multirange name", "", "create type textrange as range (subtype = text,"
                + " collation = \"C\", multirange_type_name = textranges);\n");
        String diff = "create function time_diff(a time, b time) returns float8 language sql immutable"
                + " as $$ select extract(epoch from (a - b)) $$;\n";
        add(all, "range type with a subtype_diff function", "", diff
                + "create type timerange as range (subtype = time, subtype_diff = time_diff);\n");
        String texts = "create type textrange as range (subtype = text);\n"
                + "create table tr (id int primary key, r textrange, rs textmultirange,"
                + " exclude using gist (r with &&));\n";
        add(all, "range type changed under a column", texts, texts.replace("subtype = text", "subtype = text, collation = \"C\""),
                "insert into tr values (1, '[a,c)', '{[a,b)}'), (2, '[d,e)', null);", "select count(*) from tr");
    }

    private static void collations(List<Arguments> all) {
        String ci = "create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);\n";
        add(all, "collation created", "", ci + "create collation c_posix (lc_collate = 'C', lc_ctype = 'POSIX');\n"
                + "create collation c_plain (locale = 'C');\n");
        add(all, "collation dropped", ci, "");
        add(all, "collation changed", ci, ci.replace("level2", "level1"));
        String table = "create table cc (id int primary key, name text collate ci);\ncreate index cc_name on cc (name);\n";
        add(all, "collation changed under a column", ci + table, ci.replace("level2", "level1") + table,
                "insert into cc values (1, 'a'), (2, 'B');", "select count(*) from cc");
        add(all, "collation used by a column and a domain", "", ci + "create domain label as text collate ci;\n"
                + "create table cc (id int primary key, name text collate ci, l label);\n");
        add(all, "collation used by a domain, changed", ci + "create domain label as text collate ci;\n"
                + "create table cc (id int primary key, l label);\n", ci.replace("level2", "level1")
                + "create domain label as text collate ci;\ncreate table cc (id int primary key, l label);\n",
                "insert into cc values (1, 'a');", "select count(*) from cc");
        add(all, "collation comment", ci, ci + "comment on collation ci is 'case-insensitive';\n");
    }
}
