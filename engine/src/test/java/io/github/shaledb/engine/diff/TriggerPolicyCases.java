package io.github.shaledb.engine.diff;

import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;

import static io.github.shaledb.engine.diff.DiffCases.SEED_T;
import static io.github.shaledb.engine.diff.DiffCases.add;
import static io.github.shaledb.engine.diff.DiffCases.addSeeded;

/**
 * Change cases of triggers, event triggers, row-level security and policies, and of what they use (see
 * {@link DiffCases}). Every name holds "trigger", "policy" or "row level security", so
 * {@code -Dshale.cases='trigger|polic|row level security'} runs them all.
 */
final class TriggerPolicyCases {
    private TriggerPolicyCases() {
    }

    private static final String T = "create table t (id int primary key, a text, b int);\n";

    private static final String TOUCH = "create function touch() returns trigger language plpgsql as $$"
            + " begin new.b := coalesce(new.b, 0) + 1; return new; end $$;\n";
    private static final String NOOP = "create function noop() returns trigger language plpgsql as $$"
            + " begin return null; end $$;\n";
    private static final String BASE = T + TOUCH + NOOP;
    private static final String ROW_TRIGGER = "create trigger t_touch before insert or update of a, b on t for each row"
            + " when (new.a is not null) execute function touch();\n";

    private static final String ON_DDL = "create function on_ddl() returns event_trigger language plpgsql as $$"
            + " begin end $$;\n";
    private static final String EVENT_TRIGGER = "create event trigger log_ddl on ddl_command_end"
            + " when tag in ('CREATE TABLE', 'ALTER TABLE') execute function on_ddl();\n";

    private static final String READ_POLICY = "create policy t_read on t for select to app_reader using (b > 0);\n";

