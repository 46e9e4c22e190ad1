package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.InvalidIndex;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.sql.IndexBuild;
import io.github.shaledb.engine.sql.SqlStatement;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * INVALID indexes ({@code pg_index.indisvalid} false), which a {@code CREATE INDEX CONCURRENTLY} or
 * {@code REINDEX … CONCURRENTLY} leaves when it is killed or fails half-way. Around each such statement run outside a
 * transaction: before it, drops what a killed earlier run of it left (else {@code IF NOT EXISTS} would skip the
 * unusable index and the migration be recorded as applied); after it, fails the migration when an index it built
 * is INVALID, dropping the ones it created so a rerun starts clean.
 */
final class InvalidIndexes {
    /** The copies REINDEX CONCURRENTLY makes: {@code <index>_ccnew[N]}, and {@code <index>_ccold[N]} for the one replaced. */
    private static final Pattern REINDEX_COPY = Pattern.compile("(.*)_cc(new|old)[0-9]*");
    private static final String QUOTED_NAME = "pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)";

    private final Connection connection;
    private final ShaleListener listener;

    InvalidIndexes(Connection connection, ShaleListener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /** Every INVALID index on a table of the schemas (its TOAST table's included), but for one being built right now. */
    static List<InvalidIndex> all(Connection c, List<String> schemas) throws SQLException {
        String sql = "select n.nspname, c.relname,"
                + " pg_catalog.quote_ident(tn.nspname) || '.' || pg_catalog.quote_ident(t.relname),"
                + " pg_catalog.pg_get_indexdef(i.indexrelid), " + QUOTED_NAME
                + " from pg_catalog.pg_index i"
                + " join pg_catalog.pg_class c on c.oid = i.indexrelid"
                + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                + " left join pg_catalog.pg_class toasted on toasted.reltoastrelid = i.indrelid"
                + " join pg_catalog.pg_class t on t.oid = coalesce(toasted.oid, i.indrelid)"
                + " join pg_catalog.pg_namespace tn on tn.oid = t.relnamespace"
                + " where not i.indisvalid and tn.nspname = any(?) and not " + beingBuilt(c)
                + " order by 1, 2";
        List<InvalidIndex> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InvalidIndex(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    /**
     * Whether another session is building the index {@code i} right now (an index being built is INVALID until it is
     * done), by its progress row (PostgreSQL 12 and later; another role's shows only with pg_read_all_stats). Not by
     * locks: every query that plans on the table or writes to it locks its INVALID indexes too.
     */
    private static String beingBuilt(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseMajorVersion() < 12 ? "false"
                : "exists (select from pg_catalog.pg_stat_progress_create_index p where p.index_relid = i.indexrelid)";
    }

    /**
     * Before a statement runs outside a transaction: when it builds an index concurrently, drops the INVALID indexes a
     * killed earlier run of it left, saying so. Never fails: what it cannot drop, {@link Build#succeeded} reports.
     *
     * @return what to check after the statement, or null when it builds no index
     */
    Build before(String tag, SqlStatement sql) {
        IndexBuild build = IndexBuild.of(sql);
        if (build == null) {
            return null;
        }
        Build watch = new Build(tag, sql, build);
        try {
            if (!connection.getAutoCommit()) {
                return null; // in a transaction the server refuses to build concurrently, and leaves nothing
            }
            watch.resolve();
            if (watch.tables.isEmpty()) {
                return null; // no such table or index: the statement fails and leaves nothing
            }
            List<Index> indexes = watch.indexes();
            for (Index index : indexes) {
                watch.existing.add(index.oid());
                if (!index.valid() && !index.building() && watch.leftOver(index.name())) {
                    String failure = drop(index);
                    if (failure == null) {
                        watch.existing.remove(index.oid());
                        listener.onEvent(ShaleEvent.warn("Dropped INVALID index " + index.quotedName() + " left by an"
                                + " interrupted earlier run of " + tag + "; " + (build.kind() == IndexBuild.Kind.CREATE_INDEX
                                ? "building it again." : "running the REINDEX again.")));
                    } else {
                        watch.undropped.put(index.oid(), "dropping it failed: " + failure);
                    }
                } else if (!index.valid() && index.building()) {
                    watch.undropped.put(index.oid(), "another session is building it right now");
                }
            }
        } catch (SQLException e) {
            // Without the indexes that were there before, nothing after it can be told apart: the statement runs as is.
            listener.onEvent(ShaleEvent.debug("Looking for INVALID indexes before " + tag + " failed: " + e.getMessage()));
            return null;
        }
        return watch;
    }

    /** Drops the index concurrently; returns why that failed, or null. */
    private String drop(Index index) {
        try (Statement st = connection.createStatement()) {
            st.execute("drop index concurrently if exists " + index.quotedName());
            return null;
        } catch (SQLException e) {
            return e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")";
        }
    }

    private record Index(long oid, String name, boolean valid, boolean building, String quotedName) {
    }

    /** One index-building statement: what existed before it, to tell afterwards which INVALID index it made. */
    final class Build {
        private final String tag;
        private final SqlStatement sql;
        private final IndexBuild build;
        private final List<Long> tables = new ArrayList<>();
        private final Set<Long> existing = new HashSet<>();
        /** INVALID indexes found before the statement and kept, with why. */
        private final Map<Long, String> undropped = new LinkedHashMap<>();
        /** REINDEX INDEX: the index's name. */
        private String reindexed;

        private Build(String tag, SqlStatement sql, IndexBuild build) {
            this.tag = tag;
            this.sql = sql;
            this.build = build;
        }

        /** The tables whose indexes the statement builds, resolved as the server will (search_path). */
        private void resolve() throws SQLException {
            String query = switch (build.kind()) {
                case CREATE_INDEX -> "select c.oid, null from pg_catalog.pg_class c where c.oid = pg_catalog.to_regclass(?)";
                case REINDEX_INDEX -> "select i.indrelid, c.relname from pg_catalog.pg_index i"
                        + " join pg_catalog.pg_class c on c.oid = i.indexrelid where i.indexrelid = pg_catalog.to_regclass(?)";
                case REINDEX_TABLE -> "select x, null from pg_catalog.pg_class c, unnest(array[c.oid, c.reltoastrelid]) x"
                        + " where c.oid = pg_catalog.to_regclass(?) and x <> 0";
                case REINDEX_SCHEMA -> "select x, null from pg_catalog.pg_class c"
                        + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace,"
                        + " unnest(array[c.oid, c.reltoastrelid]) x where n.nspname = ? and c.relkind in ('r', 'm') and x <> 0";
            };
            try (PreparedStatement ps = connection.prepareStatement(query)) {
                ps.setString(1, build.target());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getLong(1));
                        reindexed = rs.getString(2);
                    }
                }
            }
        }

        private List<Index> indexes() throws SQLException {
            String query = "select i.indexrelid, c.relname, i.indisvalid, " + beingBuilt(connection) + ", " + QUOTED_NAME
                    + " from pg_catalog.pg_index i join pg_catalog.pg_class c on c.oid = i.indexrelid"
                    + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                    + " where i.indrelid = any(?::oid[]) order by c.relname";
            List<Index> out = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(query)) {
                ps.setString(1, tables.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Index(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                                rs.getString(5)));
                    }
                }
            }
            return out;
        }

        /** Whether an index of this name is what a killed run of the statement leaves. */
        private boolean leftOver(String name) {
            if (build.kind() == IndexBuild.Kind.CREATE_INDEX) {
                return name.equals(build.index());
            }
            Matcher copy = REINDEX_COPY.matcher(name);
            // A long name is cut short to make room for the suffix.
            return copy.matches() && (reindexed == null || !copy.group(1).isEmpty() && reindexed.startsWith(copy.group(1)));
        }

        /** Whether the statement was to leave this index built and valid. */
        private boolean built(String name) {
            return switch (build.kind()) {
                case CREATE_INDEX -> name.equals(build.index());
                case REINDEX_INDEX -> name.equals(reindexed);
                case REINDEX_TABLE, REINDEX_SCHEMA -> true;
            };
        }

        /**
         * After the statement ran: each index it built is valid, or the migration fails (and is not recorded as
         * applied), naming the index; an INVALID one it created is dropped, one that was there before is left.
         *
         * @param where the statement's file as the message shows it
         * @param ran   the statements of the script that had run before this one
         */
        void succeeded(Path file, String where, List<String> ran) throws MigrationSqlException {
            List<Index> now;
            try {
                now = indexes();
            } catch (SQLException e) {
                return; // a lost connection fails the next statement or the tracking row with its real cause
            }
            List<String> lines = new ArrayList<>();
            List<String> fixes = new ArrayList<>();
            String first = null;
            for (Index index : now) {
                boolean created = !existing.contains(index.oid());
                if (index.valid() || created && index.building()) {
                    continue;
                }
                if (created) {
                    String failure = drop(index);
                    lines.add("The statement left the INVALID index " + index.quotedName() + (failure == null
                            ? "; Shale dropped it (DROP INDEX CONCURRENTLY), so a rerun builds it from scratch."
                            : "; dropping it failed: " + failure));
                    fixes.add(failure == null ? "see the server log for why the build did not complete, then run the"
                            + " goal again" : "DROP INDEX CONCURRENTLY " + index.quotedName() + "; then run the goal again");
                } else if (built(index.name())) {
                    lines.add(index.quotedName() + " was INVALID before the statement ran and is still"
                            + (undropped.containsKey(index.oid()) ? "; Shale did not drop it: " + undropped.get(index.oid())
                            : index.building() ? "; another session is building it right now"
                            : ": the statement did not rebuild it") + ".");
                    fixes.add("rebuild it (REINDEX INDEX CONCURRENTLY " + index.quotedName() + ";) or drop it (DROP INDEX"
                            + " CONCURRENTLY " + index.quotedName() + ";), then run the goal again");
                } else {
                    continue;
                }
                first = first == null ? index.quotedName() : first;
            }
            if (first == null) {
                return;
            }
            String at = where + ":" + sql.line() + ":" + sql.column();
            String nl = System.lineSeparator();
            StringBuilder text = new StringBuilder(tag).append(" failed at ").append(at).append(": after the statement ran,")
                    .append(" the index ").append(first).append(lines.size() > 1 ? " (and others)" : "")
                    .append(" is INVALID, so queries cannot use it.")
                    .append(nl).append("  Statement: ").append(ScriptRunner.preview(sql.text()));
            lines.forEach(l -> text.append(nl).append("  ").append(l));
            text.append(nl).append("  ").append(tag).append(" runs outside a transaction; it is not recorded as applied");
            if (ran.isEmpty()) {
                text.append('.');
            } else {
                text.append(", and these statements before it had run and remain:");
                for (int i = 0; i < ran.size(); i++) {
                    text.append(nl).append("    ").append(i + 1).append(") ").append(ScriptRunner.preview(ran.get(i)));
                }
            }
            List<String> already = new ArrayList<>(ran);
            already.add(sql.text());
            throw new MigrationSqlException(text.toString(), String.join("; ", new LinkedHashSet<>(fixes)), null, file,
                    sql.line(), sql.column(), sql.text(), null, null, null, already);
        }

        /**
         * The statement failed: drops the INVALID indexes it left, so nothing of it remains and a rerun starts clean,
         * and says so in the failure's message. Also for a caller that retries the statement: call it first.
         */
        MigrationSqlException failed(MigrationSqlException failure) {
            String nl = System.lineSeparator();
            StringBuilder more = new StringBuilder();
            try {
                for (Index index : indexes()) {
                    if (index.valid() || index.building() || existing.contains(index.oid())) {
                        continue;
                    }
                    String dropFailure = drop(index);
                    more.append(nl).append("  The statement left the INVALID index ").append(index.quotedName())
                            .append(dropFailure == null ? "; Shale dropped it (DROP INDEX CONCURRENTLY), so nothing of"
                                    + " the statement remains and a rerun builds it from scratch."
                                    : ", and dropping it failed (" + dropFailure + "); " + nextRun(index.quotedName()));
                }
            } catch (SQLException e) {
                more.append(nl).append("  It may have left an INVALID index behind; ")
                        .append(nextRun(build.index() == null ? "it" : build.index()));
            }
            boolean duplicates = "23505".equals(failure.sqlState());
            String fix = failure.fix();
            if (duplicates) {
                fix = "remove the rows that duplicate the index's key (the Detail names one; SELECT <key columns>,"
                        + " count(*) FROM " + (build.kind() == IndexBuild.Kind.CREATE_INDEX ? build.target() : "<table>")
                        + " GROUP BY <key columns> HAVING count(*) > 1 lists them all) or make the index not unique, then"
                        + " run the goal again" + (failure.alreadyRan().isEmpty() ? "" : "; first make the statements"
                        + " that already ran safe to run again (IF NOT EXISTS) or undo them by hand");
            }
            if (more.isEmpty() && !duplicates) {
                return failure;
            }
            return new MigrationSqlException(failure.getMessage() + more, fix, failure.getCause(), failure.file(),
                    failure.line(), failure.column(), failure.statement(), failure.sqlState(), failure.detail(),
                    failure.hint(), failure.alreadyRan());
        }

        private String nextRun(String index) {
            boolean named = build.kind() != IndexBuild.Kind.CREATE_INDEX || build.index() != null;
            return named ? "the next run of " + tag + " drops it before building it again."
                    : "db:status lists it; drop " + index + " (DROP INDEX CONCURRENTLY) before running the goal again.";
        }
    }
}
