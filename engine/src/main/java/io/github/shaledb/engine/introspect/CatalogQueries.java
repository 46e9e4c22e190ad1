package io.github.shaledb.engine.introspect;

/**
 * The catalog queries, one per object kind, each over all managed schemas at once. Every query takes
 * the managed schema names as its one {@code text[]} parameter. They run with an empty
 * {@code search_path}, so {@code format_type()} and the {@code pg_get_*def()} functions qualify every
 * name outside {@code pg_catalog}, whatever the caller's path was. The parts of a relation (columns,
 * constraints, indexes, view dependencies) name it by oid, which {@link #RELATIONS} maps to its name:
 * for tens of thousands of rows, a number is much less to send and decode than two names.
 */
final class CatalogQueries {
    private CatalogQueries() {
    }

    /** Local to the transaction the introspector runs in; the returned value restores a caller's own transaction. */
    static final String EMPTY_SEARCH_PATH = "select current_setting('search_path'), set_config('search_path', '', true)";

    static final String RESTORE_SEARCH_PATH = "select set_config('search_path', ?, true)";

    static String notFromExtension(String catalog, String oid) {
        return "not exists (select 1 from pg_catalog.pg_depend x where x.classid = '" + catalog + "'::regclass"
                + " and x.objid = " + oid + " and x.deptype = 'e')";
    }

    private static String description(String alias, String catalog, String oid, String subId) {
        return " left join pg_catalog.pg_description " + alias + " on " + alias + ".objoid = " + oid
                + " and " + alias + ".classoid = '" + catalog + "'::regclass and " + alias + ".objsubid = " + subId;
    }

    /**
     * Parameters: the listed names ({@code text[]}), then whether to take every user schema instead
     * (boolean), then the schema left out in that case (the tracking schema).
     */
    static final String SCHEMAS = "select n.nspname, d.description"
            + " from pg_catalog.pg_namespace n"
            + description("d", "pg_namespace", "n.oid", "0")
            + " where n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'"
            + " and " + notFromExtension("pg_namespace", "n.oid")
            + " and (n.nspname = any(?) or (? and n.nspname <> ?))"
            + " order by 1";

    static final String ENUMS = "select t.oid, n.nspname, t.typname,"
            // An enum may have no labels at all: create type e as enum ().
            + " coalesce(array_agg(e.enumlabel::text order by e.enumsortorder) filter (where e.enumlabel is not null),"
            + "   '{}') as labels, d.description"
            + " from pg_catalog.pg_type t"
            + " join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
            + " left join pg_catalog.pg_enum e on e.enumtypid = t.oid"
            + description("d", "pg_type", "t.oid", "0")
            + " where t.typtype = 'e' and n.nspname = any(?) and " + notFromExtension("pg_type", "t.oid")
            + " group by t.oid, n.nspname, t.typname, d.description"
            + " order by n.nspname, t.typname";

    /**
     * The sequences of the managed schemas; {@code managed} is false for those of an extension, which are read only
     * for the column that owns them. The introspector gives each column its identity or serial sequence from here
     * (PostgreSQL keeps an owned sequence in its table's schema).
     */
    static final String SEQUENCES = "select c.oid, n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, null) as type,"
            + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
            + " own.deptype, own.refobjid as owner_oid, own.refobjsubid as owner_attnum,"
            + " own_n.nspname as owner_schema, own_c.relname as owner_table, own_a.attname as owner_column,"
            + " d.description, " + notFromExtension("pg_class", "c.oid") + " as managed"
            + " from pg_catalog.pg_sequence s"
            + " join pg_catalog.pg_class c on c.oid = s.seqrelid"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            // 'a' is OWNED BY (serial), 'i' the sequence of an identity column; a sequence has at most one.
            + " left join pg_catalog.pg_depend own on own.classid = 'pg_class'::regclass and own.objid = c.oid"
            + "   and own.refclassid = 'pg_class'::regclass and own.refobjsubid > 0 and own.deptype in ('a', 'i')"
            + " left join pg_catalog.pg_class own_c on own_c.oid = own.refobjid"
            + " left join pg_catalog.pg_namespace own_n on own_n.oid = own_c.relnamespace"
            + " left join pg_catalog.pg_attribute own_a on own_a.attrelid = own.refobjid and own_a.attnum = own.refobjsubid"
            + description("d", "pg_class", "c.oid", "0")
            + " where n.nspname = any(?)"
            + " order by n.nspname, c.relname";

