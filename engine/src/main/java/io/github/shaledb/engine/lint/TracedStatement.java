package io.github.shaledb.engine.lint;

import java.util.Map;
import java.util.Set;

/**
 * What one statement did when run on the scratch database inside a transaction that was then rolled back.
 *
 * @param index     the statement's 0-based position in its migration
 * @param locks     the relations ({@code schema.name}) on which the session held a stronger lock after the statement
 *                  than before it, with that lock
 * @param rewritten relations whose {@code relfilenode} changed (their files were rewritten)
 * @param millis    how long the statement ran
 * @param note      why it was not traced (it cannot run in a transaction block, or it failed); null when traced
 */
public record TracedStatement(int index, Map<String, LockMode> locks, Set<String> rewritten, long millis,
                              String note) {
    /** Copies the collections. */
    public TracedStatement {
        locks = Map.copyOf(locks);
        rewritten = Set.copyOf(rewritten);
    }

    /** @return whether the statement ran and its locks were read */
    public boolean traced() {
        return note == null;
    }
}
