package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LintStatementTrace;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs a migration's statements on a scratch database inside one transaction that is then rolled back, and reads
 * after each statement the relation locks its session holds ({@code pg_locks}) and which tables' files were replaced
 * ({@code pg_class.relfilenode} changed: a rewrite).
 *
 * <p>What is reported: locks on relations that existed before the migration (tables, indexes, sequences, views …
 * outside the system schemas), strongest mode per relation, when stronger than what the session held before the
 * statement; an index's lock only when stronger than its table's (whoever uses an index locks its table first: a
 * rewrite locks every index of the table as strongly as the table). A relation the migration itself creates is not reported: no other session can see it before the
 * commit, so its lock blocks no one (and {@link LockTable} names none either). Rewrites are reported for tables and
 * materialized views only: their indexes are rebuilt with them.
 *
 * <p>A statement PostgreSQL refuses inside a transaction block ({@code CONCURRENTLY}, {@code VACUUM}, …) is not run;
 * the statements after it still are (without its effect). A statement that fails ends the tracing of the migration:
 * it and the rest are reported as not traced. Nothing is left behind either way. Cost: one catalog query after each
 * statement on the traced connection and, for the migration, one on the observing connection, which sees the schema as
 * committed: as it was before the migration. Nothing is read per relation of the schema.
 */
public final class LockTracer {

    /** Mends what a failed statement lacked on the scratch server (a role it names), so the trace can start again. */
    public interface Mend {
        /** @return whether something was mended and the migration is worth tracing again */
        boolean mended(SQLException failure) throws SQLException;
    }