    /** Tables, partitioned tables, views and materialized views. */
    static final String RELATIONS = "select c.oid, c.reltype, n.nspname, c.relname, c.relkind, c.relpersistence,"
            + " pg_catalog.pg_get_partkeydef(c.oid) as partition_key,"
            + " pn.nspname as parent_schema, pc.relname as parent_table,"
            + " pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_bound,"
            + " c.reloptions::text[] as options,"
            + " case when c.relkind in ('v', 'm') then pg_catalog.pg_get_viewdef(c.oid, true) end as definition,"
            + " d.description"
            + " from pg_catalog.pg_class c"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_catalog.pg_inherits i on i.inhrelid = c.oid and c.relispartition"
            + " left join pg_catalog.pg_class pc on pc.oid = i.inhparent"
            + " left join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace"
            + description("d", "pg_class", "c.oid", "0")
            + " where c.relkind in ('r', 'p', 'v', 'm') and n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid")
            + " order by 1, 2";

    /**
     * Columns of tables, views and materialized views (the sequences they own come with {@link #SEQUENCES}).
     * Unordered, with {@code attnum}: the introspector numbers each relation's columns, which costs the
     * server a window function and a sort of every column row otherwise.
     */
    static final String COLUMNS = "select a.attrelid, a.attname, a.attnum,"
            + " pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnotnull,"
            + " a.attgenerated, a.attidentity, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) as expression,"
            + " coll_n.nspname as collation_schema, coll.collname as collation_name,"
            + " d.description"
            + " from pg_catalog.pg_attribute a"
            + " join pg_catalog.pg_class c on c.oid = a.attrelid"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " join pg_catalog.pg_type t on t.oid = a.atttypid"
            + " left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum"
            + " left join pg_catalog.pg_collation coll on coll.oid = a.attcollation and a.attcollation <> t.typcollation"
            + " left join pg_catalog.pg_namespace coll_n on coll_n.oid = coll.collnamespace"
            + description("d", "pg_class", "c.oid", "a.attnum")
            + " where c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped"
            + " and n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid");

    /**
     * The names of the attribute numbers {@code keys} of {@code relation}, null for a 0 (an expression).
     * One index probe per key: a join plans as a scan of all the relation's attributes for every row.
     */
    private static String columnNames(String keys, String relation) {
        return "array(select (select a.attname::text from pg_catalog.pg_attribute a where a.attrelid = " + relation
                + " and a.attnum = k.num) from unnest(" + keys + ") with ordinality k(num, ord) order by k.ord)";
    }

    /** {@code nullsNotDistinct} is the expression to use for the index's {@code NULLS NOT DISTINCT} (PostgreSQL 15+). */
    static String constraints(String nullsNotDistinct) {
        return "select co.oid, co.conrelid, co.conname, co.contype,"
                + " pg_catalog.pg_get_constraintdef(co.oid, true) as definition,"
                + " " + columnNames("co.conkey", "co.conrelid") + " as columns,"
                + " " + nullsNotDistinct + " as nulls_not_distinct,"
                + " fn.nspname as ref_schema, fc.relname as ref_table,"
                + " " + columnNames("co.confkey", "co.confrelid") + " as ref_columns,"
                + " co.confupdtype, co.confdeltype, co.confmatchtype, co.condeferrable, co.condeferred, co.convalidated,"
                + " d.description"
                + " from pg_catalog.pg_constraint co"
                + " join pg_catalog.pg_class c on c.oid = co.conrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_catalog.pg_class fc on fc.oid = co.confrelid"
                + " left join pg_catalog.pg_namespace fn on fn.oid = fc.relnamespace"
                + " left join pg_catalog.pg_index ix on ix.indexrelid = co.conindid and co.contype = 'u'"
                + description("d", "pg_constraint", "co.oid", "0")
                + " where co.contype in ('p', 'u', 'c', 'f', 'x') and c.relkind in ('r', 'p')"
                + " and n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid")
                // A foreign key to a partitioned table gets one hidden copy per partition on the same table.
                + " and not exists (select 1 from pg_catalog.pg_constraint parent where parent.oid = co.conparentid"
                + "   and parent.conrelid = co.conrelid)";
    }

    private static final String NON_DEFAULT_OPCLASSES =
            "(select array_agg(nd.oid) from pg_catalog.pg_opclass nd where not nd.opcdefault)";

    /**
     * Indexes of tables and materialized views that back no primary key, unique or exclusion constraint.
     * {@code key_texts} and the two {@code opclass_} arrays are null where the introspector needs none of their entries.
     */
    static String indexes(String nullsNotDistinct) {
        return "select i.indexrelid, i.indrelid, ic.relname as index_name, i.indisunique,"
                + " " + nullsNotDistinct + " as nulls_not_distinct, am.amname, i.indnkeyatts,"
                + " " + columnNames("i.indkey::int2[]", "i.indrelid") + " as column_names,"
                // Null without expression keys, whose texts are the only ones read.
                + " case when i.indexprs is not null then array(select pg_catalog.pg_get_indexdef(i.indexrelid, k, true)"
                + "   from generate_series(1, i.indnatts::int) k order by k) end as key_texts,"
                + " i.indoption::int2[] as key_options,"
                // Null when every key has its type's default operator class (the planner computes the list once).
                + " case when i.indclass::oid[] && " + NON_DEFAULT_OPCLASSES + " then"
                + "   array(select case when oc.opcdefault then null else ocn.nspname::text end"
                + "   from unnest(i.indclass::oid[]) with ordinality k(opc, ord)"
                + "   join pg_catalog.pg_opclass oc on oc.oid = k.opc"
                + "   join pg_catalog.pg_namespace ocn on ocn.oid = oc.opcnamespace order by k.ord) end as opclass_schemas,"
                + " case when i.indclass::oid[] && " + NON_DEFAULT_OPCLASSES + " then"
                + "   array(select case when oc.opcdefault then null else oc.opcname::text end"
                + "   from unnest(i.indclass::oid[]) with ordinality k(opc, ord)"
                + "   join pg_catalog.pg_opclass oc on oc.oid = k.opc order by k.ord) end as opclass_names,"
                + " pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) as predicate,"
                + " pg_catalog.pg_get_indexdef(i.indexrelid) as definition,"
                + " d.description"
                + " from pg_catalog.pg_index i"
                + " join pg_catalog.pg_class ic on ic.oid = i.indexrelid"
                + " join pg_catalog.pg_class c on c.oid = i.indrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " join pg_catalog.pg_am am on am.oid = ic.relam"
                + description("d", "pg_class", "ic.oid", "0")
                + " where c.relkind in ('r', 'p', 'm') and n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid")
                + " and not exists (select 1 from pg_catalog.pg_constraint k where k.conindid = i.indexrelid"
                + "   and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))";
    }

    /** What each view's and materialized view's query reads: through its rewrite rule's dependencies. */
    static final String VIEW_DEPENDENCIES = "select distinct v.oid, rn.nspname as ref_schema, r.relname as ref_name"
            + " from pg_catalog.pg_rewrite rw"
            + " join pg_catalog.pg_class v on v.oid = rw.ev_class"
            + " join pg_catalog.pg_namespace vn on vn.oid = v.relnamespace"
            + " join pg_catalog.pg_depend dep on dep.classid = 'pg_rewrite'::regclass and dep.objid = rw.oid"
            + "   and dep.refclassid = 'pg_class'::regclass and dep.refobjid <> v.oid"
            + " join pg_catalog.pg_class r on r.oid = dep.refobjid"
            + " join pg_catalog.pg_namespace rn on rn.oid = r.relnamespace"
            + " where v.relkind in ('v', 'm') and r.relkind in ('r', 'p', 'v', 'm', 'f')"
            + " and vn.nspname = any(?)"
            + " order by 1, 2, 3";

    /**
     * Functions, procedures and window functions with the statement that creates each, and aggregates,
     * whose statement the introspector assembles from {@link #AGGREGATES}. {@code argument_types} is the call
     * signature that tells overloads apart.
     */
    static final String FUNCTIONS = "select p.oid, n.nspname, p.proname, pg_catalog.oidvectortypes(p.proargtypes) as argument_types,"
            + " pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) as quoted_name,"
            + " p.prokind, pg_catalog.pg_get_function_arguments(p.oid) as arguments,"
            + " case when p.prokind <> 'p' then pg_catalog.pg_get_function_result(p.oid) end as result,"
            + " l.lanname, case when p.prokind in ('f', 'p', 'w') then pg_catalog.pg_get_functiondef(p.oid) end as definition,"
            + " d.description"
            + " from pg_catalog.pg_proc p"
            + " join pg_catalog.pg_namespace n on n.oid = p.pronamespace"
            + " join pg_catalog.pg_language l on l.oid = p.prolang"
            + description("d", "pg_proc", "p.oid", "0")
            + " where n.nspname = any(?) and " + notFromExtension("pg_proc", "p.oid")
            // The constructors of a range or multirange type come and go with their type.
            + " and not exists (select 1 from pg_catalog.pg_depend i where i.classid = 'pg_proc'::regclass"
            + "   and i.objid = p.oid and i.deptype = 'i')";

    /** What {@code CREATE AGGREGATE} takes, for the aggregates of the managed schemas; function names print qualified. */
    static final String AGGREGATES = "select a.aggfnoid::oid as oid, a.aggkind, a.aggnumdirectargs,"
            + " a.aggtransfn::regproc::text as sfunc, pg_catalog.format_type(a.aggtranstype, null) as stype, a.aggtransspace,"
            + " nullif(a.aggfinalfn, 0)::regproc::text as finalfunc, a.aggfinalextra, a.aggfinalmodify,"
            + " nullif(a.aggcombinefn, 0)::regproc::text as combinefunc,"
            + " nullif(a.aggserialfn, 0)::regproc::text as serialfunc,"
            + " nullif(a.aggdeserialfn, 0)::regproc::text as deserialfunc, a.agginitval,"
            + " nullif(a.aggmtransfn, 0)::regproc::text as msfunc, nullif(a.aggminvtransfn, 0)::regproc::text as minvfunc,"
            + " case when a.aggmtranstype <> 0 then pg_catalog.format_type(a.aggmtranstype, null) end as mstype,"
            + " a.aggmtransspace, nullif(a.aggmfinalfn, 0)::regproc::text as mfinalfunc, a.aggmfinalextra, a.aggmfinalmodify,"
            + " a.aggminitval, case when a.aggsortop <> 0 then son.nspname || '.' || so.oprname end as sortop,"
            + " p.proparallel"
            + " from pg_catalog.pg_aggregate a"
            + " join pg_catalog.pg_proc p on p.oid = a.aggfnoid"
            + " join pg_catalog.pg_namespace n on n.oid = p.pronamespace"
            + " left join pg_catalog.pg_operator so on so.oid = a.aggsortop"
            + " left join pg_catalog.pg_namespace son on son.oid = so.oprnamespace"
            + " where n.nspname = any(?) and " + notFromExtension("pg_proc", "p.oid");

    /**
     * Triggers of the managed tables, partitioned tables and views, without the internal ones (a foreign key's)
     * and, from PostgreSQL 13, the copies a partition gets of its parent's row triggers ({@code notClone} is the
     * condition that leaves those out: before 13 they are internal).
     */
    static String triggers(String notClone) {
        return "select t.oid, n.nspname, c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid) as definition,"
                + " t.tgenabled, t.tgconstraint <> 0 as is_constraint, d.description"
                + " from pg_catalog.pg_trigger t"
                + " join pg_catalog.pg_class c on c.oid = t.tgrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + description("d", "pg_trigger", "t.oid", "0")
                + " where not t.tgisinternal and " + notClone + " and c.relkind in ('r', 'p', 'v')"
                + " and n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid")
                + " and " + notFromExtension("pg_trigger", "t.oid");
    }

    /** The tables of the managed schemas whose row-level security is enabled or forced. */
    static final String ROW_SECURITY = "select n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity"
            + " from pg_catalog.pg_class c"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " where (c.relrowsecurity or c.relforcerowsecurity) and c.relkind in ('r', 'p')"
            + " and n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid");

    /** Row-level security policies; role 0 in {@code polroles} is {@code PUBLIC}. */
    static final String POLICIES = "select p.oid, n.nspname, c.relname, p.polname, p.polpermissive, p.polcmd,"
            + " array(select case when r.oid = 0 then 'public' else pg_catalog.pg_get_userbyid(r.oid)::text end"
            + "   from unnest(p.polroles) r(oid)) as roles,"
            + " pg_catalog.pg_get_expr(p.polqual, p.polrelid) as using_expression,"
            + " pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) as check_expression, d.description"
            + " from pg_catalog.pg_policy p"
            + " join pg_catalog.pg_class c on c.oid = p.polrelid"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + description("d", "pg_policy", "p.oid", "0")
            + " where c.relkind in ('r', 'p') and n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid");

    /** Event triggers (a database's, not a schema's) whose function is in a managed schema. */
    static final String EVENT_TRIGGERS = "select e.oid, e.evtname, e.evtevent, e.evttags::text[] as tags, e.evtenabled,"
            + " n.nspname, p.proname, d.description"
            + " from pg_catalog.pg_event_trigger e"
            + " join pg_catalog.pg_proc p on p.oid = e.evtfoid"
            + " join pg_catalog.pg_namespace n on n.oid = p.pronamespace"
            + description("d", "pg_event_trigger", "e.oid", "0")
            + " where n.nspname = any(?) and " + notFromExtension("pg_event_trigger", "e.oid");

    /**
     * The entries of an access control list {@code acl} that {@code other} lacks as they are, one row each in the
     * list's order ({@code n}), with the privileges in the catalog's order and those held with the grant option.
     */
    private static String aclEntries(String side, String acl, String other) {
        return " select o.class, o.oid, o.subid, o.type, o.schema, o.name, o.arguments, o.column_name, o.owner,"
                + " '" + side + "' as side, i.n, x.grantee, x.grantor,"
                + " case when x.grantee = 0 then null else pg_catalog.pg_get_userbyid(x.grantee) end as grantee_name,"
                + " x.privileges, x.grantable"
                + " from objects o cross join lateral unnest(o." + acl + ") with ordinality i(item, n)"
                + " cross join lateral (select min(e.grantee) as grantee, min(e.grantor) as grantor,"
                + "   array_agg(e.privilege_type order by e.k) as privileges,"
                + "   array_agg(e.privilege_type order by e.k) filter (where e.is_grantable) as grantable"
                + "   from pg_catalog.aclexplode(array[i.item]) with ordinality e(grantor, grantee, privilege_type, is_grantable, k)) x"
                + " where not i.item = any(o." + other + ")";
    }

    /**
     * {@code objects}: the access control lists ({@code acl}, not null) of the managed schemas, their tables, views,
     * materialized views, sequences, columns, functions and types, with their owner and their default
     * ({@code base}): {@code acldefault()} for the owner, or the initial privileges ({@code pg_init_privs}) of an
     * object that has them (schema {@code public}). Array and row types are not granted on by themselves and are
     * left out.
     */
    private static final String OBJECT_ACLS = "with ns as (select n.oid, n.nspname from pg_catalog.pg_namespace n"
            + "   where n.nspname = any(?)),"
            + " objects as ("
            + " select 'pg_namespace' as class, n.oid, 0 as subid, 'SCHEMA' as type, n.nspname::text as schema,"
            + "   null::text as name, null::text as arguments, null::text as column_name, n.nspowner as owner, n.nspacl as acl,"
            // The initial privileges name the owner initdb gave (pg_database_owner): read as the owner's now, so
            // a schema given another owner (pg_dump files of old servers say ALTER SCHEMA public OWNER TO …) is
            // compared with what its present owner started with. Owners are not diffed.
            + "   coalesce((select case when o.init = n.nspowner then ip.initprivs else"
            + "     replace(replace(replace(replace(ip.initprivs::text, '{' || o.old || '=', '{' || o.new || '='),"
            + "       ',' || o.old || '=', ',' || o.new || '='), '/' || o.old || ',', '/' || o.new || ','),"
            + "       '/' || o.old || '}', '/' || o.new || '}')::aclitem[] end"
            // A role as an aclitem names it (quoted where it must be), from an aclitem PostgreSQL makes.
            + "     from (select e.grantor as init,"
            + "       split_part(pg_catalog.makeaclitem(e.grantor, e.grantor, 'USAGE', false)::text, '=', 1) as old,"
            + "       split_part(pg_catalog.makeaclitem(n.nspowner, n.nspowner, 'USAGE', false)::text, '=', 1) as new"
            + "       from pg_catalog.aclexplode(ip.initprivs) e limit 1) o),"
            + "     pg_catalog.acldefault('n', n.nspowner)) as base"
            + "   from pg_catalog.pg_namespace n join ns on ns.oid = n.oid"
            + "   left join pg_catalog.pg_init_privs ip on ip.objoid = n.oid and ip.classoid = 'pg_namespace'::regclass"
            + "     and ip.objsubid = 0"
            + "   where n.nspacl is not null and " + notFromExtension("pg_namespace", "n.oid")
            + " union all"
            + " select 'pg_class', c.oid, 0, case when c.relkind = 'S' then 'SEQUENCE' else 'TABLE' end, ns.nspname,"
            + "   c.relname, null, null, c.relowner, c.relacl,"
            + "   pg_catalog.acldefault(case when c.relkind = 'S' then 's' else 'r' end::\"char\", c.relowner)"
            + "   from pg_catalog.pg_class c join ns on ns.oid = c.relnamespace"
            + "   where c.relacl is not null and c.relkind in ('r', 'p', 'v', 'm', 'S') and " + notFromExtension("pg_class", "c.oid")
            + " union all"
            // A column's default list is empty: every entry is a grant.
            + " select 'pg_class', c.oid, a.attnum, 'TABLE', ns.nspname, c.relname, null, a.attname, c.relowner, a.attacl,"
            + "   '{}'::aclitem[]"
            + "   from pg_catalog.pg_attribute a join pg_catalog.pg_class c on c.oid = a.attrelid"
            + "   join ns on ns.oid = c.relnamespace"
            + "   where a.attacl is not null and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'm')"
            + "   and " + notFromExtension("pg_class", "c.oid")
            + " union all"
            + " select 'pg_proc', p.oid, 0, case when p.prokind = 'p' then 'PROCEDURE' else 'FUNCTION' end, ns.nspname,"
            + "   p.proname, pg_catalog.oidvectortypes(p.proargtypes), null, p.proowner, p.proacl,"
            + "   pg_catalog.acldefault('f', p.proowner)"
            + "   from pg_catalog.pg_proc p join ns on ns.oid = p.pronamespace"
            + "   where p.proacl is not null and " + notFromExtension("pg_proc", "p.oid")
            + " union all"
            + " select 'pg_type', t.oid, 0, 'TYPE', ns.nspname, t.typname, null, null, t.typowner, t.typacl,"
            + "   pg_catalog.acldefault('T', t.typowner)"
            + "   from pg_catalog.pg_type t join ns on ns.oid = t.typnamespace"
            + "   where t.typacl is not null and (t.typtype in ('e', 'd', 'r', 'm') or t.typtype = 'c'"
            + "     and (select r.relkind from pg_catalog.pg_class r where r.oid = t.typrelid) = 'c')"
            + "   and " + notFromExtension("pg_type", "t.oid")
            + " )";

    /**
     * The access control lists of the managed schemas, their tables, views, materialized views, sequences,
     * columns, functions and types that differ from their defaults (see {@link #OBJECT_ACLS}). Each entry
     * that differs is a row: {@code side} {@code g} for one the default lacks, {@code r} for one of the default
     * that the list lacks.
     */
    static final String PRIVILEGES = OBJECT_ACLS
            + aclEntries("g", "acl", "base")
            + " union all"
            + aclEntries("r", "base", "acl");

    /** Entries of the managed objects' lists granted by a role other than the owner (whose grant a migration writes). */
    static final String OTHER_GRANTORS = OBJECT_ACLS
            + " select distinct o.type, o.schema, o.name, o.arguments, o.column_name,"
            + " pg_catalog.pg_get_userbyid(x.grantor) as grantor,"
            + " case when x.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(x.grantee)::text end as grantee"
            + " from objects o cross join lateral pg_catalog.aclexplode(o.acl) x"
            + " where x.grantor <> o.owner"
            + " order by 2, 3, 5, 1, 4, 6, 7";

    /** Default privileges for every schema ({@code ALTER DEFAULT PRIVILEGES} without {@code IN SCHEMA}). */
    static final String GLOBAL_DEFAULT_PRIVILEGES = "select pg_catalog.pg_get_userbyid(d.defaclrole) as role,"
            + " pg_catalog.pg_get_userbyid(d.defaclrole) = current_user as current, d.defaclobjtype"
            + " from pg_catalog.pg_default_acl d where d.defaclnamespace = 0"
            + " order by 1, 3";

    /**
     * The default privileges of the managed schemas ({@code pg_default_acl} rows of a schema), one row per entry
     * in the list's order; {@code current} marks those of the role that runs the query.
     */
    static final String DEFAULT_PRIVILEGES = "select pg_catalog.pg_get_userbyid(d.defaclrole) as role,"
            + " pg_catalog.pg_get_userbyid(d.defaclrole) = current_user as current, n.nspname, d.defaclobjtype,"
            + " i.n, x.grantee, d.defaclrole as owner,"
            + " case when x.grantee = 0 then null else pg_catalog.pg_get_userbyid(x.grantee) end as grantee_name,"
            + " x.privileges, x.grantable"
            + " from pg_catalog.pg_default_acl d"
            + " join pg_catalog.pg_namespace n on n.oid = d.defaclnamespace"
            + " cross join lateral unnest(d.defaclacl) with ordinality i(item, n)"
            + " cross join lateral (select min(e.grantee) as grantee,"
            + "   array_agg(e.privilege_type order by e.k) as privileges,"
            + "   array_agg(e.privilege_type order by e.k) filter (where e.is_grantable) as grantable"
            + "   from pg_catalog.aclexplode(array[i.item]) with ordinality e(grantor, grantee, privilege_type, is_grantable, k)) x"
            + " where n.nspname = any(?)"
            + " order by n.nspname, d.defaclobjtype, role, i.n";

    /**
     * Every extension of the database but the built-in {@code plpgsql}, whatever schema it lives in: what the managed
     * schemas use of it needs it. {@code default_version} is whether the installed version is the server's default,
     * {@code default_comment} whether the comment is the one of its control file.
     */
    static final String EXTENSIONS = "select e.oid, e.extname, n.nspname, e.extversion, e.extrelocatable,"
            + " coalesce(e.extversion = a.default_version, false) as default_version, d.description,"
            + " d.description is not distinct from a.comment as default_comment"
            + " from pg_catalog.pg_extension e"
            + " join pg_catalog.pg_namespace n on n.oid = e.extnamespace"
            + " left join pg_catalog.pg_available_extensions a on a.name = e.extname"
            + description("d", "pg_extension", "e.oid", "0")
            + " where e.extname <> 'plpgsql'";

    /**
     * Collations; {@code icuLocale} and {@code rules} are the expressions for the ICU locale and rules columns,
     * which differ by server version.
     */
    static String collations(String icuLocale, String rules) {
        return "select c.oid, n.nspname, c.collname, c.collprovider, c.collcollate, c.collctype,"
                + " " + icuLocale + " as icu_locale, " + rules + " as rules, c.collisdeterministic, d.description"
                + " from pg_catalog.pg_collation c"
                + " join pg_catalog.pg_namespace n on n.oid = c.collnamespace"
                + description("d", "pg_collation", "c.oid", "0")
                + " where n.nspname = any(?) and " + notFromExtension("pg_collation", "c.oid");
    }

    /** Domains with their checks, as arrays in the order of the checks' names. */
    static final String DOMAINS = "select t.oid, n.nspname, t.typname,"
            + " pg_catalog.format_type(t.typbasetype, t.typtypmod) as base_type,"
            + " cn.nspname as collation_schema, co.collname as collation_name,"
            + " pg_catalog.pg_get_expr(t.typdefaultbin, 0) as default_expression, t.typnotnull,"
            + " k.oids as check_oids, k.names as check_names, k.definitions as check_definitions,"
            + " k.validated as check_validated, k.comments as check_comments, d.description"
            + " from pg_catalog.pg_type t"
            + " join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
            + " join pg_catalog.pg_type bt on bt.oid = t.typbasetype"
            + " left join pg_catalog.pg_collation co on co.oid = t.typcollation and t.typcollation <> bt.typcollation"
            + " left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace"
            + " left join lateral (select array_agg(ck.oid order by ck.conname) as oids,"
            + "   array_agg(ck.conname::text order by ck.conname) as names,"
            + "   array_agg(pg_catalog.pg_get_constraintdef(ck.oid, true) order by ck.conname) as definitions,"
            + "   array_agg(ck.convalidated order by ck.conname) as validated,"
            + "   array_agg(ckd.description order by ck.conname) as comments"
            + "   from pg_catalog.pg_constraint ck"
            + "   left join pg_catalog.pg_description ckd on ckd.objoid = ck.oid"
            + "     and ckd.classoid = 'pg_constraint'::regclass and ckd.objsubid = 0"
            + "   where ck.contypid = t.oid and ck.contype = 'c') k on true"
            + description("d", "pg_type", "t.oid", "0")
            + " where t.typtype = 'd' and n.nspname = any(?) and " + notFromExtension("pg_type", "t.oid");

    /** Composite types (not the row types of tables and views) with their attributes as arrays in attribute order. */
    static final String COMPOSITE_TYPES = "select t.oid, t.typrelid, n.nspname, t.typname,"
            + " a.names, a.types, a.collation_schemas, a.collation_names, a.comments, d.description"
            + " from pg_catalog.pg_type t"
            + " join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
            + " join pg_catalog.pg_class c on c.oid = t.typrelid"
            + " left join lateral (select array_agg(at.attname::text order by at.attnum) as names,"
            + "   array_agg(pg_catalog.format_type(at.atttypid, at.atttypmod) order by at.attnum) as types,"
            + "   array_agg(con.nspname::text order by at.attnum) as collation_schemas,"
            + "   array_agg(co.collname::text order by at.attnum) as collation_names,"
            + "   array_agg(ad.description order by at.attnum) as comments"
            + "   from pg_catalog.pg_attribute at"
            + "   join pg_catalog.pg_type att on att.oid = at.atttypid"
            + "   left join pg_catalog.pg_collation co on co.oid = at.attcollation and at.attcollation <> att.typcollation"
            + "   left join pg_catalog.pg_namespace con on con.oid = co.collnamespace"
            + "   left join pg_catalog.pg_description ad on ad.objoid = at.attrelid"
            + "     and ad.classoid = 'pg_class'::regclass and ad.objsubid = at.attnum"
            + "   where at.attrelid = t.typrelid and at.attnum > 0 and not at.attisdropped) a on true"
            + description("d", "pg_type", "t.oid", "0")
            + " where t.typtype = 'c' and c.relkind = 'c' and n.nspname = any(?) and " + notFromExtension("pg_type", "t.oid");

    /**
     * Range types; {@code multiranges} for servers that have them (PostgreSQL 14 and later). Functions print as
     * {@code regproc} does: qualified outside {@code pg_catalog}.
     */
    static String rangeTypes(boolean multiranges) {
        return "select t.oid, n.nspname, t.typname, pg_catalog.format_type(r.rngsubtype, null) as subtype,"
                + " case when not opc.opcdefault then opcn.nspname end as opclass_schema,"
                + " case when not opc.opcdefault then opc.opcname end as opclass_name,"
                + " cn.nspname as collation_schema, co.collname as collation_name,"
                + " case when r.rngcanonical <> 0 then r.rngcanonical::regproc::text end as canonical,"
                + " case when r.rngsubdiff <> 0 then r.rngsubdiff::regproc::text end as subtype_diff,"
                + (multiranges ? " mt.oid as multirange_oid, mn.nspname as multirange_schema, mt.typname as multirange_name,"
                : " null::oid as multirange_oid, null::text as multirange_schema, null::text as multirange_name,")
                + " d.description"
                + " from pg_catalog.pg_range r"
                + " join pg_catalog.pg_type t on t.oid = r.rngtypid"
                + " join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
                + " join pg_catalog.pg_type st on st.oid = r.rngsubtype"
                + " join pg_catalog.pg_opclass opc on opc.oid = r.rngsubopc"
                + " join pg_catalog.pg_namespace opcn on opcn.oid = opc.opcnamespace"
                + " left join pg_catalog.pg_collation co on co.oid = r.rngcollation and r.rngcollation <> st.typcollation"
                + " left join pg_catalog.pg_namespace cn on cn.oid = co.collnamespace"
                + (multiranges ? " left join pg_catalog.pg_type mt on mt.oid = r.rngmultitypid"
                + " left join pg_catalog.pg_namespace mn on mn.oid = mt.typnamespace" : "")
                + description("d", "pg_type", "t.oid", "0")
                + " where n.nspname = any(?) and " + notFromExtension("pg_type", "t.oid");
    }

    /**
     * The dependencies between user objects ({@code pg_depend}'s normal ones, both oids above the built-in
     * range), with the referencing side as the object the model knows: a column default ({@code pg_attrdef})
     * as its column, a view's rule ({@code pg_rewrite}) as the view; and the referenced side as the object
     * the model knows: an array type as its element type, a member of an extension as {@code extension}.
     * The introspector keeps the edges whose two ends it read.
     */
    static final String DEPENDENCIES = "select x.class, x.objid, x.objsubid, x.refclass, x.refobjid, x.refobjsubid,"
            + " ext.extname as ref_extension"
            + " from (select case d.classid when 'pg_attrdef'::regclass then 'pg_class' when 'pg_rewrite'::regclass"
            + "   then 'pg_class' else d.classid::regclass::text end as class,"
            + "   coalesce(ad.adrelid, rw.ev_class, d.objid) as objid,"
            + "   case when ad.oid is not null then ad.adnum when rw.oid is not null then 0 else d.objsubid end as objsubid,"
            + "   d.refclassid, d.refclassid::regclass::text as refclass,"
            + "   coalesce(arr.typelem, d.refobjid) as refobjid, d.refobjsubid"
            + "   from pg_catalog.pg_depend d"
            + "   left join pg_catalog.pg_attrdef ad on d.classid = 'pg_attrdef'::regclass and ad.oid = d.objid"
            + "   left join pg_catalog.pg_rewrite rw on d.classid = 'pg_rewrite'::regclass and rw.oid = d.objid"
            + "   left join pg_catalog.pg_type arr on d.refclassid = 'pg_type'::regclass and arr.oid = d.refobjid"
            + "     and arr.typelem <> 0 and arr.typlen = -1"
            + "   where d.deptype = 'n' and d.objid >= 16384 and d.refobjid >= 16384) x"
            + " left join pg_catalog.pg_depend e on e.classid = x.refclassid and e.objid = x.refobjid and e.deptype = 'e'"
            + " left join pg_catalog.pg_extension ext on ext.oid = e.refobjid"
            + " where x.objid <> x.refobjid or x.objsubid <> x.refobjsubid";
}
