package io.github.shaledb.engine.api;

import java.util.List;

/**
 * What {@code check} found: one line per problem; empty means everything agrees.
 *
 * @param problems   one line per problem, each naming the file or object and the fix
 * @param migrations how many migrations were checked
 * @param replayed   how many of them were replayed on a scratch database
 * @param lint       the lint findings of the migrations checked (the rules of {@code db:lint}); null when not linted
 */
public record CheckResult(List<String> problems, int migrations, int replayed, LintResult lint) {
    /** @param problems one line per problem, each naming the file or object and the fix; copied */
    public CheckResult {
        problems = List.copyOf(problems);
    }

    /** A result without lint findings. */
    public CheckResult(List<String> problems, int migrations, int replayed) {
        this(problems, migrations, replayed, null);
    }

    /** @return whether no problem was found and no lint finding fails the run */
    public boolean passed() {
        return problems.isEmpty() && (lint == null || lint.passed());
    }
}
