package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The change cases: a schema before, a schema after, optional seed rows and a count that must
 * survive. Names starting with {@code rename} are run with a decider that accepts every rename.
 * Public for the end-to-end suite ({@code engine.suite}), which runs the same cases through the verbs.
 * {@code -Dshale.cases=REGEX} runs only the cases whose name it finds a match in.
 */
public final class DiffCases {
    private DiffCases() {
    }

    /**
     * Cases PostgreSQL makes exactly only from version 17 (case name → what goes wrong before); every test
     * skips them, with that reason, on an older server. The limitation is documented on the site.
     */
    static final Map<String, String> NEEDS_POSTGRES_17 = Map.of("generated column in the middle changed",
            "before PostgreSQL 17 (ALTER COLUMN … SET EXPRESSION) a changed generation expression is a drop and an add,"
                    + " which moves the column to the end of the table (see generating.md, Limitations)");

    private static int serverMajorVersion;

    /** Why this case cannot pass on the test server, or null when it can. */
    public static String unsupportedReason(String name) {
        String reason = NEEDS_POSTGRES_17.get(name);
        return reason != null && serverMajorVersion() < 17 ? reason : null;
    }

    private static synchronized int serverMajorVersion() {
        if (serverMajorVersion == 0) {
            Matcher m = Pattern.compile("PostgreSQL (\\d+)").matcher(TestPostgres.serverVersion());
            serverMajorVersion = m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
        }
        return serverMajorVersion;
    }

    private static final String T = "create table t (id int primary key, a text, b int);\n";
    /** Twenty rows for table {@code t (id, a, b)}, and the count that must survive a change. */
    static final String SEED_T = "insert into t select g, 'x' || g, g from generate_series(1, 20) g;";
    static final String COUNT_T = "select count(*) from t";

    /**
     * The cases {@code suite/GenerateMigratePathTest} runs: every case with {@code -Dshale.allCases=true}, else one
     * eighth (by a fixed hash of the name) and every whole-schema case; {@link #pushPathCases()} has another eighth.
     * The other three quarters run only with {@code -Dshale.allCases=true}, which keeps {@code mvn verify} within its time
     * (the whole corpus: {@code mvn verify -Dshale.allCases=true}, about 30 minutes more; the GitHub workflow runs it
     * weekly and on demand).
     */
    public static Stream<Arguments> generatePathCases() {
        return cases().filter(a -> sampled((String) a.get()[0], 0));
    }

    /** The cases {@code suite/PushPathTest} runs: another eighth than {@link #generatePathCases()}, or all of them. */
    public static Stream<Arguments> pushPathCases() {
        return cases().filter(a -> sampled((String) a.get()[0], 1));
    }