    /** A statement that would end the traced transaction or nest one in it. */
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?i)(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\\s+TRANSACTION)\\b.*",
            Pattern.DOTALL);
    private static final String NOT_IN_TRANSACTION = "not traced: cannot run inside a transaction block";
    private static final String TRANSACTION_CONTROL_NOTE = "not traced: it ends or nests the transaction";
    private static final String AFTER_FAILURE = "not traced: an earlier statement of the migration failed on the"
            + " scratch database";
    private static final int MAX_MENDS = 20;

    /** The first OID of objects that are not built in: what the lock query itself locks (catalogs) is below it. */
    private static final long FIRST_NORMAL_OID = 16384;
    /** After a statement: the session's granted locks on relations outside the catalogs, and their files now. */
    private static final String LOCKS = "select l.relation::bigint, l.mode,"
            + " pg_catalog.pg_relation_filenode(l.relation)::bigint from pg_catalog.pg_locks l where l.pid = pg_catalog.pg_backend_pid() and l.locktype = 'relation' and l.granted"
            + " and l.relation::bigint >= " + FIRST_NORMAL_OID
            + " and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())";
    /**
     * Read on another connection, which sees the schema as committed, before the migration: these relations' names,
     * files, whether they are tables or materialized views, and the table of an index. A relation the migration
     * created is not there.
     */
    private static final String BEFORE = "select c.oid::bigint, n.nspname || '.' || c.relname, c.relfilenode::bigint,"
            + " c.relkind in ('r', 'm'), i.indrelid::bigint"
            + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_catalog.pg_index i on i.indexrelid = c.oid"
            + " where c.oid = any (?::oid[]) and n.nspname not in ('pg_catalog', 'information_schema')"
            + " and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'";

    /** A relation as it was before the migration. */
    private record Relation(String name, long fileNode, boolean table, Long indexOf) {
    }

    private final Connection connection;
    private final Connection observer;
    private final Mend mend;
    private boolean open;
    private boolean restoreAutoCommit = true;

    /**
     * @param connection a scratch database holding the schema before the migration, in autocommit
     * @param observer   another connection to the same database: it sees the schema as committed (before the
     *                   migration) while the migration runs uncommitted on {@code connection}
     * @param mend       null, or what creates a role a statement names that the scratch server lacks
     */
    public LockTracer(Connection connection, Connection observer, Mend mend) {
        this.connection = connection;
        this.observer = observer;
        this.mend = mend;
    }

    /**
     * @return one trace per statement of {@code script}, in order; the database is as before
     * @throws EnvironmentException the connection failed (not the migration's SQL: that is a note of its trace)
     */
    public List<TracedStatement> trace(SqlScript script) throws EnvironmentException {
        return trace(script, false);
    }

    /**
     * As {@link #trace(SqlScript)}, but when every statement ran in the transaction and {@code keepOpen} is set, the
     * transaction is left open: the caller then ends it with {@link #commit()} (the migration applied, as
     * {@code db:migrate} applies a migration it runs in one transaction) or {@link #rollback()}. Meanwhile the
     * observing connection still sees the schema before the migration.
     *
     * @return the traces; {@link #open()} tells whether the transaction was left open
     */
    public List<TracedStatement> trace(SqlScript script, boolean keepOpen) throws EnvironmentException {
        try {
            for (int attempt = 1; ; attempt++) {
                Attempt result = attempt(script.statements(), keepOpen);
                if (result.failure == null || mend == null || attempt > MAX_MENDS || !mend.mended(result.failure)) {
                    return result.traces;
                }
            }
        } catch (SQLException e) {
            throw new EnvironmentException("The scratch database's connection failed while tracing locks: "
                    + e.getMessage(), null, e);
        }
    }

    private record Attempt(List<TracedStatement> traces, SQLException failure) {
    }

    /** What the session held after one statement: the strongest mode and the current file per relation. */
    private record Observed(int index, long millis, Map<Long, LockMode> locks, Map<Long, Long> fileNodes) {
    }

    private Attempt attempt(List<SqlStatement> statements, boolean keepOpen) throws SQLException {
        List<Object> results = new ArrayList<>(); // Observed, or the TracedStatement of a statement not traced
        SQLException failure = null;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        boolean leaveOpen = false;
        try (Statement run = connection.createStatement();
             PreparedStatement locks = connection.prepareStatement(LOCKS)) {
            for (int i = 0; i < statements.size() && failure == null; i++) {
                SqlStatement sql = statements.get(i);
                if (sql.requiresNoTransaction()) {
                    results.add(untraced(i, NOT_IN_TRANSACTION));
                    continue;
                }
                if (TRANSACTION_CONTROL.matcher(sql.text().strip()).matches()) {
                    results.add(untraced(i, TRANSACTION_CONTROL_NOTE));
                    continue;
                }
                long start = System.nanoTime();
                try {
                    run.execute(sql.text());
                } catch (SQLException e) {
                    if (connectionLost(e)) {
                        throw e;
                    }
                    failure = e;
                    results.add(untraced(i, "not traced: failed on the scratch database: " + describe(e)));
                    for (int j = i + 1; j < statements.size(); j++) {
                        results.add(untraced(j, AFTER_FAILURE));
                    }
                    continue;
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                Map<Long, LockMode> now = new HashMap<>();
                Map<Long, Long> nodes = new HashMap<>();
                try (ResultSet rows = locks.executeQuery()) {
                    while (rows.next()) {
                        long oid = rows.getLong(1);
                        LockMode mode = LockMode.fromPgLocks(rows.getString(2));
                        long node = rows.getLong(3);
                        if (!rows.wasNull()) {
                            nodes.put(oid, node);
                        }
                        if (mode != null) {
                            now.merge(oid, mode, LockMode::max);
                        }
                    }
                }
                results.add(new Observed(i, millis, now, nodes));
            }
            // Read while the migration is still uncommitted on the traced connection: the schema before it.
            Map<Long, Relation> before = before(results);
            leaveOpen = keepOpen && failure == null && results.stream().allMatch(Observed.class::isInstance);
            return new Attempt(traces(results, before), failure);
        } finally {
            if (leaveOpen) {
                open = true;
                restoreAutoCommit = autoCommit;
            } else {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** @return whether the last {@link #trace(SqlScript, boolean)} left its transaction open */
    public boolean open() {
        return open;
    }

    /**
     * Commits the transaction the last trace left open.
     *
     * @throws SQLException the commit failed (a deferred constraint): the transaction is rolled back
     */
    public void commit() throws SQLException {
        end(true);
    }

    /** Rolls back the transaction the last trace left open, if any. */
    public void rollback() throws SQLException {
        end(false);
    }

    private void end(boolean commit) throws SQLException {
        if (!open) {
            return;
        }
        open = false;
        try {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setAutoCommit(restoreAutoCommit);
        }
    }

    /** The locks each statement added and the tables it rewrote, on relations that existed before the migration. */
    private static List<TracedStatement> traces(List<Object> results, Map<Long, Relation> before) {
        List<TracedStatement> traces = new ArrayList<>();
        Map<Long, LockMode> held = new HashMap<>();
        Map<Long, Long> fileNodes = new HashMap<>();
        for (Object result : results) {
            if (result instanceof TracedStatement untraced) {
                traces.add(untraced);
                continue;
            }
            Observed o = (Observed) result;
            Map<String, LockMode> taken = new LinkedHashMap<>();
            Set<String> rewritten = new TreeSet<>();
            o.locks().forEach((oid, mode) -> {
                Relation relation = before.get(oid);
                if (relation == null) {
                    return; // created by the migration: no one else sees it before the commit
                }
                Long table = relation.indexOf();
                // Whoever uses an index locks its table first: the index's lock matters only when stronger.
                LockMode tableLock = table == null ? null : o.locks().get(table);
                boolean coveredByTable = table != null && LockMode.max(tableLock, mode) == tableLock;
                if (LockMode.max(held.get(oid), mode) != held.get(oid) && !coveredByTable) {
                    taken.put(relation.name(), mode);
                }
                Long node = o.fileNodes().get(oid);
                if (relation.table() && node != null
                        && node.longValue() != fileNodes.getOrDefault(oid, relation.fileNode())) {
                    rewritten.add(relation.name());
                    fileNodes.put(oid, node);
                }
            });
            held.putAll(o.locks());
            traces.add(new TracedStatement(o.index(), taken, rewritten, o.millis(), null));
        }
        return traces;
    }

    /**
     * Reads, on the observing connection, the relations the migration locked as they were committed; one the
     * migration created is not there. One query per migration.
     */
    private Map<Long, Relation> before(List<Object> results) throws SQLException {
        Set<Long> oids = new HashSet<>();
        results.stream().filter(Observed.class::isInstance).forEach(o -> oids.addAll(((Observed) o).locks().keySet()));
        Map<Long, Relation> known = new HashMap<>();
        if (oids.isEmpty()) {
            return known;
        }
        try (PreparedStatement before = observer.prepareStatement(BEFORE)) {
            before.setArray(1, observer.createArrayOf("bigint", oids.toArray(new Long[0])));
            try (ResultSet rows = before.executeQuery()) {
                while (rows.next()) {
                    long indexOf = rows.getLong(5);
                    known.put(rows.getLong(1), new Relation(rows.getString(2), rows.getLong(3), rows.getBoolean(4),
                            rows.wasNull() ? null : indexOf));
                }
            }
        }
        return known;
    }

    private static TracedStatement untraced(int index, String note) {
        return new TracedStatement(index, Map.of(), Set.of(), 0, note);
    }

    /** SQLSTATE and the server's message, without the driver's "ERROR:" and position. */
    private static String describe(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        return (e.getSQLState() == null ? "" : e.getSQLState() + " ") + message;
    }

    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /**
     * The traces of one migration as the lint result reports them: locks written {@code ACCESS EXCLUSIVE on
     * public.t}, strongest first; how long each statement's locks are held before the commit (in a migration Shale
     * runs in one transaction: the statement's own time and that of every statement after it; else its own time).
     *
     * @param transactional whether Shale runs the migration in one transaction ({@code !script.requiresNoTransaction()})
     */
    public static List<LintStatementTrace> describe(String tag, Path file, SqlScript script,
                                                    List<TracedStatement> traces, boolean transactional) {
        List<LintStatementTrace> out = new ArrayList<>();
        long after = 0;
        long[] held = new long[traces.size()];
        for (int i = traces.size() - 1; i >= 0; i--) {
            after += traces.get(i).millis();
            held[i] = transactional ? after : traces.get(i).millis();
        }
        for (int i = 0; i < traces.size(); i++) {
            TracedStatement t = traces.get(i);
            SqlStatement sql = script.statements().get(t.index());
            List<String> locks = t.locks().entrySet().stream()
                    .sorted(Map.Entry.<String, LockMode>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> e.getValue().sqlName() + " on " + e.getKey())
                    .toList();
            out.add(new LintStatementTrace(tag, file, sql.line(), firstLine(sql.text()), locks,
                    t.rewritten().stream().sorted(Comparator.naturalOrder()).toList(),
                    t.traced() ? held[i] : 0, t.note()));
        }
        return out;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip() + " …";
    }
}
