package io.github.shaledb.engine.api;

/** How much a lint finding matters: an {@link #ERROR} fails {@code db:lint} by default, a {@link #WARNING} does not. */
public enum LintSeverity {
    /** Worth a look; fails the run only with {@code db.lint.failOn=warning}. */
    WARNING,
    /** Locks out traffic, loses data or breaks the running application; fails the run. */
    ERROR;

    /** @return whether a finding of this severity fails a run that fails on {@code threshold} */
    public boolean reaches(LintSeverity threshold) {
        return compareTo(threshold) >= 0;
    }
}
