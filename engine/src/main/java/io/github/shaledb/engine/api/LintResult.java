package io.github.shaledb.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code lint} found.
 *
 * @param linted     the tags of the migrations linted, in journal order
 * @param selection  which migrations were linted and why, e.g. "2 not applied to the database", "after 0004_x", "all"
 * @param findings   every finding in file order, suppressed ones included (see {@link LintFinding#suppressed()})
 * @param traces     per statement, the locks observed on the scratch database; empty when not traced
 * @param notTraced  why the migrations were not traced; null when they were
 * @param failOn     the severity from which a finding fails the run
 * @param report     the report file written ({@code db.lint.report}), or null
 */
public record LintResult(List<String> linted, String selection, List<LintFinding> findings,
                         List<LintStatementTrace> traces, String notTraced, LintSeverity failOn, Path report) {
    /** Copies the lists. */
    public LintResult {
        linted = List.copyOf(linted);
        findings = List.copyOf(findings);
        traces = List.copyOf(traces);
    }

    /** @return the findings that count (not suppressed) */
    public List<LintFinding> active() {
        return findings.stream().filter(f -> !f.suppressed()).toList();
    }

    /** @return the findings switched off by a {@code -- db:lint-ignore} line or {@code db.lint.disable} */
    public List<LintFinding> suppressed() {
        return findings.stream().filter(LintFinding::suppressed).toList();
    }

    /** @return the findings that count and fail the run ({@link #failOn()} or worse) */
    public List<LintFinding> failing() {
        return active().stream().filter(f -> f.severity().reaches(failOn)).toList();
    }

    /** @return whether no finding fails the run */
    public boolean passed() {
        return failing().isEmpty();
    }
}
