package io.github.shaledb.engine.api;

import java.util.List;

/**
 * What {@code check} found: one line per problem; empty means everything agrees.
 *
 * @param problems   one line per problem, each naming the file or object and the fix
 * @param migrations how many migrations were checked
 * @param replayed   how many of them were replayed on a scratch database
 */
public record CheckResult(List<String> problems, int migrations, int replayed) {
    /** @param problems one line per problem, each naming the file or object and the fix; copied */
    public CheckResult {
        problems = List.copyOf(problems);
    }

    /** @return whether no problem was found */
    public boolean passed() {
        return problems.isEmpty();
    }
}