    private static boolean sampled(String name, int eighth) {
        return Boolean.getBoolean("shale.allCases") || System.getProperty("shale.cases") != null
                || name.startsWith("realistic") || name.startsWith("schema file") || Math.floorMod(name.hashCode(), 8) == eighth;
    }

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
        addSeeded(all, "table storage option changed", T.replace(");\n", ") with (fillfactor=70, autovacuum_enabled=false);\n"),
                T.replace(");\n", ") with (fillfactor=80, autovacuum_enabled=false, toast_tuple_target=256);\n"));
        addSeeded(all, "table storage option reset", T.replace(");\n", ") with (fillfactor=70, autovacuum_enabled=false);\n"),
                T.replace(");\n", ") with (autovacuum_enabled=false);\n"));
        addSeeded(all, "table to logged", T.replace("create table", "create unlogged table"), T);
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
        add(all, "partitioned table with a foreign key, dropped with what it references",
                "create table ref (id int primary key);"
                        + " create table p (id int, ref_id int, constraint p_ref_fk foreign key (ref_id) references ref (id))"
                        + " partition by range (id); create table p1 partition of p for values from (0) to (10);", "");
        add(all, "foreign key to the columns of a unique index",
                "", "create table jobs (id int primary key, flow int);"
                        + " create unique index jobs_id_flow on jobs (id, flow);"
                        + " create table edges (job int, flow int, foreign key (job, flow) references jobs (id, flow));");
        add(all, "foreign key to a new unique index of an existing table",
                "create table jobs (id int primary key, flow int); create table edges (job int, flow int);",
                "create table jobs (id int primary key, flow int); create unique index jobs_id_flow on jobs (id, flow);"
                        + " create table edges (job int, flow int, foreign key (job, flow) references jobs (id, flow));");
        add(all, "exclusion constraint over an expression", "create table r (valid_from date, valid_to date);",
                "create table r (valid_from date, valid_to date,"
                        + " exclude using gist (daterange(valid_from, valid_to, '[)') with &&));");
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
        moreCases(all);
        addOtherKinds(all);
        addSchemaDir(all);
        String only = System.getProperty("shale.cases");
        if (only != null && !only.isBlank()) {
            Pattern wanted = Pattern.compile(only);
            return all.stream().filter(a -> wanted.matcher((String) a.get()[0]).find());
        }
        return all.stream();
    }

    /** Cases written against the list of kinds and alterations, and their combinations. */
    private static void moreCases(List<Arguments> all) {
        String mood = "create type mood as enum ('sad', 'ok', 'happy');\n";
        String moodLess = "create type mood as enum ('sad', 'happy');\n";
        String p = "create table p (id int primary key, m mood);\n";
        String seedP = "insert into p values (1, 'sad'), (2, 'happy');";
        String countP = "select count(*) from p";
        // moving and dropping across schemas
        add(all, "table moved to another schema", "create schema app;\n" + T, "create schema app;\n" + T.replace("table t", "table app.t"));
        add(all, "enum moved to another schema", "create schema app; create type mood as enum ('a');",
                "create schema app; create type app.mood as enum ('a');");
        addSeeded(all, "view moved to another schema", "create schema app;\n" + T + "create view v as select id from t;",
                "create schema app;\n" + T + "create view app.v as select id from t;");
        add(all, "drop schema with objects", "create schema app; create type app.e as enum ('x'); create sequence app.s;"
                + " create table app.t (id int, e app.e); create view app.v as select id from app.t;", "");
        String sales = "create schema \"Sales\"; create type \"Sales\".\"Status\" as enum ('New', 'Done');"
                + " create table \"Sales\".\"Order\" (\"Id\" int generated always as identity primary key,"
                + " \"Status\" \"Sales\".\"Status\" default 'New', \"from\" text check (\"from\" <> ''), \"Total\" numeric(10,2));"
                + " create index \"Order_Total_idx\" on \"Sales\".\"Order\" (\"Total\" desc);"
                + " create view \"Sales\".\"Open Orders\" as select \"Id\", \"from\" from \"Sales\".\"Order\" where \"Status\" = 'New';"
                + " comment on column \"Sales\".\"Order\".\"from\" is 'origin';";
        add(all, "mixed-case and reserved names everywhere", "", sales);
        add(all, "mixed-case names altered", sales, sales.replace("('New', 'Done')", "('New', 'Paid', 'Done')")
                        .replace("\"Total\" numeric(10,2)", "\"Total\" numeric(12,2), \"Note\" text default 'n/a'")
                        .replace("<> ''", "<> 'x'").replace("(\"Total\" desc)", "(\"Total\" desc, \"Id\")")
                        + " create table \"Sales\".\"Line\" (\"Order\" int references \"Sales\".\"Order\" on delete cascade);",
                "insert into \"Sales\".\"Order\" (\"from\", \"Total\") values ('a', 1);", "select count(*) from \"Sales\".\"Order\"");
        // enums and what mentions them
        add(all, "enum value removed used in a check", mood + p + "alter table p add constraint p_m check (m <> 'ok');",
                moodLess + p + "alter table p add constraint p_m check (m in ('sad', 'happy'));", seedP, countP);
        add(all, "enum value removed kept check", mood + p + "alter table p add constraint p_m check (m <> 'happy');",
                moodLess + p + "alter table p add constraint p_m check (m <> 'happy');", "insert into p values (1, 'sad');", countP);
        add(all, "enum value removed used in an index predicate", mood + p + "create index p_h on p (id) where m = 'happy';",
                moodLess + p + "create index p_h on p (id) where m = 'happy';", seedP, countP);
        add(all, "enum value removed from an indexed column", mood + p + "create index p_m_idx on p (m);",
                moodLess + p + "create index p_m_idx on p (m);", seedP, countP);
        add(all, "enum value removed from a key column", mood + "create table p (m mood primary key);",
                moodLess + "create table p (m mood primary key);", "insert into p values ('sad');", countP);
        add(all, "enum value removed used in a view's literal", mood + p + "create view hv as select 'happy'::mood as h;",
                moodLess + p + "create view hv as select 'happy'::mood as h;", seedP, countP);
        add(all, "enum value removed used in a view's filter", mood + p + "create view pv as select id from p where m = 'happy';",
                moodLess + p + "create view pv as select id from p where m = 'happy';", seedP, countP);
        add(all, "enum value removed under a materialized view", mood + p
                        + "create materialized view pm as select id, m from p; create index pm_m on pm (m);",
                moodLess + p + "create materialized view pm as select id, m from p; create index pm_m on pm (m);", seedP, countP);
        add(all, "enum value removed that was the default", mood + p.replace("m mood", "m mood default 'ok'"),
                moodLess + p.replace("m mood", "m mood default 'happy'"), seedP, countP);
        add(all, "enum value removed in another schema", "create schema app;\n" + mood.replace("mood", "app.mood")
                        + "create table app.p (id int, m app.mood default 'sad', ms app.mood[]);",
                "create schema app;\n" + moodLess.replace("mood", "app.mood")
                        + "create table app.p (id int, m app.mood default 'sad', ms app.mood[]);");
        add(all, "enum value renamed", "create type mood as enum ('sad', 'ok');\n" + p, "create type mood as enum ('sad', 'fine');\n" + p,
                "insert into p values (1, 'sad');", countP);
        add(all, "enum value removed in a partitioned table", mood + "create table pp (id int, m mood) partition by list (id);"
                        + " create table pp_1 partition of pp for values in (1); create table pp_rest partition of pp default;",
                moodLess + "create table pp (id int, m mood) partition by list (id);"
                        + " create table pp_1 partition of pp for values in (1); create table pp_rest partition of pp default;",
                "insert into pp values (1, 'sad'), (2, 'happy');", "select count(*) from pp");
        add(all, "enum dropped with its column", mood + p, "create table p (id int primary key);", seedP, countP);
        add(all, "enum column to text", mood + p, mood + "create table p (id int primary key, m text);", seedP, countP);
        // sequences
        add(all, "sequence with every option", "create sequence s;",
                "create sequence s as smallint increment by -1 minvalue -100 maxvalue -1 start with -1 cache 10 cycle;");
        add(all, "sequence owned by added", T + "create sequence s;", T + "create sequence s owned by t.b;");
        add(all, "sequence owned by removed", T + "create sequence s owned by t.b;", T + "create sequence s;");
        add(all, "sequence in another schema", "", "create schema app; create sequence app.\"Counter\" start 100;"
                + " comment on sequence app.\"Counter\" is 'c'; create table app.t (n bigint default nextval('app.\"Counter\"'));");
        addSeeded(all, "serial to int", T.replace("b int", "b serial"), T.replace("b int", "b int not null"));
        addSeeded(all, "int to serial", T.replace("b int", "b int not null"), T.replace("b int", "b serial"));
        addSeeded(all, "serial to identity", T.replace("id int primary key", "id serial primary key"),
                T.replace("id int primary key", "id int generated by default as identity primary key"));
        String seedOverriding = SEED_T.replace("insert into t select", "insert into t overriding system value select");
        add(all, "identity options changed", T.replace("id int primary key",
                        "id bigint generated always as identity (start with 100 increment by 5 minvalue 10 maxvalue 100000 cache 20 cycle) primary key"),
                T.replace("id int primary key", "id bigint generated always as identity (start with 7 increment by 1 maxvalue 99999) primary key"),
                seedOverriding, COUNT_T);
        add(all, "identity always to by default", T.replace("id int primary key", "id int generated always as identity primary key"),
                T.replace("id int primary key", "id int generated by default as identity primary key"), seedOverriding, COUNT_T);
        addSeeded(all, "identity on a new column", T, T.replace("b int", "b int, n bigint generated always as identity"));
        // column types, defaults, generated columns, collation
        addSeeded(all, "types with modifiers", T, T.replace("b int", "b int, c numeric(8,3), d varchar(5)[], e time(2) with time zone,"
                + " f interval day to second(2), g bit varying(8), h char(3), i timestamp(0), j double precision[][]"));
        addSeeded(all, "timestamp precision changed", T.replace("b int", "b int, c timestamp(6)"), T.replace("b int", "b int, c timestamp(3)"));
        addSeeded(all, "text to varchar", T, T.replace("a text", "a varchar(50)"));
        addSeeded(all, "int to text", T, T.replace("b int", "b text"));
        addSeeded(all, "int to numeric", T, T.replace("b int", "b numeric(12,2)"));
        addSeeded(all, "int to boolean with using", T, T.replace("b int", "b boolean"));
        addSeeded(all, "text array to varchar array", T.replace("b int", "b int, tags text[]"), T.replace("b int", "b int, tags varchar(10)[]"));
        addSeeded(all, "column default dropped", T.replace("b int", "b int default 1"), T);
        addSeeded(all, "function defaults", T, T.replace("b int", "b int, c timestamptz default now(), d text default current_user,"
                + " e date default (current_date + 1), f int[] default array[1, 2]"));
        addSeeded(all, "not null and default added together", T, T.replace("b int", "b int not null default 0"));
        addSeeded(all, "generated column dropped", T.replace("b int", "b int, c int generated always as (b * 2) stored"), T);
        add(all, "generated column in the middle changed", T.replace("a text", "g int generated always as (id * 2) stored, a text"),
                T.replace("a text", "g int generated always as (id * 3) stored, a text"),
                SEED_T.replace("insert into t select", "insert into t (id, a, b) select"), COUNT_T);
        addSeeded(all, "generated to plain column", T.replace("b int", "b int, c int generated always as (b * 2) stored"),
                T.replace("b int", "b int, c int"));
        addSeeded(all, "generated column over a type change", T.replace("b int", "b int, c bigint generated always as (b * 2) stored"),
                T.replace("b int", "b bigint, c bigint generated always as (b * 2) stored"));
        addSeeded(all, "collation and type changed", T.replace("a text", "a varchar(10)"), T.replace("a text", "a text collate \"C\""));
        addSeeded(all, "column comment changed", T + "comment on column t.a is 'one';", T + "comment on column t.a is 'two';");
        // constraints
        addSeeded(all, "primary key columns changed", T.replace("b int", "b int not null"),
                T.replace("id int primary key, a text, b int", "id int not null, a text, b int not null, primary key (b)"));
        addSeeded(all, "primary key renamed", T, T.replace("id int primary key", "id int constraint t_id_pk primary key"));
        addSeeded(all, "unique made nulls not distinct", T.replace("b int", "b int, constraint t_b_key unique (b)"),
                T.replace("b int", "b int, constraint t_b_key unique nulls not distinct (b)"));
        addSeeded(all, "check dropped", T.replace("b int", "b int check (b > 0)"), T);
        addSeeded(all, "check over several columns", T, T.replace("b int", "b int, constraint t_ab check (a is not null or b > 0)"));
        addSeeded(all, "check no inherit", T, T.replace("b int", "b int, constraint t_b check (b > 0) no inherit"));
        String parent = "create table parent (id int primary key, code text unique);\n";
        String child = "create table child (id int primary key, parent_id int references parent);\n";
        String seedPc = "insert into parent values (1, 'a'), (2, 'b'); insert into child values (1, 1), (2, null);";
        String countChild = "select count(*) from child";
        add(all, "foreign key dropped", parent + child, parent + child.replace(" references parent", ""), seedPc, countChild);
        add(all, "foreign key not valid", parent + child.replace(" references parent", ""),
                parent + child.replace(" references parent", "") + "alter table child add constraint child_p foreign key (parent_id)"
                        + " references parent not valid;", seedPc, countChild);
        add(all, "foreign key set null column list", "create table a (x int, y int, primary key (x, y));"
                + " create table b (x int, y int);", "create table a (x int, y int, primary key (x, y));"
                + " create table b (x int, y int, foreign key (x, y) references a on delete set null (y));");
        add(all, "foreign key made not deferrable", parent + child.replace("references parent", "references parent deferrable initially deferred"),
                parent + child, seedPc, countChild);
        add(all, "foreign key to a unique column", parent + "create table child (code text);",
                parent + "create table child (code text references parent (code) on update cascade);",
                "insert into parent values (1, 'a'); insert into child values ('a');", countChild);
        add(all, "referenced key type changed", parent + child, parent.replace("id int", "id bigint") + child.replace("parent_id int", "parent_id bigint"),
                seedPc, countChild);
        add(all, "referenced key type changed alone", parent + child, parent.replace("id int", "id bigint") + child, seedPc, countChild);
        add(all, "referenced key text to int", "create table parent (id text primary key);\ncreate table child (parent_id text references parent);",
                "create table parent (id int primary key);\ncreate table child (parent_id int references parent);",
                "insert into parent values ('1'); insert into child values ('1');", countChild);
        // The down script cannot bring the dropped rows back, so the child's row refers to no parent.
        add(all, "drop table referenced by another", parent + child, child.replace(" references parent", ""),
                "insert into child values (2, null);", countChild);
        add(all, "self foreign key added", "create table node (id int primary key, parent int);",
                "create table node (id int primary key, parent int references node on delete cascade);",
                "insert into node values (1, null), (2, 1);", "select count(*) from node");
        add(all, "cross schema foreign key added", "create schema s1; create schema s2; create table s1.a (id int primary key);"
                + " create table s2.b (a_id int);", "create schema s1; create schema s2; create table s1.a (id int primary key);"
                + " create table s2.b (a_id int references s1.a);");
        add(all, "foreign key cycle added", "create table a (id int primary key, b_id int); create table b (id int primary key, a_id int);",
                "create table a (id int primary key, b_id int); create table b (id int primary key,"
                        + " a_id int references a); alter table a add foreign key (b_id) references b;");
        add(all, "exclusion constraint changed", "create table r (id int, during tsrange, exclude using gist (during with &&));",
                "create table r (id int, during tsrange, constraint r_during_excl exclude using gist (during with &&) where (id > 0)"
                        + " deferrable initially deferred);");
        add(all, "exclusion constraint dropped", "create table r (during tsrange, exclude using gist (during with &&));",
                "create table r (during tsrange);");
        // indexes
        addSeeded(all, "gin expression index", T, T + "create index t_fts on t using gin (to_tsvector('simple'::regconfig, a));");
        addSeeded(all, "gist index", T, T + "create index t_r on t using gist (int4range(b, b + 1));");
        addSeeded(all, "brin index with storage parameter", T, T + "create index t_b on t using brin (b) with (pages_per_range = 32);");
        addSeeded(all, "index storage parameter changed", T + "create index t_a on t (a) with (fillfactor = 70);",
                T + "create index t_a on t (a) with (fillfactor = 50);");
        addSeeded(all, "index predicate changed", T + "create index t_a on t (a) where b > 0;", T + "create index t_a on t (a) where b > 10;");
        addSeeded(all, "index made unique", T + "create index t_a on t (a);", T + "create unique index t_a on t (a);");
        addSeeded(all, "index order changed", T + "create index t_a on t (a nulls first);", T + "create index t_a on t (a desc nulls last);");
        addSeeded(all, "index with collation", T, T + "create index t_c on t (a collate \"C\");");
        addSeeded(all, "index dropped with its comment", T + "create index t_x on t (a); comment on index t_x is 'x';", T);
        addSeeded(all, "index include changed", T + "create index t_inc on t (b) include (a);", T + "create index t_inc on t (b) include (a, id);");
        addSeeded(all, "materialized view definition changed with index", T + "create materialized view mv as select id, a from t;"
                        + " create unique index mv_id on mv (id);",
                T + "create materialized view mv as select id, a, b from t; create unique index mv_id on mv (id);");
        addSeeded(all, "materialized view index changed", T + "create materialized view mv as select id, a from t; create index mv_a on mv (a);",
                T + "create materialized view mv as select id, a from t; create index mv_a on mv (a, id);");
        // views
        addSeeded(all, "view with check option", T, T + "create view v as select id, b from t where b > 0 with local check option;");
        addSeeded(all, "view options changed", T + "create view v with (security_barrier=true) as select id from t;",
                T + "create view v with (security_invoker=true) as select id from t;");
        addSeeded(all, "view column names", T, T + "create view v (x, y) as select id, a from t;");
        addSeeded(all, "view column default", T + "create view v as select id, a from t;",
                T + "create view v as select id, a from t; alter view v alter column a set default 'z';");
        addSeeded(all, "view under a view changed", T + "create view v1 as select id, a from t; create view v2 as select id from v1;",
                T + "create view v1 as select id, a, b from t; create view v2 as select id from v1;");
        addSeeded(all, "view and its dependent dropped", T + "create view v1 as select id, a from t; create view v2 as select id from v1;", T);
        addSeeded(all, "view comments changed", T + "create view v as select id, a from t; comment on view v is 'one';"
                        + " comment on column v.a is 'a1';",
                T + "create view v as select id, a from t; comment on view v is 'two';");
        addSeeded(all, "materialized view over a type change", T + "create materialized view mv as select id, b from t;"
                        + " create index mv_b on mv (b); comment on materialized view mv is 'm';",
                T.replace("b int", "b bigint") + "create materialized view mv as select id, b from t;"
                        + " create index mv_b on mv (b); comment on materialized view mv is 'm';");
        addSeeded(all, "view over a column it does not read", T + "create view v as select id from t;",
                T.replace("a text", "a varchar(5)") + "create view v as select id from t;");
        // partitions
        add(all, "hash partitions", "", "create table h (id int primary key, v text) partition by hash (id);"
                + " create table h_0 partition of h for values with (modulus 2, remainder 0);"
                + " create table h_1 partition of h for values with (modulus 2, remainder 1);");
        String ranged = "create table m (id int, at date not null, v int, primary key (id, at)) partition by range (at);\n"
                + "create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');\n";
        String seedM = "insert into m values (1, '2024-05-01', 1);";
        String countM = "select count(*) from m";
        add(all, "partitioned column type changed", ranged, ranged.replace("v int", "v bigint"), seedM, countM);
        add(all, "partitioned check and foreign key added", "create table k (id int primary key);\n" + ranged,
                "create table k (id int primary key);\n" + ranged.replace("v int", "v int check (v > 0) references k"));
        add(all, "partition bound changed", ranged, ranged.replace("'2025-01-01'", "'2026-01-01'"), seedM, countM);
        add(all, "partition default and index", ranged, ranged + "create table m_d partition of m default;"
                + " create index m_v on m (v); create index m_2024_extra on m_2024 (v desc);", seedM, countM);
        add(all, "partitioned unique and comment", ranged, ranged + "alter table m add constraint m_v_at unique (v, at);"
                + " comment on table m is 'parts'; comment on table m_2024 is 'this year';", seedM, countM);
        add(all, "partitioned default and not null changed", ranged, ranged.replace("v int", "v int not null default 3"), seedM, countM);
        add(all, "partition detached", ranged + "create index m_v on m (v);", ranged.replace(
                "create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');",
                "create table m_2024 (id int not null, at date not null, v int, constraint m_2024_pkey primary key (id, at));"
                        + " create index m_v on m (v); create index m_2024_v_idx on m_2024 (v);"), seedM, "select count(*) from m_2024");
        add(all, "partition with its own check and comment", ranged, ranged + "alter table m_2024 add constraint m_2024_v check (v > 0);"
                + " comment on column m_2024.v is 'v';", seedM, countM);
        // renames with dependents (the decider accepts them)
        add(all, "rename column with dependents", T + "create index t_a on t (a) where a <> ''; alter table t add constraint t_a_check"
                        + " check (a <> 'z'); create view v as select id, a from t;",
                T.replace("a text", "a2 text") + "create index t_a on t (a2) where a2 <> ''; alter table t add constraint t_a_check"
                        + " check (a2 <> 'z'); create view v as select id, a2 from t;", SEED_T, COUNT_T);
        add(all, "rename referenced table", parent + child, parent.replace("table parent", "table parent2")
                + child.replace("references parent", "references parent2"), seedPc, countChild);
        add(all, "rename referenced column", parent + child, parent.replace("id int", "pid int") + child, seedPc, countChild);
        add(all, "rename table with identity and index", "create table t (id int generated always as identity primary key, a text);"
                        + " create index t_a on t (a);",
                "create table t2 (id int generated always as identity primary key, a text); create index t_a on t2 (a);");
        add(all, "rename column read by a view under its old name", T + "create view v as select id, a from t;",
                T.replace("a text", "a2 text") + "create view v as select id, a2 as a from t;", SEED_T, COUNT_T);
        add(all, "rename identity column", "create table t (id int generated always as identity primary key, a text);",
                "create table t (key int generated always as identity primary key, a text);");
        // what reads a column whose type changes
        addSeeded(all, "expression index and check over a type change", T + "create index t_lower on t (lower(a));"
                        + " alter table t add constraint t_a check (a <> '');",
                T.replace("a text", "a varchar(20)") + "create index t_lower on t (lower(a));"
                        + " alter table t add constraint t_a check (a <> '');");
        addSeeded(all, "check over a type change", T.replace("b int", "b int check (b > 0)"), T.replace("b int", "b bigint check (b > 0)"));
        add(all, "enum value added and another removed", "create type mood as enum ('sad', 'ok');\n" + p,
                "create type mood as enum ('sad', 'happy');\n" + p, "insert into p values (1, 'sad');", countP);
        add(all, "enum value added and used at once", moodLess + p.replace("m mood", "m mood default 'sad'"),
                mood + p.replace("m mood", "m mood default 'ok', ms mood[] default '{ok}'")
                        + "create index p_ok on p (id) where m = 'ok';", seedP, countP);
        // persistence of owned sequences
        add(all, "unlogged table with serial and identity", "", "create unlogged table u (id serial, n int generated always as identity);");
        add(all, "serial table to unlogged", "create table u (id serial, n int generated always as identity);",
                "create unlogged table u (id serial, n int generated always as identity);");
        add(all, "foreign key to a partitioned table", ranged, ranged + "create table mr (id int, at date, foreign key (id, at) references m);");
        // more combinations
        add(all, "text with default to enum", mood + "create table p (id int, m text default 'sad');",
                mood + "create table p (id int, m mood default 'sad');", "insert into p values (1, 'ok');", countP);
        add(all, "enum array with default to text array", mood + "create table p (id int, ms mood[] default '{sad}');",
                mood + "create table p (id int, ms text[] default '{sad}');", "insert into p values (1, '{ok,happy}');", countP);
        addSeeded(all, "unique constraint to unique index", T.replace("b int", "b int constraint t_b_key unique"),
                T + "create unique index t_b_key on t (b);");
        addSeeded(all, "index with every option", T, T + "create unique index t_all on t (lower(a) text_pattern_ops desc nulls last, b)"
                + " include (id) with (fillfactor = 80) where b > 0;");
        add(all, "foreign key moved to another table", parent + "create table other (id int primary key);\n" + child,
                parent + "create table other (id int primary key);\n" + child.replace("references parent", "references other"));
        add(all, "primary key dropped under a foreign key", parent + child,
                parent.replace("id int primary key", "id int not null") + child.replace(" references parent", ""), seedPc, countChild);
        add(all, "column with index, check and view dropped", T + "create index t_ab on t (a, b); alter table t add constraint t_ab_check"
                + " check (a <> '' and b > 0); create view v as select id, b from t;", T.replace(", b int", ""), SEED_T, COUNT_T);
        addSeeded(all, "materialized view options and column comment", T, T + "create materialized view mv with (fillfactor=60) as"
                + " select id, a from t; comment on column mv.a is 'ma';");
        addSeeded(all, "view over a materialized view", T, T + "create materialized view mv as select id, a from t;"
                + " create view v as select id from mv;");
        addSeeded(all, "view check option changed", T + "create view v as select id, b from t where b > 0 with local check option;",
                T + "create view v as select id, b from t where b > 0 with cascaded check option;");
        add(all, "identity with its own sequence name", "create schema app;", "create schema app; create table app.t (id bigint"
                + " generated by default as identity (sequence name app.t_ids start with 10) primary key, a text);");
        addSeeded(all, "generated column with a function", T, T.replace("b int", "b int, la text generated always as (lower(a)) stored"));
        add(all, "same table name in two schemas", "create schema s1; create schema s2; create table s1.t (id int primary key);",
                "create schema s1; create schema s2; create table s1.t (id int primary key, a text); create table s2.t (id int primary key"
                        + " references s1.t);");
        addSeeded(all, "timestamp to timestamptz and date", T.replace("b int", "b int, c timestamp, d timestamptz"),
                T.replace("b int", "b int, c timestamptz, d date"));
        addSeeded(all, "exclusion constraint on a table with rows", T.replace("b int", "b int, r int4range"),
                T.replace("b int", "b int, r int4range, exclude using gist (r with &&)"));
        String quoted = "create type \"Level\" as enum ('low one', 'High');\n"
                + "create table \"user\" (\"select\" int constraint \"User PK\" primary key, \"Name\" text, lvl \"Level\");\n"
                + "create table \"order\" (id int, \"user\" int constraint \"Order->User\" references \"user\" on delete cascade,"
                + " constraint \"Check Me\" check (length(\"user\"::text) < 10));\n"
                + "create index \"Idx Upper\" on \"order\" (\"user\" desc);\n";
        String seedQuoted = "insert into \"user\" values (1, 'a', 'High'); insert into \"order\" values (1, 1);";
        add(all, "quoted constraint and index names changed", quoted, quoted.replace("< 10", "< 12").replace("(\"user\" desc)",
                "(\"user\" desc, id)").replace("on delete cascade", "on delete restrict"), seedQuoted, "select count(*) from \"order\"");
        add(all, "rename reserved-word column", quoted, quoted.replace("\"select\" int", "\"from\" int"), seedQuoted,
                "select count(*) from \"order\"");
        add(all, "rename reserved-word referenced table", quoted, quoted.replace("table \"user\"", "table \"Users\"")
                .replace("references \"user\"", "references \"Users\""), seedQuoted, "select count(*) from \"order\"");
        add(all, "sequence owned by a column in another schema", "create schema app; create table app.t (n bigint); create sequence app.s;",
                "create schema app; create table app.t (n bigint); create sequence app.s owned by app.t.n;");
        // comments removed
        add(all, "comments removed", "create schema app; comment on schema app is 's'; create type app.e as enum ('x');"
                        + " comment on type app.e is 'e'; create table app.t (id int primary key, a text); comment on table app.t is 't';"
                        + " comment on column app.t.a is 'a'; comment on constraint t_pkey on app.t is 'k';"
                        + " create index t_a on app.t (a); comment on index app.t_a is 'i';",
                "create schema app; create type app.e as enum ('x'); create table app.t (id int primary key, a text);"
                        + " create index t_a on app.t (a);");
    }

    /**
     * {@code -Dshale.schemaDir=DIR}: every {@code NAME.sql} there as a case from nothing (and, with a
     * {@code NAME.next.sql} beside it, from one to the other): a schema of your own through the whole suite.
     */
    private static void addSchemaDir(List<Arguments> all) {
        String dir = System.getProperty("shale.schemaDir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir))) {
            for (java.nio.file.Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".sql") || name.endsWith(".next.sql")) {
                    continue;
                }
                String sql = java.nio.file.Files.readString(file);
                add(all, "schema file " + name, "", sql);
                java.nio.file.Path next = file.resolveSibling(name.replaceFirst("\\.sql$", ".next.sql"));
                if (java.nio.file.Files.isRegularFile(next)) {
                    add(all, "schema file " + name + " changed", sql, java.nio.file.Files.readString(next));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("-Dshale.schemaDir=" + dir + " cannot be read", e);
        }
    }

    /** The cases of the kinds beyond tables, each kind's in a class of its own. */
    private static void addOtherKinds(List<Arguments> all) {
        all.addAll(RoutineCases.cases());
        all.addAll(TriggerPolicyCases.cases());
        all.addAll(PrivilegeCases.cases());
        all.addAll(TypeCases.cases());
        all.addAll(RealisticCases.cases());
        all.addAll(ExistingRowsCases.cases());
    }

    static void add(List<Arguments> all, String name, String before, String after) {
        add(all, name, before, after, null, null);
    }

    static void addSeeded(List<Arguments> all, String name, String before, String after) {
        add(all, name, before, after, SEED_T, COUNT_T);
    }

    /** A change case: its name, the schema before and after, and optionally rows to seed and a query they must still answer alike. */
    static void add(List<Arguments> all, String name, String before, String after, String seed, String count) {
        all.add(Arguments.of(name, before, after, seed, count));
    }
}
