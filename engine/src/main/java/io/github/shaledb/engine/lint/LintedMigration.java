package io.github.shaledb.engine.lint;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A migration being linted, with what the rules may know about it.
 *
 * @param tag                the migration's tag
 * @param file               its SQL file
 * @param statements         its statements, read
 * @param transactional      Shale runs it in one transaction (false: statement by statement, as a migration holding
 *                           a {@code CONCURRENTLY} statement or the {@code -- db:no-transaction} directive runs)
 * @param before             the schema before it
 * @param traces             what tracing observed, by statement index; empty when not traced
 * @param lockTimeoutHandled Shale's migrate sets a short {@code lock_timeout} for each statement and retries
 *                           ({@code db.lockTimeoutPerStatement} is not 0)
 * @param earlier            the statements of every migration before this one in the folder, in order (applied or
 *                           not): what the schema was built from, for rules that need an earlier definition;
 *                           kept as given, so the caller must not change it while the migration is linted
 */
public record LintedMigration(String tag, Path file, List<DdlStatement> statements, boolean transactional,
                              SchemaFacts before, Map<Integer, TracedStatement> traces, boolean lockTimeoutHandled,
                              List<DdlStatement> earlier) {

    /** Copies the collections. */
    public LintedMigration {
        statements = List.copyOf(statements);
        traces = Map.copyOf(traces);
        // Not copied: db:lint passes a read-only prefix of one growing list (a copy per migration costs n² on a
        // folder of thousands).
        earlier = java.util.Collections.unmodifiableList(earlier);
    }

    /** @return whether the table was created by a statement of this migration before {@code beforeIndex} */
    public boolean createdHere(String table, int beforeIndex) {
        for (DdlStatement s : statements) {
            if (s.index() >= beforeIndex) {
                break;
            }
            if ((s.kind() == DdlStatement.Kind.CREATE_TABLE || s.kind() == DdlStatement.Kind.CREATE_TABLE_AS
                    || s.kind() == DdlStatement.Kind.CREATE_VIEW)
                    && table != null && table.equals(s.table())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether the table holds rows that live traffic uses when statement {@code atIndex} runs: it was not
     * created earlier in this migration, and the schema before does not say it is absent
     */
    public boolean existing(String table, int atIndex) {
        return table != null && !createdHere(table, atIndex) && !Boolean.FALSE.equals(before.exists(table));
    }

    /** @return the locks statement {@code s} takes: observed when traced, else from {@link LockTable} */
    public Map<String, LockMode> locks(DdlStatement s) {
        TracedStatement trace = traces.get(s.index());
        if (trace != null && trace.traced()) {
            return trace.locks();
        }
        return LockTable.expected(s, before);
    }

    /**
     * @return the lock held on {@code relation} while statement {@code s} runs, or null: when traced, the strongest the
     * session held after it (taken by it, or, in a transaction, by an earlier statement and still held); else the
     * lock {@link LockTable} names
     */
    public LockMode lockOn(DdlStatement s, String relation) {
        if (relation == null) {
            return null;
        }
        LockMode held = heldObserved(s, relation);
        return held != null ? held : LockTable.expected(s, before).get(relation);
    }

    /** @return whether {@link #lockOn} reads the lock from the trace rather than from {@link LockTable} */
    public boolean lockObserved(DdlStatement s, String relation) {
        return relation != null && heldObserved(s, relation) != null;
    }

    private LockMode heldObserved(DdlStatement s, String relation) {
        if (trace(s) == null) {
            return null;
        }
        LockMode held = null;
        for (DdlStatement earlier : statements) {
            if (earlier.index() > s.index()) {
                break;
            }
            if (earlier.index() < s.index() && !transactional) {
                continue;
            }
            TracedStatement t = trace(earlier);
            if (t != null) {
                held = LockMode.max(held, t.locks().get(relation));
            }
        }
        return held;
    }

    /** @return whether tracing saw the statement rewrite {@code relation}; null when not traced */
    public Boolean rewrote(DdlStatement s, String relation) {
        TracedStatement trace = traces.get(s.index());
        return trace == null || !trace.traced() ? null : trace.rewritten().contains(relation);
    }

    /** @return the statement's trace, or null when not traced */
    public TracedStatement trace(DdlStatement s) {
        TracedStatement trace = traces.get(s.index());
        return trace != null && trace.traced() ? trace : null;
    }
}
