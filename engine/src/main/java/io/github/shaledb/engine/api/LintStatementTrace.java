package io.github.shaledb.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What one statement of a linted migration did on the scratch database ({@code db.lint.trace}).
 *
 * @param migration  the migration's tag
 * @param file       the migration's SQL file
 * @param line       1-based line of the statement
 * @param statement  the statement's first line
 * @param locks      the locks the session held after it that it did not hold before, strongest per relation, e.g.
 *                   {@code ACCESS EXCLUSIVE on public.orders}
 * @param rewritten  the relations whose files it replaced (a rewrite: {@code pg_class.relfilenode} changed)
 * @param heldMillis how long its locks were held before the end of the transaction on the scratch database (its own
 *                   run time and that of the statements after it in the same transaction)
 * @param note       why the statement was not traced (it cannot run inside a transaction block, or it failed), or null
 */
public record LintStatementTrace(String migration, Path file, int line, String statement, List<String> locks,
                                 List<String> rewritten, long heldMillis, String note) {
    /** Copies the lists. */
    public LintStatementTrace {
        locks = List.copyOf(locks);
        rewritten = List.copyOf(rewritten);
    }
}
