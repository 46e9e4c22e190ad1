package io.github.shaledb.engine.diff;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The change cases: a schema before, a schema after, optional seed rows and a count that must
 * survive. Names starting with {@code rename} are run with a decider that accepts every rename.
 * Public for the end-to-end suite ({@code engine.suite}), which runs the same cases through the verbs.
 */
public final class DiffCases {
    private DiffCases() {
    }

    private static final String T = "create table t (id int primary key, a text, b int);\n";
    private static final String SEED_T = "insert into t select g, 'x' || g, g from generate_series(1, 20) g;";
    private static final String COUNT_T = "select count(*) from t";

    /** Each case as (name, before SQL, after SQL, seed SQL or null, count query or null). */
    public static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        // schemas
        add(all, "create schema", "", "create schema app;");
        add(all, "drop schema", "create schema app;", "");
        add(all, "schema needing quotes", "", "create schema \"My App\"; create table \"My App\".\"Order\" (\"select\" int, \"Mixed\" text);");
        add(all, "schema comment", "create schema app;", "create schema app; comment on schema app is 'the app''s';");
        add(all, "table in new schema", "", "create schema app; create table app.t (id int primary key);");
        // tables
        add(all, "create table", "", T);
        add(all, "drop table", T, "", SEED_T, null);
        add(all, "create unlogged table", "", "create unlogged table u (id int);");
        addSeeded(all, "table to unlogged", T, T.replace("create table", "create unlogged table"));
        addSeeded(all, "table storage options", T, T.replace(");\n", ") with (fillfactor=70, autovacuum_enabled=false);\n"));
        addSeeded(all, "table comment", T, T + "comment on table t is 'rows';");
        addSeeded(all, "reserved word names", T, T + "create table \"user\" (\"order\" int, \"Group\" text, \"a\"\"b\" int);");
        // columns
        addSeeded(all, "add column", T, T.replace("b int", "b int, c text"));
        addSeeded(all, "add column with default", T, T.replace("b int", "b int, c int not null default 7"));
        addSeeded(all, "add column with volatile default", T, T.replace("b int", "b int, c timestamptz default clock_timestamp()"));
        add(all, "drop column", T, T.replace(", b int", ""), SEED_T, COUNT_T);
        addSeeded(all, "column default added", T, T.replace("a text", "a text default 'none'"));
        addSeeded(all, "column default changed", T.replace("b int", "b int default 1"), T.replace("b int", "b int default 2"));
        addSeeded(all, "set not null", T, T.replace("a text", "a text not null"));
        addSeeded(all, "drop not null", T.replace("a text", "a text not null"), T);
        addSeeded(all, "int to bigint", T, T.replace("b int", "b bigint"));
        addSeeded(all, "bigint to int", T.replace("b int", "b bigint"), T);
        addSeeded(all, "text to int with using", T.replace("b int", "b text"), T);
        addSeeded(all, "varchar widened", T.replace("a text", "a varchar(10)"), T.replace("a text", "a varchar(20)"));
        addSeeded(all, "varchar to text", T.replace("a text", "a varchar(10)"), T);
        addSeeded(all, "numeric precision", T.replace("b int", "b numeric(10,2)"), T.replace("b int", "b numeric(12,4)"));
        addSeeded(all, "type change with default", T.replace("b int", "b int default 5"), T.replace("b int", "b bigint default 6"));
        addSeeded(all, "array column", T, T.replace("b int", "b int, tags text[] default '{}'"));
        add(all, "int array to bigint array", T.replace("b int", "b int[]"), T.replace("b int", "b bigint[]"),
                "insert into t values (1, 'x', '{1,2}');", COUNT_T);
        addSeeded(all, "collation", T, T.replace("a text", "a text collate \"C\""));
        addSeeded(all, "collation changed", T.replace("a text", "a text collate \"C\""), T.replace("a text", "a text collate \"POSIX\""));
        addSeeded(all, "column comment", T, T + "comment on column t.a is 'the a';");
        addSeeded(all, "generated column added", T, T.replace("b int", "b int, c int generated always as (b * 2) stored"));
        addSeeded(all, "generated expression changed", T.replace("b int", "b int, c int generated always as (b * 2) stored"),
                T.replace("b int", "b int, c int generated always as (b * 3) stored"));
        // sequences, serial, identity
        add(all, "create sequence", "", "create sequence s start 10 increment 5;");
        add(all, "alter sequence", "create sequence s;", "create sequence s as integer increment 2 maxvalue 1000 cycle cache 5;");
        add(all, "drop sequence", "create sequence s;", "");
        add(all, "sequence comment", "create sequence s;", "create sequence s; comment on sequence s is 'numbers';");
        add(all, "sequence used by default", "", "create sequence s; create table t (id int default nextval('s'));");
        add(all, "create serial table", "", "create table t (id serial primary key, n bigserial);");
        addSeeded(all, "add serial column", T, T.replace("b int", "b int, n serial"));
        add(all, "drop serial table", "create table t (id serial primary key);", "");
        add(all, "identity table", "", "create table t (id int generated always as identity (start with 5 increment by 2) primary key);");
        addSeeded(all, "identity added", T, T.replace("id int primary key", "id int generated by default as identity primary key"));
        addSeeded(all, "identity dropped", T.replace("id int primary key", "id int generated by default as identity primary key"), T);
        addSeeded(all, "identity generation and options", T.replace("id int primary key", "id int generated by default as identity primary key"),
                T.replace("id int primary key", "id int generated always as identity (increment by 10 cache 3) primary key"));
        addSeeded(all, "identity bigint", T.replace("id int primary key", "id int generated by default as identity primary key"),
                T.replace("id int primary key", "id bigint generated by default as identity primary key"));
        // enums
        add(all, "create enum", "", "create type mood as enum ('sad', 'ok', 'happy');");
        add(all, "drop enum", "create type mood as enum ('sad');", "");
        add(all, "enum value appended", "create type mood as enum ('sad', 'ok');", "create type mood as enum ('sad', 'ok', 'happy');");
        add(all, "enum value first", "create type mood as enum ('sad', 'ok');", "create type mood as enum ('meh', 'sad', 'ok');");
        add(all, "enum values added before and after the only one", "create type mood as enum ('c');",
                "create type mood as enum ('a', 'b', 'c', 'd');");
        add(all, "enum value in the middle", "create type mood as enum ('sad', 'happy');", "create type mood as enum ('sad', 'ok', 'happy');");
        String moodTable = "create table p (id int, m mood default 'sad', ms mood[]);\n";
        add(all, "enum value removed", "create type mood as enum ('sad', 'ok', 'happy');\n" + moodTable,
                "create type mood as enum ('sad', 'happy');\n" + moodTable,
                "insert into p values (1, 'sad', '{happy}'), (2, 'happy', null);", "select count(*) from p");
        add(all, "enum reordered", "create type mood as enum ('sad', 'ok');\n" + moodTable,
                "create type mood as enum ('ok', 'sad');\n" + moodTable, "insert into p values (1, 'ok', '{sad}');",
                "select count(*) from p");
        add(all, "enum removal under a view", "create type mood as enum ('sad', 'ok');\n" + moodTable
                        + "create view pv as select id, m from p;",
                "create type mood as enum ('sad');\n" + moodTable + "create view pv as select id, m from p;");
        add(all, "text to enum", "create type mood as enum ('sad', 'ok');\ncreate table p (m text);",
                "create type mood as enum ('sad', 'ok');\ncreate table p (m mood);", "insert into p values ('ok');",
                "select count(*) from p");
        add(all, "enum comment and quoted labels", "create type mood as enum ('it''s');",
                "create type mood as enum ('it''s', 'back\\slash'); comment on type mood is 'feelings';");
        // constraints
        add(all, "add primary key", "create table t (id int not null, a text);", "create table t (id int not null primary key, a text);",
                "insert into t values (1, 'x'), (2, 'y');", COUNT_T);
        addSeeded(all, "drop primary key", T, T.replace("id int primary key", "id int not null"));
        addSeeded(all, "composite primary key", T, T.replace("id int primary key, a text, b int", "id int, a text, b int, primary key (id, b)"));
        addSeeded(all, "add unique", T, T.replace("b int", "b int unique"));
        addSeeded(all, "unique nulls not distinct", T, T.replace("b int", "b int, unique nulls not distinct (b)"));
        addSeeded(all, "unique include deferrable", T, T.replace("b int", "b int, constraint t_b_key unique (b) include (a) deferrable initially deferred"));
        addSeeded(all, "add check", T, T.replace("b int", "b int check (b > 0)"));
        addSeeded(all, "check changed", T.replace("b int", "b int constraint b_pos check (b > 0)"), T.replace("b int", "b int constraint b_pos check (b >= 0)"));
        addSeeded(all, "check not valid kept", T + "alter table t add constraint b_small check (b < 100) not valid;",
                T + "alter table t add constraint b_small check (b < 100) not valid;");
        addSeeded(all, "constraint comment", T, T + "comment on constraint t_pkey on t is 'key';");
        String parent = "create table parent (id int primary key, code text unique);\n";
        add(all, "add foreign key", parent + "create table child (id int, parent_id int);",
                parent + "create table child (id int, parent_id int references parent on delete cascade);",
                "insert into parent values (1, 'a'); insert into child values (1, 1);", "select count(*) from child");
        add(all, "foreign key actions changed", parent + "create table child (parent_id int references parent);",
                parent + "create table child (parent_id int references parent on update cascade on delete set null deferrable initially deferred);");
        add(all, "composite foreign key", "create table a (x int, y int, primary key (x, y)); create table b (x int, y int);",
                "create table a (x int, y int, primary key (x, y)); create table b (x int, y int, foreign key (x, y) references a match full);");
        add(all, "self foreign key", "", "create table node (id int primary key, parent int references node);");
        add(all, "cross schema foreign key", "", "create schema s1; create schema s2; create table s1.a (id int primary key);"
                + " create table s2.b (a_id int references s1.a);");
        add(all, "foreign key cycle", "", "create table a (id int primary key, b_id int); create table b (id int primary key,"
                + " a_id int references a); alter table a add foreign key (b_id) references b;");
        add(all, "drop foreign key cycle", "create table a (id int primary key, b_id int); create table b (id int primary key,"
                + " a_id int references a); alter table a add foreign key (b_id) references b;", "");
        add(all, "referenced key changed", parent + "create table child (code text references parent (code));",
                "create table parent (id int primary key, code text, constraint parent_code_key unique nulls not distinct (code));\n"
                        + "create table child (code text references parent (code));");
        add(all, "exclusion constraint", "create table r (during tsrange);",
                "create table r (during tsrange, exclude using gist (during with &&));");
        // indexes
        addSeeded(all, "create index", T, T + "create index t_a on t (a);");
        addSeeded(all, "drop index", T + "create index t_a on t (a);", T);
        addSeeded(all, "unique partial index", T, T + "create unique index t_a on t (a) where b > 0;");
        addSeeded(all, "expression index", T, T + "create index t_lower on t (lower(a));");
        addSeeded(all, "sort order index", T, T + "create index t_ab on t (a desc nulls last, b nulls first);");
        addSeeded(all, "hash index", T, T + "create index t_h on t using hash (a);");
        addSeeded(all, "opclass index", T, T + "create index t_p on t (a text_pattern_ops);");
        addSeeded(all, "include index", T, T + "create index t_inc on t (b) include (a);");
        addSeeded(all, "index definition changed", T + "create index t_x on t (a);", T + "create index t_x on t (a, b);");
        addSeeded(all, "index comment", T + "create index t_x on t (a);", T + "create index t_x on t (a); comment on index t_x is 'x';");
        addSeeded(all, "index unique nulls not distinct", T, T + "create unique index t_u on t (b) nulls not distinct;");
        // partitions
        String ranged = "create table m (id int, at date not null, primary key (id, at)) partition by range (at);\n";
        add(all, "partitioned table", "", ranged + "create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');");
        add(all, "add partition", ranged, ranged + "create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');");
        add(all, "drop partition", ranged + "create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');", ranged);
        add(all, "index on partitioned table", ranged + "create table m_d partition of m default;",
                ranged + "create table m_d partition of m default; create index m_at on m (at);");
        add(all, "list partitions with sub partitions", "", "create table l (k text, n int) partition by list (k);"
                + " create table l_a partition of l for values in ('a') partition by range (n);"
                + " create table l_a1 partition of l_a for values from (0) to (10);");
        add(all, "partition column added", ranged + "create table m_d partition of m default;",
                ranged.replace("at date not null,", "at date not null, v text,") + "create table m_d partition of m default;");
        add(all, "partition key changed", ranged, ranged.replace("range (at)", "range (id, at)"));
        // views
        addSeeded(all, "create view", T, T + "create view v as select id, a from t where b > 0;");
        addSeeded(all, "drop view", T + "create view v as select id, a from t;", T);
        addSeeded(all, "view definition changed", T + "create view v as select id from t;", T + "create view v as select id, a from t;");
        addSeeded(all, "view chain over a type change", T + "create view v1 as select id, b from t; create view v2 as select b from v1;",
                T.replace("b int", "b bigint") + "create view v1 as select id, b from t; create view v2 as select b from v1;");
        add(all, "view chain over a dropped column", T + "create view v1 as select id, b from t; create view v2 as select id from v1;",
                T + "create view v1 as select id from t; create view v2 as select id from v1;", SEED_T, COUNT_T);
        addSeeded(all, "view options and comments", T, T + "create view v with (security_barrier=true) as select id, a from t;"
                + " comment on view v is 'vv'; comment on column v.a is 'va';");
        addSeeded(all, "materialized view with index", T, T + "create materialized view mv as select id, a from t;"
                + " create unique index mv_id on mv (id); comment on materialized view mv is 'm';");
        addSeeded(all, "materialized view index added", T + "create materialized view mv as select id, a from t;",
                T + "create materialized view mv as select id, a from t; create index mv_a on mv (a);");
        addSeeded(all, "view across schemas", "create schema r;\n" + T, "create schema r;\n" + T + "create view r.v as select * from public.t;");
        // renames
        add(all, "rename table", T, T.replace("table t", "table t2"), SEED_T.replace(" t ", " t "), null);
        add(all, "rename column", T, T.replace("a text", "a2 text"), SEED_T, COUNT_T);
        add(all, "rename serial table", "create table t (id serial primary key, a text);", "create table t2 (id serial primary key, a text);");
        add(all, "rename table with view", T + "create view v as select id from t;",
                T.replace("table t", "table t2") + "create view v as select id from t2;");
        return all.stream();
    }

    private static void add(List<Arguments> all, String name, String before, String after) {
        add(all, name, before, after, null, null);
    }

    private static void addSeeded(List<Arguments> all, String name, String before, String after) {
        add(all, name, before, after, SEED_T, COUNT_T);
    }

    private static void add(List<Arguments> all, String name, String before, String after, String seed, String count) {
        all.add(Arguments.of(name, before, after, seed, count));
    }
}
