package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LintResult;
import java.nio.file.Path;

/** Writes {@code db.lint.report}: SARIF for a {@code .sarif} file, JUnit XML for {@code .xml}. */
public final class LintReportWriter {

    private LintReportWriter() {
    }

    /** Writes the report; the format follows the file's extension. */
    public static void write(LintResult result, Path file) throws EnvironmentException {
        throw new UnsupportedOperationException("written by helper REPORT");
    }
}
