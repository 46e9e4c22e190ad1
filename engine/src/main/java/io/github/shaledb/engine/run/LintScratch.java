package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LintStatementTrace;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.lint.ConnectionFacts;
import io.github.shaledb.engine.lint.LockTracer;
import io.github.shaledb.engine.lint.SchemaFacts;
import io.github.shaledb.engine.lint.TracedStatement;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.sql.SqlScript;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scratch database {@code db:lint} traces on ({@code db.lint.trace}): started as {@code db:check}'s is (an
 * embedded server, {@code db.shadowUrl}, or a container), the migrations replayed on it in folder order as
 * {@code db:migrate} runs them. Each linted migration is run in a transaction, its locks read after each statement
 * ({@link LockTracer}); when it ran in full and {@code db:migrate} runs it in one transaction, that transaction is
 * committed at the next call, else rolled back and the migration replayed, so the next one is traced on the schema it
 * will meet.
 *
 * <p>Call in folder order: {@link #replay} for a migration not linted, {@link #trace} for one linted. Replays are
 * deferred to the next {@link #trace}, so migrations after the last linted one cost nothing, and the
 * {@link Step#before() facts} of a step stay true (the database holds the schema before its migration) until the
 * next call. A migration that fails to replay stops the tracing: later steps know nothing, and {@link #stopped()}
 * says why.
 */
final class LintScratch implements AutoCloseable {
    private final ShadowDatabase shadow;
    private final ShadowDatabase.Scratch scratch;
    private final ScratchReplay replay;
    private final Connection observer;
    private final LockTracer tracer;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> createdRoles = new HashSet<>();
    private long replayNanos;
    private long traceNanos;
    private String stopped;
    /** The migration whose traced transaction is still open, committed by the next {@link #flush()}. */
    private String openTag;

    private record Pending(Migration migration, SqlScript script) {
    }

    /**
     * What is known of one linted migration.
     *
     * @param before    the schema before it, answered from the scratch database's catalogs (valid until the next call)
     * @param traces    what each statement did, by index
     * @param described the traces as the lint result reports them
     */
    record Step(SchemaFacts before, Map<Integer, TracedStatement> traces, List<LintStatementTrace> described) {
        static final Step UNKNOWN = new Step(SchemaFacts.UNKNOWN, Map.of(), List.of());
    }

    private LintScratch(ShadowDatabase shadow, ShadowDatabase.Scratch scratch, Connection observer) {
        this.shadow = shadow;
        this.scratch = scratch;
        this.observer = observer;
        this.replay = new ScratchReplay(scratch.connection(), shadow.runner(scratch.connection()), "");
        this.tracer = new LockTracer(scratch.connection(), observer, this::createMissingRole);
    }

    static LintScratch start(RunSettings settings, ShaleListener listener) throws ShaleException {
        ShadowDatabase shadow = ShadowDatabase.start(settings, listener);
        try {
            ShadowDatabase.Scratch scratch = shadow.create();
            return new LintScratch(shadow, scratch, scratch.connectAgain());
        } catch (ShaleException | RuntimeException e) {
            shadow.close();
            throw e;
        }
    }

    /** Queues a migration that is not linted; it is replayed before the next traced one. */
    void replay(Migration m, SqlScript script) {
        pending.add(new Pending(m, script));
    }

    /** Replays what is queued, then traces {@code m} (rolled back) and queues it for replay. */
    Step trace(Migration m, SqlScript script) throws EnvironmentException {
        flush();
        pending.add(new Pending(m, script));
        if (stopped != null) {
            return Step.UNKNOWN;
        }
        long start = System.nanoTime();
        // A migration db:migrate runs in one transaction and that ran in full is committed as traced, not replayed.
        boolean keepOpen = !script.requiresNoTransaction() && script.metaCommands().isEmpty();
        List<TracedStatement> traced = tracer.trace(script, keepOpen);
        traceNanos += System.nanoTime() - start;
        if (tracer.open()) {
            pending.remove(pending.size() - 1);
            openTag = m.tag();
        }
        Map<Integer, TracedStatement> byIndex = new LinkedHashMap<>();
        traced.forEach(t -> byIndex.put(t.index(), t));
        // The observer sees the schema as committed: before the migration, whose transaction may still be open.
        return new Step(new ConnectionFacts(observer), byIndex,
                LockTracer.describe(m.tag(), m.file(), script, traced, !script.requiresNoTransaction()));
    }

    private void flush() throws EnvironmentException {
        if (openTag != null) {
            long start = System.nanoTime();
            try {
                tracer.commit();
            } catch (SQLException e) {
                if (ScriptRunner.connectionLost(e)) {
                    throw new EnvironmentException("The scratch database's connection failed: " + e.getMessage(), null, e);
                }
                stopped = openTag + " fails on the scratch database at commit (" + e.getMessage().lines().findFirst()
                        .orElse("") + "): the migrations after it were not traced";
            } finally {
                replayNanos += System.nanoTime() - start;
                openTag = null;
            }
        }
        if (stopped == null) {
            long start = System.nanoTime();
            try {
                for (Pending p : pending) {
                    try {
                        replay.apply(p.migration().tag(), p.migration().file(), p.script());
                    } catch (MigrationSqlException | MigrationFileException e) {
                        stopped = p.migration().tag() + " fails on the scratch database ("
                                + e.getMessage().lines().findFirst().orElse("") + "): the migrations after it"
                                + " were not traced";
                        break;
                    }
                }
            } finally {
                replayNanos += System.nanoTime() - start;
            }
        }
        pending.clear();
    }

    /** Why tracing stopped before the end (a migration failed to replay), or null. */
    String stopped() {
        return stopped;
    }

    /** Time spent replaying migrations on the scratch database (and committing traced ones), in milliseconds. */
    long replayMillis() {
        return replayNanos / 1_000_000;
    }

    /** Time spent tracing the linted migrations (running them and reading their locks), in milliseconds. */
    long traceMillis() {
        return traceNanos / 1_000_000;
    }

    private boolean createMissingRole(SQLException failure) throws SQLException {
        String role = ScriptRunner.missingRole(failure);
        if (role == null || !createdRoles.add(role)) {
            return false;
        }
        shadow.createRole(role);
        return true;
    }

    @Override
    public void close() {
        try {
            observer.close();
        } catch (SQLException e) {
            // The scratch database is dropped next, with its sessions.
        }
        scratch.close();
        shadow.close();
    }
}
