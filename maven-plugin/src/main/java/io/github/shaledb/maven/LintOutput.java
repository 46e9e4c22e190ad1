package io.github.shaledb.maven;

import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.api.LintStatementTrace;
import org.apache.maven.plugin.logging.Log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How lint findings read in the build log, for {@code db:lint}, {@code db:check} and {@code db:generate}: per finding
 * {@code file:line:col rule-id (title)}, the statement, the lock and the table's size, why, the safe rewrite and the
 * rule's page; then the suppressed findings one line each, the traced locks, and a summary.
 */
final class LintOutput {
    private static final String INDENT = "  ";
    /** The locks that block writes (or reads): those a trace line is printed for at info. */
    private static final List<String> STRONG_LOCKS = List.of("ACCESS EXCLUSIVE", "EXCLUSIVE", "SHARE ROW EXCLUSIVE", "SHARE");

    private final Path projectDirectory;

    /** @param projectDirectory what the migration files' paths are printed relative to */
    LintOutput(Path projectDirectory) {
        this.projectDirectory = projectDirectory == null ? null : projectDirectory.toAbsolutePath().normalize();
    }

    /** Prints the findings, the suppressed ones, the traces and the summary line of {@code db:lint}. */
    void print(LintResult result, Log log) {
        printFindings(result, log);
        if (result.notTraced() != null) {
            log.info("Locks not traced on a scratch database: " + result.notTraced()
                    + "; the locks shown are those PostgreSQL documents for each statement.");
        } else {
            traced(result).forEach(log::info);
            if (log.isDebugEnabled()) {
                allTraces(result).forEach(log::debug);
            }
        }
        if (result.report() != null) {
            log.info("Wrote the lint report " + relative(result.report()) + ".");
        }
        log.info(summary(result));
    }

    /** Prints each finding that counts (errors at error, warnings at warning) and each suppressed one at info. */
    void printFindings(LintResult result, Log log) {
        for (LintFinding f : result.active()) {
            for (String line : finding(f)) {
                if (f.severity() == LintSeverity.ERROR) {
                    log.error(line);
                } else {
                    log.warn(line);
                }
            }
        }
        for (LintFinding f : result.suppressed()) {
            log.info(ignored(f));
        }
    }

    /** A finding's lines: the heading, then indented the statement, lock and table, why, the safe rewrite, the page. */
    List<String> finding(LintFinding f) {
        List<String> lines = new ArrayList<>();
        lines.add(location(f) + " " + f.ruleId() + " (" + f.ruleName() + ")");
        lines.add(INDENT + f.statement());
        String lockAndTable = lockAndTable(f);
        if (!lockAndTable.isEmpty()) {
            lines.add(INDENT + lockAndTable);
        }
        lines.add(INDENT + "why: " + f.why());
        if (f.safeRewrite() != null && !f.safeRewrite().isBlank()) {
            List<String> sql = f.safeRewrite().strip().lines().toList();
            if (sql.size() == 1) {
                lines.add(INDENT + "safe: " + sql.get(0));
            } else {
                lines.add(INDENT + "safe:");
                sql.forEach(l -> lines.add(INDENT + INDENT + l));
            }
        }
        lines.add(INDENT + "see " + f.page());
        return lines;
    }

    /** {@code lock: SHARE on public.orders (observed)   table: ~1,204,331 rows, 310 MB}; empty when neither is known. */
    private static String lockAndTable(LintFinding f) {
        String lock = f.lock() == null ? "" : "lock: " + f.lock() + (f.lockObserved() ? " (observed)" : " (expected)");
        String size = size(f);
        String table = "";
        if (f.table() != null && (f.lock() == null || !f.lock().endsWith(" " + f.table()))) {
            table = "table: " + f.table() + (size.isEmpty() ? "" : ", " + size);
        } else if (!size.isEmpty()) {
            table = "table: " + size;
        }
        if (lock.isEmpty() || table.isEmpty()) {
            return lock + table;
        }
        return lock + "   " + table;
    }

