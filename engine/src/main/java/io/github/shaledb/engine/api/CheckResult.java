package io.github.shaledb.engine.api;

import java.util.List;

/**
 * What {@code check} found: one line per problem; empty means everything agrees.
 *
 * @param migrations how many migrations were checked
 * @param replayed   how many of them were replayed on a scratch database
 */
public record CheckResult(List<String> problems, int migrations, int replayed) {
    public CheckResult {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
