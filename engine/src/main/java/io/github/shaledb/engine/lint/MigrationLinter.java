package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints one migration: reads its statements, runs every enabled rule, and turns the reports into findings with the
 * table sizes, the severity after {@code db.lint.minRows}, and the suppressions of {@code -- db:lint-ignore} lines.
 */
public final class MigrationLinter {

    private static final Pattern IGNORE = Pattern.compile("^\\s*--\\s*db:lint-ignore\\b(.*)$");

    private final List<LintRule> rules;
    private final Set<String> disabled;
    private final Map<String, TableSize> sizes;
    private final Long minRows;

    /**
     * @param disabled rule ids of {@code db.lint.disable}
     * @param sizes    table sizes in the {@code db.url} database, by {@code schema.name}; empty when none
     * @param minRows  {@code db.lint.minRows}, or null
     */
    public MigrationLinter(List<LintRule> rules, Set<String> disabled, Map<String, TableSize> sizes, Long minRows) {
        this.rules = List.copyOf(rules);
        this.disabled = Set.copyOf(disabled);
        this.sizes = Map.copyOf(sizes);
        this.minRows = minRows;
    }

    /** @return the statements of {@code script}, read */
    public static List<DdlStatement> statements(SqlScript script) {
        List<DdlStatement> statements = new ArrayList<>();
        List<SqlStatement> sql = script.statements();
        for (int i = 0; i < sql.size(); i++) {
            statements.add(DdlParser.parse(sql.get(i), i));
        }
        return statements;
    }

    /**
     * @param source the file's text, for the {@code -- db:lint-ignore} lines
     * @return the findings, in statement order, suppressed ones included
     * @throws MigrationFileException a {@code -- db:lint-ignore} line names no rule, an unknown rule, or gives no reason
     */
    public List<LintFinding> lint(LintedMigration migration, String source) throws MigrationFileException {
        Map<Integer, Map<String, String>> ignores = ignores(migration, source);
        Findings findings = new Findings(migration);
        for (LintRule rule : rules) {
            findings.rule(rule);
            rule.check(migration, findings);
        }
        List<LintFinding> out = new ArrayList<>();
        for (Findings.Report r : findings.reports()) {
            out.add(finding(migration, r, ignores.getOrDefault(r.statement().index(), Map.of())));
        }
        out.sort(Comparator.comparingInt(LintFinding::line).thenComparingInt(LintFinding::column));
        return out;
    }

    private LintFinding finding(LintedMigration migration, Findings.Report r, Map<String, String> ignored) {
        LintRule rule = r.rule();
        TableSize size = r.table() == null ? null : sizes.get(r.table());
        LintSeverity severity = rule.severity();
        if (severity == LintSeverity.ERROR && minRows != null && size != null && size.rows() >= 0
                && size.rows() < minRows) {
            severity = LintSeverity.WARNING;
        }
        String suppression = disabled.contains(rule.id()) ? "db.lint.disable" : ignored.get(rule.id());
        SqlStatement sql = r.statement().sql();
        String lock = r.lock() == null ? null : r.lock().sqlName() + " on " + r.lockTarget();
        boolean observed = r.lock() != null && (migration.lockObserved(r.statement(), r.lockTarget())
                || r.lockTarget() != null && r.lockTarget().contains(" and ") && migration.trace(r.statement()) != null);
        return new LintFinding(rule.id(), rule.name(), severity, migration.tag(), migration.file(), sql.line(),
                sql.column(), r.statement().firstLine(), lock, observed, r.table(),
                size == null || size.rows() < 0 ? null : size.rows(), size == null ? null : size.bytes(),
                r.why(), r.safeRewrite(), rule.page(), suppression);
    }

    /** The {@code -- db:lint-ignore RULE reason} lines directly above each statement, by statement index. */
    private Map<Integer, Map<String, String>> ignores(LintedMigration migration, String source)
            throws MigrationFileException {
        String[] lines = source.split("\r?\n|\r", -1);
        Map<Integer, Map<String, String>> byStatement = new HashMap<>();
        for (DdlStatement s : migration.statements()) {
            Map<String, String> ignored = new HashMap<>();
            for (int line = s.sql().line() - 2; line >= 0; line--) {
                String text = lines[line].strip();
                if (text.startsWith("--> statement-breakpoint")) {
                    continue;
                }
                if (!text.startsWith("--")) {
                    break;
                }
                Matcher m = IGNORE.matcher(lines[line]);
                if (m.matches()) {
                    ignore(migration.file(), line + 1, m.group(1).strip(), ignored);
                }
            }
            if (!ignored.isEmpty()) {
                byStatement.put(s.index(), ignored);
            }
        }
        return byStatement;
    }

    private static void ignore(Path file, int line, String rest, Map<String, String> into) throws MigrationFileException {
        String[] parts = rest.split("\\s+", 2);
        String id = parts[0];
        String reason = parts.length > 1 ? parts[1].strip() : "";
        if (id.isEmpty()) {
            throw new MigrationFileException(file, "line " + line + ": -- db:lint-ignore names no rule",
                    "write -- db:lint-ignore RULE-ID reason, e.g. -- db:lint-ignore drop-column the app stopped "
                            + "reading it in release 4.2");
        }
        if (LintRules.byId(id).isEmpty()) {
            throw new MigrationFileException(file, "line " + line + ": -- db:lint-ignore names no rule '" + id + "'",
                    "use one of the rule ids listed at https://shaledb.github.io/shale/lint/index.html");
        }
        if (reason.isEmpty()) {
            throw new MigrationFileException(file, "line " + line + ": -- db:lint-ignore " + id + " gives no reason",
                    "say why the statement is safe here, e.g. -- db:lint-ignore " + id + " the table holds 12 rows");
        }
        into.put(id, reason);
    }
}
