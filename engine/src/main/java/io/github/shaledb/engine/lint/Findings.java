package io.github.shaledb.engine.lint;

import java.util.ArrayList;
import java.util.List;

/** Collects what the rules report about one migration; {@link MigrationLinter} turns them into findings. */
public final class Findings {

    /**
     * What a rule reported.
     *
     * @param rule        the rule
     * @param statement   the statement flagged
     * @param table       the existing table it is about, {@code schema.name}; null when none
     * @param lock        the lock taken on {@code lockTarget}; null when the finding is not about a lock
     * @param lockTarget  what {@code lock} is taken on
     * @param why         why it hurts
     * @param safeRewrite the safe way as SQL; null when the advice is only "don't"
     */
    public record Report(LintRule rule, DdlStatement statement, String table, LockMode lock, String lockTarget,
                         String why, String safeRewrite) {
    }

    private final LintedMigration migration;
    private final List<Report> reports = new ArrayList<>();
    private LintRule rule;

    Findings(LintedMigration migration) {
        this.migration = migration;
    }

    void rule(LintRule current) {
        this.rule = current;
    }

    List<Report> reports() {
        return reports;
    }

    /**
     * Reports {@code statement}, with the strongest lock it takes on {@code table} (observed when traced, else from
     * {@link LockTable}); {@code table} may be null for findings not about a table.
     */
    public void report(DdlStatement statement, String table, String why, String safeRewrite) {
        LockMode lock = migration.lockOn(statement, table);
        reports.add(new Report(rule, statement, table, lock, lock == null ? null : table, why, safeRewrite));
    }

    /** Reports {@code statement} with a lock the rule names itself (e.g. on the referenced table of a foreign key). */
    public void report(DdlStatement statement, String table, LockMode lock, String lockTarget, String why,
                       String safeRewrite) {
        reports.add(new Report(rule, statement, table, lock, lockTarget, why, safeRewrite));
    }
}