    static List<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        triggers(all);
        eventTriggers(all);
        rowSecurity(all);
        policies(all);
        dependencies(all);
        renames(all);
        return all;
    }

    private static void triggers(List<Arguments> all) {
        addSeeded(all, "trigger created", BASE, BASE + ROW_TRIGGER);
        addSeeded(all, "trigger dropped", BASE + ROW_TRIGGER, BASE);
        addSeeded(all, "trigger timing and events changed", BASE + ROW_TRIGGER, BASE
                + "create trigger t_touch after insert or delete or truncate on t for each statement execute function noop();\n");
        addSeeded(all, "trigger update of columns and when changed", BASE + ROW_TRIGGER, BASE
                + "create trigger t_touch before update of b on t for each row when (old.b is distinct from new.b and"
                + " new.a <> 'keep') execute function touch();\n");
        addSeeded(all, "trigger with transition tables", BASE, BASE
                + "create trigger t_inserted after insert on t referencing new table as inserted for each statement"
                + " execute function noop();\n"
                + "create trigger t_updated after update on t referencing old table as before_rows new table as after_rows"
                + " for each statement execute function noop();\n");
        addSeeded(all, "trigger function arguments changed", BASE + "create trigger t_note after insert on t for each row"
                        + " execute function noop('x');\n",
                BASE + "create trigger t_note after insert on t for each row execute function noop('y', 'it''s');\n");
        addSeeded(all, "trigger moved to another function", BASE + ROW_TRIGGER, T + NOOP + ROW_TRIGGER.replace("touch()", "noop()"));
        addSeeded(all, "constraint trigger created", BASE, BASE + "create constraint trigger t_check after insert or update on t"
                + " deferrable initially deferred for each row execute function noop();\n");
        addSeeded(all, "constraint trigger changed", BASE + "create constraint trigger t_check after insert or update on t"
                        + " deferrable initially deferred for each row execute function noop();\n",
                BASE + "create constraint trigger t_check after insert on t not deferrable for each row execute function noop();\n");
        addSeeded(all, "trigger to constraint trigger", BASE + "create trigger t_check after insert on t for each row"
                + " execute function noop();\n", BASE + "create constraint trigger t_check after insert on t deferrable"
                + " for each row execute function noop();\n");
        addSeeded(all, "trigger disabled", BASE + ROW_TRIGGER, BASE + ROW_TRIGGER + "alter table t disable trigger t_touch;\n");
        addSeeded(all, "trigger enabled for replica and always", BASE + ROW_TRIGGER
                        + "create trigger t_after after insert on t for each row execute function noop();\n",
                BASE + ROW_TRIGGER + "create trigger t_after after insert on t for each row execute function noop();\n"
                        + "alter table t enable replica trigger t_touch; alter table t enable always trigger t_after;\n");
        addSeeded(all, "disabled trigger changed", BASE + ROW_TRIGGER + "alter table t disable trigger t_touch;\n",
                BASE + ROW_TRIGGER.replace("new.a is not null", "new.a <> ''") + "alter table t disable trigger t_touch;\n");
        addSeeded(all, "trigger comment", BASE + ROW_TRIGGER, BASE + ROW_TRIGGER + "comment on trigger t_touch on t is 'bumps b';\n");
        addSeeded(all, "commented trigger changed", BASE + ROW_TRIGGER + "comment on trigger t_touch on t is 'bumps b';\n",
                BASE + ROW_TRIGGER.replace("before insert or", "before") + "comment on trigger t_touch on t is 'bumps b on updates';\n");
        addSeeded(all, "triggers of the same name on two tables", BASE, BASE + "create table u (id int, b int);\n"
                + ROW_TRIGGER.replace("of a, b", "of b").replace("new.a", "new.b")
                + ROW_TRIGGER.replace(" on t ", " on u ").replace("of a, b", "of b").replace("new.a", "new.b")
                + "comment on trigger t_touch on u is 'the other one';\n");
        add(all, "trigger with quoted names in a schema", "create schema app;\n" + NOOP,
                "create schema app;\n" + NOOP + "create table app.\"My Table\" (\"Id\" int, \"select\" text);\n"
                        + "create trigger \"Audit It\" after update of \"select\", \"Id\" on app.\"My Table\" for each row"
                        + " when (new.\"select\" <> old.\"select\") execute function noop();\n"
                        + "comment on trigger \"Audit It\" on app.\"My Table\" is 'quoted';\n");
        String partitioned = "create table pt (id int, k text, b int) partition by list (k);\n"
                + "create table pt_a partition of pt for values in ('a');\n"
                + "create table pt_b partition of pt for values in ('b');\n";
        String seedPartitioned = "insert into pt select g, case when g % 2 = 0 then 'a' else 'b' end, g"
                + " from generate_series(1, 10) g;";
        add(all, "trigger on a partitioned table", NOOP + partitioned, NOOP + partitioned
                        + "create trigger pt_row after insert or update on pt for each row execute function noop();\n"
                        + "create trigger pt_statement after delete on pt for each statement execute function noop();\n",
                seedPartitioned, "select count(*) from pt");
        add(all, "trigger on a partitioned table changed and disabled", NOOP + partitioned
                        + "create trigger pt_row after insert or update on pt for each row execute function noop();\n",
                NOOP + partitioned + "create trigger pt_row after insert on pt for each row when (new.b > 0)"
                        + " execute function noop();\nalter table pt disable trigger pt_row;\n",
                seedPartitioned, "select count(*) from pt");
        add(all, "trigger on a partition of its own", NOOP + partitioned, NOOP + partitioned
                        + "create trigger pt_a_only before update on pt_a for each row execute function noop();\n",
                seedPartitioned, "select count(*) from pt");
        add(all, "trigger on a new partition of a partitioned table with one", NOOP + partitioned
                        + "create trigger pt_row after insert on pt for each row execute function noop();\n",
                NOOP + partitioned + "create table pt_c partition of pt for values in ('c');\n"
                        + "create trigger pt_row after insert on pt for each row execute function noop();\n",
                seedPartitioned, "select count(*) from pt");
        String view = "create view tv as select id, a from t;\n"
                + "create function tv_insert() returns trigger language plpgsql as $$ begin insert into t (id, a)"
                + " values (new.id, new.a); return new; end $$;\n";
        String insteadOf = "create trigger tv_insert instead of insert on tv for each row execute function tv_insert();\n";
        addSeeded(all, "instead of trigger on a view", T + view, T + view + insteadOf
                + "comment on trigger tv_insert on tv is 'writes through';\n");
        addSeeded(all, "view with a trigger whose query changes", T + view + insteadOf
                        + "comment on trigger tv_insert on tv is 'writes through';\n",
                T + view.replace("select id, a from t", "select id, a from t where b > 0") + insteadOf
                        + "comment on trigger tv_insert on tv is 'writes through';\n");
        add(all, "trigger and its table dropped", BASE + ROW_TRIGGER, TOUCH + NOOP, SEED_T, null);
        add(all, "trigger with its table and function dropped", BASE + ROW_TRIGGER, "", SEED_T, null);
    }

    private static void eventTriggers(List<Arguments> all) {
        add(all, "event trigger created", ON_DDL, ON_DDL + EVENT_TRIGGER + "comment on event trigger log_ddl is 'logs';\n");
        add(all, "event trigger with its function created", "", ON_DDL + EVENT_TRIGGER
                + "create event trigger on_drop on sql_drop execute function on_ddl();\n");
        add(all, "event trigger tags changed", ON_DDL + EVENT_TRIGGER,
                ON_DDL + EVENT_TRIGGER.replace("'CREATE TABLE', 'ALTER TABLE'", "'DROP TABLE', 'CREATE TABLE', 'CREATE INDEX'"));
        add(all, "event trigger event changed", ON_DDL + EVENT_TRIGGER + "comment on event trigger log_ddl is 'logs';\n",
                ON_DDL + EVENT_TRIGGER.replace("ddl_command_end", "ddl_command_start")
                        + "comment on event trigger log_ddl is 'logs';\n");
        add(all, "event trigger disabled", ON_DDL + EVENT_TRIGGER, ON_DDL + EVENT_TRIGGER + "alter event trigger log_ddl disable;\n");
        add(all, "event trigger enabled for replica and always", ON_DDL + EVENT_TRIGGER
                        + "create event trigger on_drop on sql_drop execute function on_ddl();\n",
                ON_DDL + EVENT_TRIGGER + "create event trigger on_drop on sql_drop execute function on_ddl();\n"
                        + "alter event trigger log_ddl enable replica; alter event trigger on_drop enable always;\n");
        add(all, "event trigger function body changed", ON_DDL + EVENT_TRIGGER,
                ON_DDL.replace("begin end", "begin raise notice 'ddl'; end") + EVENT_TRIGGER);
        add(all, "event trigger moved to another function", ON_DDL + EVENT_TRIGGER,
                ON_DDL.replace("on_ddl", "on_ddl_2") + EVENT_TRIGGER.replace("on_ddl()", "on_ddl_2()"));
    }

    private static void rowSecurity(List<Arguments> all) {
        addSeeded(all, "row level security enabled", T, T + "alter table t enable row level security;\n");
        addSeeded(all, "row level security forced", T + "alter table t enable row level security;\n",
                T + "alter table t enable row level security, force row level security;\n");
        addSeeded(all, "row level security forced only", T, T + "alter table t force row level security;\n");
        addSeeded(all, "row level security enabled and forced with policies", T, T
                + "alter table t enable row level security; alter table t force row level security;\n" + READ_POLICY
                + "create policy t_write on t for insert to app_writer with check (a is not null);\n");
        add(all, "row level security of a recreated table", "create table pt (id int, k text);\n"
                        + "alter table pt enable row level security;\n",
                "create table pt (id int, k text) partition by list (k);\nalter table pt enable row level security,"
                        + " force row level security;\n");
    }

    private static void policies(List<Arguments> all) {
        addSeeded(all, "policy created", T, T + READ_POLICY);
        addSeeded(all, "policy for all to public with check", T, T + "create policy t_all on t using (b > 0) with check (b < 100);\n");
        addSeeded(all, "policy for every command", T, T + "alter table t enable row level security;\n"
                + "create policy t_select on t for select using (true);\n"
                + "create policy t_insert on t for insert with check (b is not null);\n"
                + "create policy t_update on t for update using (b > 0) with check (b > 0);\n"
                + "create policy t_delete on t for delete to app_admin using (a = current_user);\n");
        addSeeded(all, "policy roles changed", T + READ_POLICY, T + READ_POLICY.replace("to app_reader", "to app_writer, app_reader"));
        addSeeded(all, "policy roles to public", T + READ_POLICY, T + READ_POLICY.replace("to app_reader", "to public"));
        addSeeded(all, "policy using changed", T + READ_POLICY, T + READ_POLICY.replace("b > 0", "b > 0 and a <> 'hidden'"));
        addSeeded(all, "policy with check added", T + "create policy t_all on t to app_writer using (b > 0);\n",
                T + "create policy t_all on t to app_writer using (b > 0) with check (b > 10);\n");
        addSeeded(all, "policy with check replaces using", T + "create policy t_all on t using (b > 0);\n",
                T + "create policy t_all on t with check (b > 0);\n");
        addSeeded(all, "policy roles, using and with check changed together",
                T + "create policy t_all on t to app_writer using (b > 0) with check (b > 10);\n",
                T + "create policy t_all on t to app_admin, app_writer using (b >= 0) with check (b > 5);\n");
        addSeeded(all, "policy made restrictive", T + READ_POLICY, T + READ_POLICY.replace("for select", "as restrictive for select"));
        addSeeded(all, "policy command changed", T + READ_POLICY, T + READ_POLICY.replace("for select", "for update"));
        addSeeded(all, "policy comment", T + READ_POLICY, T + READ_POLICY + "comment on policy t_read on t is 'readers see positives';\n");
        addSeeded(all, "policies of the same name on two tables", T, T + "create table u (id int, b int);\n" + READ_POLICY
                + READ_POLICY.replace(" on t ", " on u ") + "comment on policy t_read on u is 'the other one';\n");
        add(all, "policy with quoted names in a schema", "create schema app;\n", "create schema app;\n"
                + "create table app.\"My Table\" (\"Id\" int, \"select\" text);\n"
                + "alter table app.\"My Table\" enable row level security;\n"
                + "create policy \"Readers Only\" on app.\"My Table\" for select to app_reader using (\"select\" <> 'x'"
                + " and \"Id\" > 0);\n" + "comment on policy \"Readers Only\" on app.\"My Table\" is 'quoted';\n");
        String members = "create table m (id int primary key, t_id int);\n";
        addSeeded(all, "policy reading another table", T + members, T + members + "create policy t_member on t using"
                + " (exists (select 1 from m where m.t_id = t.id));\n");
        addSeeded(all, "policy no longer reading a table that is dropped", T + members + "create policy t_member on t using"
                + " (exists (select 1 from m where m.t_id = t.id));\n", T + "create policy t_member on t using (b > 0);\n");
        String memberView = "create view mv as select t_id from m;\n";
        addSeeded(all, "policy reading a view whose query changes", T + members + memberView + "create policy t_member on t"
                        + " using (exists (select 1 from mv where mv.t_id = t.id));\n",
                T + members + memberView.replace("from m", "from m where id > 0") + "create policy t_member on t"
                        + " using (exists (select 1 from mv where mv.t_id = t.id));\n");
        String viaFunction = "create function in_mv(x int) returns boolean language sql stable begin atomic"
                + " select exists (select 1 from mv where mv.t_id = x); end;\n";
        addSeeded(all, "trigger and policy over a function reading a view whose query changes", BASE + members + memberView
                        + viaFunction + "create policy t_member on t using (in_mv(id));\n"
                        + "create trigger t_member before update on t for each row when (in_mv(new.id)) execute function touch();\n",
                BASE + members + memberView.replace("from m", "from m where id > 0") + viaFunction
                        + "create policy t_member on t using (in_mv(id));\n"
                        + "create trigger t_member before update on t for each row when (in_mv(new.id)) execute function touch();\n");
        add(all, "policy and the table it reads dropped", T + members + "create policy t_member on t using"
                + " (exists (select 1 from m where m.t_id = t.id));\n", "", SEED_T, null);
        add(all, "policy and its table dropped", T + READ_POLICY + "alter table t enable row level security;\n", "",
                SEED_T, null);
    }

    /** Triggers and policies over what the diff drops and creates again. */
    private static void dependencies(List<Arguments> all) {
        String isBig = "create function is_big(x int) returns boolean language sql immutable as $$ select x > 10 $$;\n";
        String score = "create function score(x int) returns int language sql immutable as $$ select x * 2 $$;\n";
        String whenIsBig = "create trigger t_big before update on t for each row when (is_big(new.b)) execute function touch();\n";
        String whenScore = "create trigger t_score after insert on t for each row when (score(new.b) > 0) execute function noop();\n";
        String policyIsBig = "create policy t_big on t for select to app_reader using (is_big(b));\n";
        String policyScore = "create policy t_score on t for select to app_reader using (score(b) > 1);\n";
        addSeeded(all, "trigger and policy over a function whose arguments change", BASE + isBig + whenIsBig + policyIsBig,
                BASE + isBig.replace("x int", "y int").replace("x > 10", "y > 10") + whenIsBig + policyIsBig);
        addSeeded(all, "trigger and policy over a function whose argument type changes", BASE + isBig + whenIsBig + policyIsBig,
                BASE + isBig.replace("x int", "x bigint") + whenIsBig + policyIsBig);
        addSeeded(all, "trigger and policy over a function whose return type changes", BASE + score + whenScore + policyScore,
                BASE + score.replace("returns int", "returns bigint") + whenScore + policyScore);
        addSeeded(all, "trigger and policy over a function whose body changes", BASE + score + whenScore + policyScore,
                BASE + score.replace("x * 2", "x * 3") + whenScore + policyScore);
        String partitionedT = "create table t (id int, a text, b int) partition by list (a);\n"
                + "create table t_x partition of t for values in ('x');\n";
        add(all, "trigger and policy on a table that is recreated", T + TOUCH + NOOP + ROW_TRIGGER + READ_POLICY
                        + "comment on trigger t_touch on t is 'bumps b';\n",
                partitionedT + TOUCH + NOOP + ROW_TRIGGER.replace("before", "after") + READ_POLICY
                        + "comment on trigger t_touch on t is 'bumps b';\n");
        addSeeded(all, "trigger and policy over a column whose type changes", BASE + ROW_TRIGGER + READ_POLICY,
                BASE.replace("b int", "b bigint") + ROW_TRIGGER + READ_POLICY);
        addSeeded(all, "trigger and policy over a column that is dropped", BASE + ROW_TRIGGER + READ_POLICY,
                BASE.replace(", b int", "") + ROW_TRIGGER.replace("of a, b", "of a") + READ_POLICY.replace("b > 0", "a <> ''"));
        String mood = "create type mood as enum ('sad', 'ok', 'happy');\n";
        String moodTable = "create table p (id int, m mood);\n"
                + "create trigger p_sad after update on p for each row when (new.m = 'sad') execute function noop();\n"
                + "create policy p_happy on p for select using (m = 'happy');\n";
        add(all, "trigger and policy over an enum column whose value goes", mood + NOOP + moodTable,
                mood.replace(", 'ok'", "") + NOOP + moodTable, "insert into p values (1, 'sad'), (2, 'happy');",
                "select count(*) from p");
        String tv = "create view tv as select id, b from t;\n"
                + "create trigger tv_insert instead of insert on tv for each row execute function noop();\n";
        addSeeded(all, "instead of trigger on a view over a column whose type changes", BASE + tv,
                BASE.replace("b int", "b bigint") + tv);
        String reads = "create function t_has(x int) returns boolean language sql stable begin atomic"
                + " select exists (select 1 from t where id = x); end;\n";
        add(all, "trigger and policy over a function reading a table, all dropped", BASE + reads
                        + "create table u (id int, v int);\n"
                        + "create trigger u_check after insert on u for each row when (t_has(new.v)) execute function noop();\n"
                        + "create policy u_read on u using (t_has(v));\n",
                "", SEED_T, null);
    }

    /** Case names starting with "rename" accept the renames. */
    private static void renames(List<Arguments> all) {
        String things = ROW_TRIGGER + "create trigger t_after after update of b on t for each row when (old.b <> new.b)"
                + " execute function noop();\n" + "alter table t enable row level security;\n" + READ_POLICY
                + "create policy t_write on t for update using (a <> 'x') with check (b > 0);\n"
                + "comment on trigger t_after on t is 'after';\ncomment on policy t_write on t is 'writers';\n";
        add(all, "rename table with triggers and policies", BASE + things, TOUCH + NOOP + T.replace("table t ", "table t2 ")
                + things.replace(" on t ", " on t2 ").replace("table t ", "table t2 "), SEED_T, null);
        String renamed = T.replace("b int", "c int") + TOUCH.replace("new.b", "new.c") + NOOP;
        addSeeded(all, "rename column used by triggers and policies", BASE + things,
                renamed + things.replace("of a, b", "of a, c").replace("of b", "of c").replace("old.b <> new.b", "old.c <> new.c")
                        .replace("b > 0", "c > 0"));
        add(all, "rename table and column used by a trigger's when", BASE + ROW_TRIGGER,
                TOUCH + NOOP + "create table t2 (id int primary key, \"Aa\" text, b int);\n"
                        + ROW_TRIGGER.replace(" on t ", " on t2 ").replace("of a, b", "of \"Aa\", b")
                        .replace("new.a", "new.\"Aa\""), SEED_T, null);
    }
}
