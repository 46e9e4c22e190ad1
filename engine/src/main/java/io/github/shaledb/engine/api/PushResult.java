package io.github.shaledb.engine.api;

import java.util.List;

/**
 * What {@code push} planned and did. No tracking rows are written.
 *
 * @param plan       the statements with their hazard comments, as they run (empty when in sync)
 * @param statements how many statements the plan holds
 * @param dataLoss   what would be lost, one line each (dropped tables with rows, columns with values, …)
 * @param applied    false for a dry run or an empty plan
 */
public record PushResult(String plan, int statements, List<String> dataLoss, boolean applied, boolean dryRun) {
    public PushResult {
        dataLoss = List.copyOf(dataLoss);
    }

    public boolean inSync() {
        return statements == 0;
    }
}
