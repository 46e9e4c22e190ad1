package io.github.shaledb.engine.api;

import java.util.List;

/**
 * What {@code push} planned and did. No tracking rows are written.
 *
 * @param plan       the statements with their hazard comments, as they run (empty when in sync)
 * @param statements how many statements the plan holds
 * @param dataLoss   what would be lost, one line each (dropped tables with rows, columns with values, …)
 * @param applied    false for a dry run or an empty plan
 * @param dryRun     whether this was a dry run
 * @param undecided  for a dry run, the {@code db.renames} hints of the rename candidates nobody decided (the plan
 *                   drops and creates them); a run that applies stops on them instead
 */
public record PushResult(String plan, int statements, List<String> dataLoss, boolean applied, boolean dryRun,
                         List<String> undecided) {
    /** Copies the lists. */
    public PushResult {
        dataLoss = List.copyOf(dataLoss);
        undecided = List.copyOf(undecided);
    }

    /** A result without undecided renames. */
    public PushResult(String plan, int statements, List<String> dataLoss, boolean applied, boolean dryRun) {
        this(plan, statements, dataLoss, applied, dryRun, List.of());
    }

    /** @return whether the database already matched the schema files */
    public boolean inSync() {
        return statements == 0;
    }
}
