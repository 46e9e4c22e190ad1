package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.EnvironmentException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the managed schemas hold that the schema model does not: operators, casts, text search objects,
 * foreign tables, rules, statistics objects, base types, table features such as inheritance or a column's
 * storage, and the database-wide publications, subscriptions, foreign-data wrappers, servers, user mappings,
 * transforms, languages and access methods. Not part of the model, which is what Shale reproduces: these are
 * only named, so that nothing is lost in silence. One catalog query, whatever their number. Members of an
 * extension are left out, as the model's readers leave them out.
 */
public final class UnmanagedReader {
    /** The first oid of objects made after {@code initdb}; the built-in casts, languages and access methods are below it. */
    private static final String FIRST_NORMAL_OID = "16384";

    private final Connection connection;

    private UnmanagedReader(Connection connection) {
        this.connection = connection;
    }

    /**
     * @param schemas the managed schemas, as for {@link Introspector#introspect(Connection, List)}: empty means every
     *                user schema except the tracking schema
     * @return sorted by kind, then name
     */
    public static List<UnmanagedObject> read(Connection connection, List<String> schemas) throws EnvironmentException {
        try {
            return CatalogSession.withEmptySearchPath(connection, () -> new UnmanagedReader(connection).query(schemas));
        } catch (SQLException e) {
            throw new EnvironmentException("Cannot read the objects Shale does not manage: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"),
                    "Check that the user may read the system catalogs and that the connection is open.", e);
        }
    }

    private List<UnmanagedObject> query(List<String> schemas) throws SQLException {
        List<UnmanagedObject> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql(connection.getMetaData().getDatabaseMajorVersion()))) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            statement.setBoolean(2, schemas.isEmpty());
            statement.setString(3, Defaults.TRACKING_SCHEMA);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString("kind");
                    UnmanagedKind kind = UnmanagedKind.byKey(key)
                            .orElseThrow(() -> new IllegalStateException("the query names an unknown kind " + key));
                    found.add(new UnmanagedObject(kind, rows.getString("name"), rows.getString("detail")));
                }
            }
        }
        Collections.sort(found);
        return found;
    }

    private static String notFromExtension(String catalog, String oid) {
        return CatalogQueries.notFromExtension(catalog, oid);
    }

    /** In the managed schemas (the {@code managed} rows of the query). */
    private static String managed(String namespaceOid) {
        return namespaceOid + " in (select oid from managed)";
    }

    /**
     * {@code pg_class c} joined as a relation of the managed schemas ({@code m}); {@code ownRelation} leaves out
     * an extension's. Joined in each branch rather than read once: each branch then starts from the few rows its
     * own catalog has (rules, inheritance, clustered indexes) instead of every relation.
     */
    private static String relation(String on) {
        return " join pg_catalog.pg_class c on " + on + " join managed m on m.oid = c.relnamespace";
    }

    private static final String RELATION_NAME = "m.nspname || '.' || c.relname";

    /**
     * One query, each kind one branch of the union. Parameters: the listed schemas ({@code text[]}), whether to
     * take every user schema instead, the schema left out then (the tracking schema) — as
     * {@link CatalogQueries#SCHEMAS} resolves them.
     */
    static String sql(int serverMajorVersion) {
        String compression = serverMajorVersion >= 14
                ? "case a.attcompression when 'p' then 'pglz' when 'l' then 'lz4' end" : "null::text";
        String compressionSet = serverMajorVersion >= 14 ? " or a.attcompression <> ''" : "";
        String ownRelation = " and " + notFromExtension("pg_class", "c.oid");
        return "with managed as (select n.oid, n.nspname from pg_catalog.pg_namespace n"
                + "   where n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%'"
                + "   and " + notFromExtension("pg_namespace", "n.oid")
                + "   and (n.nspname = any(?) or (? and n.nspname <> ?)))"
                + " select u.kind, u.name, u.detail from ("
                + " select 'operator' as kind, m.nspname || '.' || o.oprname as name,"
                + "   '(' || coalesce(pg_catalog.format_type(nullif(o.oprleft, 0), null), 'NONE') || ', '"
                + "   || coalesce(pg_catalog.format_type(nullif(o.oprright, 0), null), 'NONE') || ')' as detail"
                + " from pg_catalog.pg_operator o join managed m on m.oid = o.oprnamespace"
                + " where " + notFromExtension("pg_operator", "o.oid")

                + " union all select 'operator-class', m.nspname || '.' || c.opcname,"
                + "   'FOR TYPE ' || pg_catalog.format_type(c.opcintype, null) || ' USING ' || a.amname"
                + " from pg_catalog.pg_opclass c join managed m on m.oid = c.opcnamespace"
                + " join pg_catalog.pg_am a on a.oid = c.opcmethod"
                + " where " + notFromExtension("pg_opclass", "c.oid")

                // CREATE OPERATOR CLASS without FAMILY makes a family of the class's name: the class names it.
                + " union all select 'operator-family', m.nspname || '.' || f.opfname, 'USING ' || a.amname"
                + " from pg_catalog.pg_opfamily f join managed m on m.oid = f.opfnamespace"
                + " join pg_catalog.pg_am a on a.oid = f.opfmethod"
                + " where " + notFromExtension("pg_opfamily", "f.oid")
                + " and not exists (select 1 from pg_catalog.pg_opclass c where c.opcfamily = f.oid"
                + "   and c.opcname = f.opfname and c.opcnamespace = f.opfnamespace)"

                // Database-wide: those that involve a managed type or function, and user-made ones between built-in types.
                + " union all select 'cast', '(' || pg_catalog.format_type(c.castsource, null) || ' AS '"
                + "   || pg_catalog.format_type(c.casttarget, null) || ')',"
                + "   case c.castmethod when 'f' then 'WITH FUNCTION ' || c.castfunc::pg_catalog.regprocedure::text"
                + "   when 'i' then 'WITH INOUT' else 'WITHOUT FUNCTION' end"
                + " from pg_catalog.pg_cast c"
                + " join pg_catalog.pg_type s on s.oid = c.castsource join pg_catalog.pg_type t on t.oid = c.casttarget"
                + " left join pg_catalog.pg_proc p on p.oid = c.castfunc"
                + " where c.oid >= " + FIRST_NORMAL_OID + " and " + notFromExtension("pg_cast", "c.oid")
                + " and (" + managed("s.typnamespace") + " or " + managed("t.typnamespace") + " or " + managed("p.pronamespace")
                + "   or (s.typnamespace = 'pg_catalog'::regnamespace and t.typnamespace = 'pg_catalog'::regnamespace"
                + "   and coalesce(p.pronamespace, 'pg_catalog'::regnamespace) = 'pg_catalog'::regnamespace))"

                + " union all select 'text-search-configuration', m.nspname || '.' || c.cfgname,"
                + "   '(PARSER = ' || pn.nspname || '.' || p.prsname || ')'"
                + " from pg_catalog.pg_ts_config c join managed m on m.oid = c.cfgnamespace"
                + " join pg_catalog.pg_ts_parser p on p.oid = c.cfgparser join pg_catalog.pg_namespace pn on pn.oid = p.prsnamespace"
                + " where " + notFromExtension("pg_ts_config", "c.oid")

                + " union all select 'text-search-dictionary', m.nspname || '.' || d.dictname,"
                + "   '(TEMPLATE = ' || tn.nspname || '.' || t.tmplname || ')'"
                + " from pg_catalog.pg_ts_dict d join managed m on m.oid = d.dictnamespace"
                + " join pg_catalog.pg_ts_template t on t.oid = d.dicttemplate join pg_catalog.pg_namespace tn on tn.oid = t.tmplnamespace"
                + " where " + notFromExtension("pg_ts_dict", "d.oid")

                + " union all select 'text-search-parser', m.nspname || '.' || p.prsname, null"
                + " from pg_catalog.pg_ts_parser p join managed m on m.oid = p.prsnamespace"
                + " where " + notFromExtension("pg_ts_parser", "p.oid")

                + " union all select 'text-search-template', m.nspname || '.' || t.tmplname, null"
                + " from pg_catalog.pg_ts_template t join managed m on m.oid = t.tmplnamespace"
                + " where " + notFromExtension("pg_ts_template", "t.oid")

                + " union all select 'conversion', m.nspname || '.' || c.conname,"
                + "   'FOR ' || pg_catalog.quote_literal(pg_catalog.pg_encoding_to_char(c.conforencoding))"
                + "   || ' TO ' || pg_catalog.quote_literal(pg_catalog.pg_encoding_to_char(c.contoencoding))"
                + " from pg_catalog.pg_conversion c join managed m on m.oid = c.connamespace"
                + " where " + notFromExtension("pg_conversion", "c.oid")

                + " union all select 'statistics-object', m.nspname || '.' || s.stxname, 'ON ' || tn.nspname || '.' || t.relname"
                + " from pg_catalog.pg_statistic_ext s join managed m on m.oid = s.stxnamespace"
                + " join pg_catalog.pg_class t on t.oid = s.stxrelid join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace"
                + " where " + notFromExtension("pg_statistic_ext", "s.oid")

                // Types made by CREATE TYPE name (INPUT = …) or a bare CREATE TYPE name (a shell); not array types.
                + " union all select 'base-type', m.nspname || '.' || t.typname, case when not t.typisdefined then '(shell)' end"
                + " from pg_catalog.pg_type t join managed m on m.oid = t.typnamespace"
                + " where t.typtype in ('b', 'p') and not (t.typelem <> 0 and t.typlen = -1)"
                + " and " + notFromExtension("pg_type", "t.oid")

                // A view's query is its _RETURN rule, which the model holds as the view; only views have one.
                + " union all select 'rule', " + RELATION_NAME + " || '.' || w.rulename,"
                + "   'ON ' || case w.ev_type when '1' then 'SELECT' when '2' then 'UPDATE' when '3' then 'INSERT' else 'DELETE' end"
                + "   || case when w.is_instead then ' DO INSTEAD' else ' DO ALSO' end"
                + " from pg_catalog.pg_rewrite w" + relation("c.oid = w.ev_class")
                + " where w.rulename <> '_RETURN'" + ownRelation

                + " union all select 'foreign-table', " + RELATION_NAME + ", 'SERVER ' || s.srvname"
                + " from pg_catalog.pg_foreign_table ft" + relation("c.oid = ft.ftrelid")
                + " join pg_catalog.pg_foreign_server s on s.oid = ft.ftserver"
                + " where true" + ownRelation

                // INHERITS, not partitions (which the model holds).
                + " union all select 'table-inheritance', " + RELATION_NAME + ","
                + "   'INHERITS (' || pg_catalog.string_agg(pn.nspname || '.' || p.relname, ', ' order by i.inhseqno) || ')'"
                + " from pg_catalog.pg_inherits i" + relation("c.oid = i.inhrelid")
                + " join pg_catalog.pg_class p on p.oid = i.inhparent join pg_catalog.pg_namespace pn on pn.oid = p.relnamespace"
                + " where c.relkind in ('r', 'p', 'f') and not c.relispartition" + ownRelation
                + " group by m.nspname, c.relname"

                + " union all select 'typed-table', " + RELATION_NAME + ", 'OF ' || pg_catalog.format_type(c.reloftype, null)"
                + " from pg_catalog.pg_class c join managed m on m.oid = c.relnamespace"
                + " where c.reloftype <> 0" + ownRelation

                + " union all select 'table-access-method', " + RELATION_NAME + ", 'USING ' || a.amname"
                + " from pg_catalog.pg_class c join managed m on m.oid = c.relnamespace join pg_catalog.pg_am a on a.oid = c.relam"
                + " where c.relkind in ('r', 'p', 'm') and a.amname <> 'heap'" + ownRelation

                // Tables, materialized views and indexes outside the database's default tablespace.
                + " union all select 'tablespace', " + RELATION_NAME + ", 'TABLESPACE ' || t.spcname"
                + " from pg_catalog.pg_class c join managed m on m.oid = c.relnamespace"
                + " join pg_catalog.pg_tablespace t on t.oid = c.reltablespace"
                + " where c.relkind in ('r', 'p', 'm', 'i', 'I')" + ownRelation

                + " union all select 'replica-identity', " + RELATION_NAME + ", 'REPLICA IDENTITY '"
                + "   || case c.relreplident when 'f' then 'FULL' when 'n' then 'NOTHING' else 'USING INDEX '"
                + "   || coalesce((select ic.relname from pg_catalog.pg_index x join pg_catalog.pg_class ic on ic.oid = x.indexrelid"
                + "   where x.indrelid = c.oid and x.indisreplident), '?') end"
                + " from pg_catalog.pg_class c join managed m on m.oid = c.relnamespace"
                + " where c.relkind in ('r', 'p') and c.relreplident <> 'd'" + ownRelation

                + " union all select 'clustering', " + RELATION_NAME + ", 'ON ' || ic.relname"
                + " from pg_catalog.pg_index x" + relation("c.oid = x.indrelid")
                + " join pg_catalog.pg_class ic on ic.oid = x.indexrelid"
                + " where x.indisclustered" + ownRelation

                // ALTER COLUMN … SET STORAGE / COMPRESSION / STATISTICS / (options): one row per feature set. The few
                // columns that set one are found first (offset 0 keeps it so), then their relations.
                + " union all select f.kind, " + RELATION_NAME + " || '.' || a.attname, f.detail"
                + " from (select a.attrelid, a.attname, a.attstorage, t.typstorage, a.attstattarget, a.attoptions,"
                + "   " + compression + " as compression"
                + "   from pg_catalog.pg_attribute a join pg_catalog.pg_type t on t.oid = a.atttypid"
                + "   where a.attnum > 0 and not a.attisdropped and (a.attstorage <> t.typstorage" + compressionSet
                // -1 (before 17) or null (17+): the default target.
                + "   or coalesce(a.attstattarget, -1) >= 0 or a.attoptions is not null) offset 0) a"
                + relation("c.oid = a.attrelid")
                + " cross join lateral (values"
                + "   ('column-storage', case when a.attstorage <> a.typstorage then case a.attstorage"
                + "     when 'p' then 'PLAIN' when 'e' then 'EXTERNAL' when 'm' then 'MAIN' else 'EXTENDED' end end),"
                + "   ('column-compression', a.compression),"
                + "   ('column-statistics-target', case when coalesce(a.attstattarget, -1) >= 0 then a.attstattarget::text end),"
                + "   ('column-options', '(' || pg_catalog.array_to_string(a.attoptions, ', ') || ')')) f(kind, detail)"
                + " where c.relkind in ('r', 'p', 'm') and f.detail is not null" + ownRelation

                + " union all select 'security-label', o.identity, '(' || o.type || ', PROVIDER ' || l.provider || ')'"
                + " from pg_catalog.pg_seclabel l"
                + " cross join lateral pg_catalog.pg_identify_object(l.classoid, l.objoid, l.objsubid) o"
                + " where (o.schema in (select nspname from managed)"
                + "   or (l.classoid = 'pg_namespace'::regclass and " + managed("l.objoid") + "))"
                + " and not exists (select 1 from pg_catalog.pg_depend x where x.classid = l.classoid and x.objid = l.objoid"
                + "   and x.deptype = 'e')"

                + " union all select 'publication', p.pubname, case when p.puballtables then 'FOR ALL TABLES' end"
                + " from pg_catalog.pg_publication p where " + notFromExtension("pg_publication", "p.oid")

                // pg_subscription is shared by all databases; its columns other than subconninfo are readable by all.
                + " union all select 'subscription', s.subname, 'PUBLICATION ' || pg_catalog.array_to_string(s.subpublications, ', ')"
                + " from pg_catalog.pg_subscription s"
                + " where s.subdbid = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())"

                + " union all select 'foreign-data-wrapper', w.fdwname, null"
                + " from pg_catalog.pg_foreign_data_wrapper w where " + notFromExtension("pg_foreign_data_wrapper", "w.oid")

                + " union all select 'foreign-server', s.srvname, 'FOREIGN DATA WRAPPER ' || w.fdwname"
                + " from pg_catalog.pg_foreign_server s join pg_catalog.pg_foreign_data_wrapper w on w.oid = s.srvfdw"
                + " where " + notFromExtension("pg_foreign_server", "s.oid")

                // The view, not pg_user_mapping, which only superusers may read.
                + " union all select 'user-mapping', 'FOR ' || u.usename || ' SERVER ' || u.srvname, null"
                + " from pg_catalog.pg_user_mappings u"

                + " union all select 'transform', 'FOR ' || pg_catalog.format_type(t.trftype, null) || ' LANGUAGE ' || l.lanname, null"
                + " from pg_catalog.pg_transform t join pg_catalog.pg_type ty on ty.oid = t.trftype"
                + " join pg_catalog.pg_language l on l.oid = t.trflang"
                + " left join pg_catalog.pg_proc fs on fs.oid = t.trffromsql left join pg_catalog.pg_proc ts on ts.oid = t.trftosql"
                + " where " + notFromExtension("pg_transform", "t.oid")
                + " and (" + managed("ty.typnamespace") + " or " + managed("fs.pronamespace") + " or " + managed("ts.pronamespace")
                + "   or ty.typnamespace = 'pg_catalog'::regnamespace)"

                + " union all select 'language', l.lanname, null from pg_catalog.pg_language l"
                + " where l.oid >= " + FIRST_NORMAL_OID + " and " + notFromExtension("pg_language", "l.oid")

                + " union all select 'access-method', a.amname, case a.amtype when 't' then 'TYPE TABLE' else 'TYPE INDEX' end"
                + " from pg_catalog.pg_am a"
                + " where a.oid >= " + FIRST_NORMAL_OID + " and " + notFromExtension("pg_am", "a.oid")
                + ") u";
    }
}
