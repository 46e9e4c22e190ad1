package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LintStatementTrace;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.file.Path;
import java.sql.Array;
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
 * it and the rest are reported as not traced. Nothing is left behind either way. Cost: one catalog query before the
 * first statement and one after each.
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

    /** Every relation outside the system schemas, before the migration. */
    private static final String RELATIONS = "select c.oid::bigint, n.nspname || '.' || c.relname, c.relfilenode::bigint,"
            + " c.relkind in ('r', 'm'), i.indrelid::bigint"
            + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
            + " left join pg_catalog.pg_index i on i.indexrelid = c.oid"
            + " where n.nspname not in ('pg_catalog', 'information_schema')"
            + " and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp\\_%'";
    /**
     * After a statement: the session's granted relation locks on relations that existed before (mode set), and the
     * tables among them whose relfilenode is no longer the one before (mode null).
     */
    private static final String AFTER = "select l.relation::bigint, l.mode from pg_catalog.pg_locks l"
            + " where l.pid = pg_catalog.pg_backend_pid() and l.locktype = 'relation' and l.granted"
            + " and l.database = (select d.oid from pg_catalog.pg_database d where d.datname = pg_catalog.current_database())"
            + " and l.relation::bigint = any (?)"
            + " union all"
            + " select c.oid::bigint, null from pg_catalog.pg_class c"
            + " join rows from (pg_catalog.unnest(?::bigint[]), pg_catalog.unnest(?::bigint[])) as b(oid, node)"
            + " on c.oid = b.oid::oid"
            + " where c.relfilenode::bigint <> b.node";

    private final Connection connection;
    private final Mend mend;

    /**
     * @param connection a scratch database holding the schema before the migration, in autocommit
     * @param mend       null, or what creates a role a statement names that the scratch server lacks
     */
    public LockTracer(Connection connection, Mend mend) {
        this.connection = connection;
        this.mend = mend;
    }

    /**
     * @return one trace per statement of {@code script}, in order; the database is as before
     * @throws EnvironmentException the connection failed (not the migration's SQL: that is a note of its trace)
     */
    public List<TracedStatement> trace(SqlScript script) throws EnvironmentException {
        try {
            for (int attempt = 1; ; attempt++) {
                Attempt result = attempt(script.statements());
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

    private Attempt attempt(List<SqlStatement> statements) throws SQLException {
        List<TracedStatement> traces = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement run = connection.createStatement()) {
            Map<Long, String> names = new HashMap<>();
            Map<Long, Long> tableOfIndex = new HashMap<>();
            List<Long> oids = new ArrayList<>();
            List<Long> tableOids = new ArrayList<>();
            List<Long> nodes = new ArrayList<>();
            try (ResultSet rows = run.executeQuery(RELATIONS)) {
                while (rows.next()) {
                    long oid = rows.getLong(1);
                    names.put(oid, rows.getString(2));
                    oids.add(oid);
                    long table = rows.getLong(5);
                    if (!rows.wasNull()) {
                        tableOfIndex.put(oid, table);
                    }
                    if (rows.getBoolean(4)) {
                        tableOids.add(oid);
                        nodes.add(rows.getLong(3));
                    }
                }
            }
            try (PreparedStatement after = connection.prepareStatement(AFTER)) {
                after.setArray(1, longs(oids));
                after.setArray(2, longs(tableOids));
                after.setArray(3, longs(nodes));
                Map<Long, LockMode> held = new HashMap<>();
                Set<Long> rewritten = new HashSet<>();
                for (int i = 0; i < statements.size(); i++) {
                    SqlStatement sql = statements.get(i);
                    if (sql.requiresNoTransaction()) {
                        traces.add(untraced(i, NOT_IN_TRANSACTION));
                        continue;
                    }
                    if (TRANSACTION_CONTROL.matcher(sql.text().strip()).matches()) {
                        traces.add(untraced(i, TRANSACTION_CONTROL_NOTE));
                        continue;
                    }
                    long start = System.nanoTime();
                    try {
                        run.execute(sql.text());
                    } catch (SQLException e) {
                        if (connectionLost(e)) {
                            throw e;
                        }
                        traces.add(untraced(i, "not traced: failed on the scratch database: " + describe(e)));
                        for (int j = i + 1; j < statements.size(); j++) {
                            traces.add(untraced(j, AFTER_FAILURE));
                        }
                        return new Attempt(traces, e);
                    }
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    Map<Long, LockMode> now = new HashMap<>();
                    Set<Long> replaced = new HashSet<>();
                    try (ResultSet rows = after.executeQuery()) {
                        while (rows.next()) {
                            long oid = rows.getLong(1);
                            String mode = rows.getString(2);
                            LockMode lock = LockMode.fromPgLocks(mode);
                            if (mode == null) {
                                replaced.add(oid);
                            } else if (lock != null) {
                                now.merge(oid, lock, LockMode::max);
                            }
                        }
                    }
                    Map<String, LockMode> locks = new LinkedHashMap<>();
                    now.forEach((oid, mode) -> {
                        Long table = tableOfIndex.get(oid);
                        // Whoever uses an index locks its table first: the index's lock matters only when stronger.
                        boolean coveredByTable = table != null && LockMode.max(now.get(table), mode) == now.get(table);
                        if (LockMode.max(held.get(oid), mode) != held.get(oid) && !coveredByTable) {
                            locks.put(names.get(oid), mode);
                        }
                    });
                    held.putAll(now);
                    Set<String> newlyRewritten = new TreeSet<>();
                    for (Long oid : replaced) {
                        if (rewritten.add(oid)) {
                            newlyRewritten.add(names.get(oid));
                        }
                    }
                    traces.add(new TracedStatement(i, locks, newlyRewritten, millis, null));
                }
            }
            return new Attempt(traces, null);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private Array longs(List<Long> values) throws SQLException {
        return connection.createArrayOf("bigint", values.toArray(new Long[0]));
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
