package io.github.shaledb.engine.api;

import java.nio.file.Path;

/**
 * One statement of a migration that a lint rule flags.
 *
 * @param ruleId        the rule's stable id, e.g. {@code create-index-not-concurrently}
 * @param ruleName      the rule's one-line title
 * @param severity      after {@code db.lint.minRows} (a small table turns an error into a warning)
 * @param migration     the migration's tag, e.g. {@code 0003_add_orders_index}
 * @param file          the migration's SQL file
 * @param line          1-based line of the statement in {@code file}
 * @param column        1-based column of the statement in {@code file}
 * @param statement     the statement's first line, for the log
 * @param lock          the lock taken and on what, e.g. {@code ACCESS EXCLUSIVE on public.orders}; null when the rule
 *                      is not about a lock
 * @param lockObserved  whether {@code lock} was read from {@code pg_locks} on a scratch database rather than taken from
 *                      Shale's table of locks
 * @param table         the existing table the finding is about ({@code schema.name}); null when none
 * @param estimatedRows the table's estimated rows in the {@code db.url} database; null when unknown
 * @param tableBytes    the table's total size in bytes in the {@code db.url} database; null when unknown
 * @param why           why it hurts, one or two sentences
 * @param safeRewrite   the safe way as SQL (several statements or migrations separated by comments); null when the only
 *                      advice is to not do it
 * @param page          the rule's page on the site
 * @param suppression   the reason given in a {@code -- db:lint-ignore} line, or "db.lint.disable"; null when the
 *                      finding counts
 */
public record LintFinding(String ruleId, String ruleName, LintSeverity severity, String migration, Path file,
                          int line, int column, String statement, String lock, boolean lockObserved, String table,
                          Long estimatedRows, Long tableBytes, String why, String safeRewrite, String page,
                          String suppression) {

    /** @return whether a {@code -- db:lint-ignore} line or {@code db.lint.disable} switched it off */
    public boolean suppressed() {
        return suppression != null;
    }

    /** @return {@code file:line:col} as editors and CI annotations read it */
    public String location() {
        return file + ":" + line + ":" + column;
    }
}
