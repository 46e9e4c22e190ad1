package io.github.shaledb.engine.introspect;

/**
 * The catalog queries, one per object kind, each over all managed schemas at once. Every query takes
 * the managed schema names as its one {@code text[]} parameter. They run with an empty
 * {@code search_path}, so {@code format_type()} and the {@code pg_get_*def()} functions qualify every
 * name outside {@code pg_catalog}, whatever the caller's path was.
 */
final class CatalogQueries {
    private CatalogQueries() {
    }

    /** Local to the transaction the introspector runs in; the returned value restores a caller's own transaction. */
    static final String EMPTY_SEARCH_PATH = "select current_setting('search_path'), set_config('search_path', '', true)";

    static final String RESTORE_SEARCH_PATH = "select set_config('search_path', ?, true)";

    private static String notFromExtension(String catalog, String oid) {
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

    static final String ENUMS = "select n.nspname, t.typname,"
            // An enum may have no labels at all: create type e as enum ().
            + " coalesce(array_agg(e.enumlabel::text order by e.enumsortorder) filter (where e.enumlabel is not null),"
            + "   '{}') as labels, d.description"
            + " from pg_catalog.pg_type t"
            + " join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
            + " left join pg_catalog.pg_enum e on e.enumtypid = t.oid"
            + description("d", "pg_type", "t.oid", "0")
            + " where t.typtype = 'e' and n.nspname = any(?) and " + notFromExtension("pg_type", "t.oid")
            + " group by n.nspname, t.typname, d.description"
            + " order by 1, 2";

    static final String SEQUENCES = "select n.nspname, c.relname, pg_catalog.format_type(s.seqtypid, null) as type,"
            + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
            + " own.deptype, own_n.nspname as owner_schema, own_c.relname as owner_table, own_a.attname as owner_column,"
            + " d.description"
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
            + " where n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid")
            + " order by 1, 2";

    /** Tables, partitioned tables, views and materialized views. */
    static final String RELATIONS = "select n.nspname, c.relname, c.relkind, c.relpersistence,"
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

    /** Columns of tables, views and materialized views, with the identity or serial sequence each one owns. */
    static final String COLUMNS = "select n.nspname, c.relname, a.attname,"
            + " row_number() over (partition by a.attrelid order by a.attnum) as position,"
            + " pg_catalog.format_type(a.atttypid, a.atttypmod) as type, a.attnotnull,"
            + " a.attgenerated, a.attidentity, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) as expression,"
            + " seq.deptype, seq.nspname as sequence_schema, seq.relname as sequence_name, seq.type as sequence_type,"
            + " seq.seqstart, seq.seqincrement, seq.seqmin, seq.seqmax, seq.seqcache, seq.seqcycle,"
            + " coll_n.nspname as collation_schema, coll.collname as collation_name,"
            + " d.description"
            + " from pg_catalog.pg_attribute a"
            + " join pg_catalog.pg_class c on c.oid = a.attrelid"
            + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " join pg_catalog.pg_type t on t.oid = a.atttypid"
            + " left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum"
            + " left join pg_catalog.pg_collation coll on coll.oid = a.attcollation and a.attcollation <> t.typcollation"
            + " left join pg_catalog.pg_namespace coll_n on coll_n.oid = coll.collnamespace"
            + " left join (select distinct on (sd.refobjid, sd.refobjsubid) sd.refobjid, sd.refobjsubid,"
            + "   sd.deptype, sn.nspname, sc.relname, pg_catalog.format_type(ps.seqtypid, null) as type,"
            + "   ps.seqstart, ps.seqincrement, ps.seqmin, ps.seqmax, ps.seqcache, ps.seqcycle"
            + "   from pg_catalog.pg_depend sd"
            + "   join pg_catalog.pg_class sc on sc.oid = sd.objid and sc.relkind = 'S'"
            + "   join pg_catalog.pg_namespace sn on sn.oid = sc.relnamespace"
            + "   join pg_catalog.pg_sequence ps on ps.seqrelid = sc.oid"
            + "   where sd.classid = 'pg_class'::regclass and sd.refclassid = 'pg_class'::regclass"
            + "   and sd.refobjsubid > 0 and sd.deptype in ('a', 'i')"
            // A column may own several sequences by hand; the identity one wins, then the first by name.
            + "   order by sd.refobjid, sd.refobjsubid, sd.deptype = 'i' desc, sn.nspname, sc.relname) seq"
            + "   on seq.refobjid = a.attrelid and seq.refobjsubid = a.attnum"
            + description("d", "pg_class", "c.oid", "a.attnum")
            + " where c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped"
            + " and n.nspname = any(?) and " + notFromExtension("pg_class", "c.oid")
            + " order by 1, 2, 4";