    /** {@code ~1,204,331 rows, 310 MB}, or what of it is known. */
    private static String size(LintFinding f) {
        List<String> parts = new ArrayList<>();
        if (f.estimatedRows() != null) {
            parts.add(String.format(Locale.ROOT, "~%,d rows", f.estimatedRows()));
        }
        if (f.tableBytes() != null) {
            parts.add(bytes(f.tableBytes()));
        }
        return String.join(", ", parts);
    }

    /** As PostgreSQL's {@code pg_size_pretty}: {@code 8192 bytes}, {@code 310 MB}. */
    static String bytes(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 10 * 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return Math.round(value) + " " + units[unit];
    }

    /** {@code ignored: file:line:col rule-id — reason}. */
    String ignored(LintFinding f) {
        return "ignored: " + location(f) + " " + f.ruleId() + " — " + f.suppression();
    }

    /** Per traced statement with a lock that blocks writes: its file:line, the lock, what it rewrote, how long it held it. */
    List<String> traced(LintResult result) {
        List<String> lines = new ArrayList<>();
        for (LintStatementTrace t : result.traces()) {
            List<String> strong = t.locks().stream().filter(LintOutput::blocksWrites).toList();
            if (!strong.isEmpty()) {
                lines.add(trace(t, strong));
            }
        }
        return lines;
    }

    /** Every traced statement, for {@code mvn -X}. */
    List<String> allTraces(LintResult result) {
        List<String> lines = new ArrayList<>();
        for (LintStatementTrace t : result.traces()) {
            lines.add(trace(t, t.locks()) + (t.note() == null ? "" : " (" + t.note() + ")") + ": " + t.statement());
        }
        return lines;
    }

    private String trace(LintStatementTrace t, List<String> locks) {
        StringBuilder line = new StringBuilder("traced " + relative(t.file()) + ":" + t.line() + " ");
        line.append(locks.isEmpty() ? "no new lock" : String.join(", ", locks));
        if (!t.rewritten().isEmpty()) {
            line.append(", rewrote ").append(String.join(", ", t.rewritten()));
        }
        return line.append(", held ").append(t.heldMillis()).append(" ms").toString();
    }

    private static boolean blocksWrites(String lock) {
        String mode = lock.contains(" on ") ? lock.substring(0, lock.indexOf(" on ")) : lock;
        return STRONG_LOCKS.contains(mode.strip().toUpperCase(Locale.ROOT));
    }

    /** {@code db:lint: 3 migration(s) (2 not applied to the database), 2 errors, 1 warning, 1 ignored}. */
    String summary(LintResult result) {
        long errors = result.active().stream().filter(f -> f.severity() == LintSeverity.ERROR).count();
        long warnings = result.active().size() - errors;
        return "db:lint: " + result.linted().size() + " migration(s) (" + result.selection() + "), "
                + count(errors, "error") + ", " + count(warnings, "warning") + ", " + result.suppressed().size() + " ignored";
    }

    /** The message of the build failure: how many findings fail it, and the two ways out. */
    static String failure(LintResult result) {
        int n = result.failing().size();
        String what = result.failOn() == LintSeverity.WARNING ? "error(s) and warning(s)" : "error(s)";
        String threshold = result.failOn() == LintSeverity.WARNING
                ? "-D" + DbProperties.LINT_FAIL_ON + "=warning is set: errors and warnings fail the build"
                : "warnings do not fail it unless -D" + DbProperties.LINT_FAIL_ON + "=warning";
        return "db:lint found " + n + " " + what + " in the migrations (" + threshold + "). Rewrite each statement as its"
                + " 'safe:' lines show, or, when it is safe here (a new or small table, a maintenance window), put a line"
                + " '-- db:lint-ignore RULE-ID reason' directly above it; " + DbProperties.LINT_DISABLE
                + " switches a rule off for the whole project.";
    }

    /** {@code file:line:col}, the file relative to the project's folder. */
    String location(LintFinding f) {
        return relative(f.file()) + ":" + f.line() + ":" + f.column();
    }

    private String relative(Path file) {
        Path shown = file;
        if (projectDirectory != null && file.isAbsolute() && file.normalize().startsWith(projectDirectory)) {
            shown = projectDirectory.relativize(file.normalize());
        }
        return shown.toString().replace('\\', '/');
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