    private static String columnNames(String keys, String relation) {
        return "array(select a.attname::text from unnest(" + keys + ") with ordinality k(num, ord)"
                + " join pg_catalog.pg_attribute a on a.attrelid = " + relation + " and a.attnum = k.num order by k.ord)";
    }

    /** {@code nullsNotDistinct} is the expression to use for the index's {@code NULLS NOT DISTINCT} (PostgreSQL 15+). */
    static String constraints(String nullsNotDistinct) {
        return "select n.nspname, c.relname, co.conname, co.contype,"
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
                + "   and parent.conrelid = co.conrelid)"
                + " order by 1, 2, 3";
    }

    /** Indexes of tables and materialized views that back no primary key, unique or exclusion constraint. */
    static String indexes(String nullsNotDistinct) {
        return "select n.nspname, c.relname, ic.relname as index_name, i.indisunique,"
                + " " + nullsNotDistinct + " as nulls_not_distinct, am.amname, i.indnkeyatts,"
                + " array(select a.attname::text from unnest(i.indkey::int2[]) with ordinality k(num, ord)"
                + "   left join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.num"
                + "   order by k.ord) as column_names,"
                + " array(select pg_catalog.pg_get_indexdef(i.indexrelid, k, true)"
                + "   from generate_series(1, i.indnatts::int) k order by k) as key_texts,"
                + " i.indoption::int2[] as key_options,"
                + " array(select case when oc.opcdefault then null else ocn.nspname::text end"
                + "   from unnest(i.indclass::oid[]) with ordinality k(opc, ord)"
                + "   join pg_catalog.pg_opclass oc on oc.oid = k.opc"
                + "   join pg_catalog.pg_namespace ocn on ocn.oid = oc.opcnamespace order by k.ord) as opclass_schemas,"
                + " array(select case when oc.opcdefault then null else oc.opcname::text end"
                + "   from unnest(i.indclass::oid[]) with ordinality k(opc, ord)"
                + "   join pg_catalog.pg_opclass oc on oc.oid = k.opc order by k.ord) as opclass_names,"
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
                + "   and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))"
                + " order by 1, 2, 3";
    }

    /** What each view's and materialized view's query reads: through its rewrite rule's dependencies. */
    static final String VIEW_DEPENDENCIES = "select distinct vn.nspname, v.relname, rn.nspname as ref_schema, r.relname as ref_name"
            + " from pg_catalog.pg_rewrite rw"
            + " join pg_catalog.pg_class v on v.oid = rw.ev_class"
            + " join pg_catalog.pg_namespace vn on vn.oid = v.relnamespace"
            + " join pg_catalog.pg_depend dep on dep.classid = 'pg_rewrite'::regclass and dep.objid = rw.oid"
            + "   and dep.refclassid = 'pg_class'::regclass and dep.refobjid <> v.oid"
            + " join pg_catalog.pg_class r on r.oid = dep.refobjid"
            + " join pg_catalog.pg_namespace rn on rn.oid = r.relnamespace"
            + " where v.relkind in ('v', 'm') and r.relkind in ('r', 'p', 'v', 'm', 'f')"
            + " and vn.nspname = any(?)"
            + " order by 1, 2, 3, 4";
}
