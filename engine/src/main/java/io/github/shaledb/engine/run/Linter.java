package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.api.LintStatementTrace;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.LazyFacts;
import io.github.shaledb.engine.lint.LintReportWriter;
import io.github.shaledb.engine.lint.SnapshotFacts;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintRules;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.MigrationLinter;
import io.github.shaledb.engine.lint.SchemaFacts;
import io.github.shaledb.engine.lint.TableSize;
import io.github.shaledb.engine.lint.TableSizes;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.tracking.TrackingTable;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code lint} verb: reads migrations and judges their statements; changes nothing anywhere. */
public final class Linter {
    private final ShaleListener listener;

    public Linter(ShaleListener listener) {
        this.listener = listener;
    }

    public LintResult lint(RunSettings s) throws ShaleException {
        return lint(s, true);
    }

    /** @param traceAllowed false for db:check, which replays the migrations already and lints them without tracing */
    LintResult lint(RunSettings s, boolean traceAllowed) throws ShaleException {
        MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
        Set<String> disabled = disabledRules(s);
        List<Migration> all = directory.migrations();
        Selection selection = select(s, all);
        List<LintRule> rules = LintRules.all();
        MigrationLinter linter = new MigrationLinter(rules, disabled, selection.sizes(), s.raw().lintMinRows());
        List<LintFinding> findings = new ArrayList<>();
        List<LintStatementTrace> traces = new ArrayList<>();
        List<DdlStatement> earlier = new ArrayList<>();
        Set<String> selected = new java.util.HashSet<>(selection.migrations().stream().map(Migration::tag).toList());
        String notTraced = null;
        LintScratch scratch = null;
        if (!traceAllowed) {
            notTraced = "db:check lints without tracing";
        } else if (Boolean.FALSE.equals(s.raw().lintTrace())) {
            notTraced = "db.lint.trace=false";
        } else if (!selected.isEmpty()) {
            try {
                scratch = LintScratch.start(s, listener);
            } catch (EnvironmentException e) {
                if (Boolean.TRUE.equals(s.raw().lintTrace())) {
                    throw e;
                }
                notTraced = "no scratch server could start (" + e.getMessage() + ")";
            }
        }
        try {
            Migration previous = null;
            for (Migration m : all) {
                SqlScript script = SqlScript.parse(m.sql());
                List<DdlStatement> statements = MigrationLinter.statements(script);
                if (selected.contains(m.tag())) {
                    LintScratch.Step step = scratch == null ? LintScratch.Step.UNKNOWN : scratch.trace(m, script);
                    traces.addAll(step.described());
                    SchemaFacts facts = step == LintScratch.Step.UNKNOWN ? snapshotFacts(previous) : step.before();
                    LintedMigration linted = new LintedMigration(m.tag(), m.file(), statements,
                            transactional(s, script), facts, step.traces(), lockTimeoutHandled(s),
                            prefix(earlier, earlier.size()));
                    findings.addAll(linter.lint(linted, m.sql()));
                } else if (scratch != null) {
                    scratch.replay(m, script);
                }
                earlier.addAll(statements);
                previous = m;
            }
            if (scratch != null) {
                listener.onEvent(ShaleEvent.info("Tracing on the scratch database: replaying the migrations took "
                        + scratch.replayMillis() + " ms, tracing the linted ones " + scratch.traceMillis() + " ms"));
                notTraced = scratch.stopped();
            }
        } finally {
            if (scratch != null) {
                scratch.close();
            }
        }
        LintSeverity failOn = s.raw().lintFailOn() == null ? LintSeverity.ERROR : s.raw().lintFailOn();
        Path report = s.raw().lintReport() == null ? null : s.projectDirectory().resolve(s.raw().lintReport());
        LintResult result = new LintResult(selection.migrations().stream().map(Migration::tag).toList(),
                selection.description(), findings, traces, notTraced, failOn, report);
        if (report != null) {
            LintReportWriter.write(result, report, s.projectDirectory());
        }
        return result;
    }

    /**
     * Lints a migration db:generate is about to write, without tracing: {@code facts} describe the schema before it,
     * {@code earlier} are the statements of the migrations before it (those of the folder and the parts written before).
     *
     * @return its findings (none suppressed unless the text holds {@code -- db:lint-ignore} lines)
     */
    static List<LintFinding> lintGenerated(RunSettings s, String tag, Path file, String sql, SchemaFacts facts,
                                           List<DdlStatement> earlier) throws ShaleException {
        SqlScript script = SqlScript.parse(sql);
        LintedMigration linted = new LintedMigration(tag, file, MigrationLinter.statements(script),
                transactional(s, script), facts, Map.of(), lockTimeoutHandled(s), earlier);
        return new MigrationLinter(LintRules.all(), Set.of(), Map.of(), null).lint(linted, sql);
    }

    /** The schema before a migration as the snapshot of the one before it says, read when first asked; else unknown. */
    private static SchemaFacts snapshotFacts(Migration previous) {
        if (previous == null) {
            return SchemaFacts.EMPTY;
        }
        return new LazyFacts(() -> {
            SchemaSnapshot snapshot = Snapshots.readIfPresent(previous);
            return snapshot == null ? null : new SnapshotFacts(snapshot.model());
        });
    }

    /** Which migrations to lint, why, and the sizes of the target's tables when there is a target. */
    record Selection(List<Migration> migrations, String description, Map<String, TableSize> sizes) {
    }

    private Selection select(RunSettings s, List<Migration> all) throws ShaleException {
        if (s.raw().targets() != null) {
            return fleet(s, all);
        }
        if (hasUrl(s)) {
            TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
            try (DatabaseSession.Opening opening = DatabaseSession.openInBackground(s, listener);
                 DatabaseSession session = opening.session()) {
                MigrationPlan plan = MigrationPlan.of(all, tracking.rows(session.connection()));
                List<Migration> pending = plan.entries().stream()
                        .filter(e -> e.row() == null)
                        .map(MigrationPlan.Entry::migration).toList();
                Map<String, TableSize> sizes;
                try {
                    sizes = TableSizes.read(session.connection());
                } catch (SQLException e) {
                    throw new EnvironmentException("Reading the sizes of the tables of the database failed: "
                            + e.getMessage(), null, e);
                }
                return new Selection(pending, pending.size() + " not applied to the database", sizes);
            } catch (SQLException e) {
                throw new EnvironmentException("Reading the tracking table " + tracking.qualifiedName() + " failed: "
                        + e.getMessage(), null, e);
            }
        }
        String since = s.raw().lintSince();
        if (since != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).tag().equals(since)) {
                    return new Selection(all.subList(i + 1, all.size()), "after " + since, Map.of());
                }
            }
            throw new ConfigurationException("db.lintSince", "db.lintSince names " + since
                    + ", which is not a migration in " + s.migrationsDirectory() + ".",
                    "give the tag of a migration (its folder's name, e.g. 0004_add_orders), or remove it to lint all");
        }
        return new Selection(all, "all", Map.of());
    }

    /** Over a fleet: the migrations not applied to at least one target, each linted once. */
    private Selection fleet(RunSettings s, List<Migration> all) throws ShaleException {
        FleetResult status = new FleetRunner(listener).run(FleetResult.Verb.STATUS,
                RunSettings.of(s.raw().toBuilder().report(null).canary(null).build()));
        Map<String, Integer> pendingOn = new java.util.HashMap<>();
        for (FleetResult.Target t : status.targets()) {
            t.tags().forEach(tag -> pendingOn.merge(tag, 1, Integer::sum));
        }
        List<FleetResult.Target> unread = status.in(FleetResult.TargetState.FAILED);
        if (!unread.isEmpty()) {
            listener.onEvent(ShaleEvent.warn(unread.size() + " target(s) could not be read, so what they have pending is"
                    + " not known: " + String.join(", ", unread.stream().map(FleetResult.Target::name).limit(10).toList())
                    + ". Migrations pending elsewhere are linted."));
        }
        List<Migration> pending = all.stream().filter(m -> pendingOn.containsKey(m.tag())).toList();
        int n = status.targets().size();
        String counts = String.join(", ", pending.stream().map(m -> m.tag() + " on " + pendingOn.get(m.tag())).toList());
        listener.onEvent(ShaleEvent.info("Table sizes are not read over a fleet (they differ per target):"
                + " db.lint.minRows does not apply."));
        return new Selection(pending, pending.size() + " not applied to at least one of " + n + " targets"
                + (pending.isEmpty() ? "" : " (" + counts + ")"), Map.of());
    }

    private static boolean hasUrl(RunSettings s) {
        return io.github.shaledb.engine.connect.DatabaseTarget.named(s.raw());
    }

    private static Set<String> disabledRules(RunSettings s) throws ConfigurationException {
        Set<String> disabled = new LinkedHashSet<>();
        if (s.raw().lintDisable() == null) {
            return disabled;
        }
        for (String entry : s.raw().lintDisable()) {
            for (String id : entry.split(",")) {
                String trimmed = id.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (LintRules.byId(trimmed).isEmpty()) {
                    throw new ConfigurationException("db.lint.disable", "db.lint.disable names no rule '" + trimmed + "'.",
                            "use the ids listed at https://shaledb.github.io/shale/lint/index.html, comma-separated");
                }
                disabled.add(trimmed);
            }
        }
        return disabled;
    }

    /** Shale runs the migration in a transaction of its own unless a statement or the directive forbids it. */
    static boolean transactional(RunSettings s, SqlScript script) {
        return !script.requiresNoTransaction();
    }

    /** The first {@code size} elements of a list that only grows at its end, without copying them. */
    private static <T> List<T> prefix(List<T> list, int size) {
        return new java.util.AbstractList<>() {
            @Override
            public T get(int index) {
                java.util.Objects.checkIndex(index, size);
                return list.get(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    static boolean lockTimeoutHandled(RunSettings s) {
        return s.lockTimeoutPerStatement() != null && !s.lockTimeoutPerStatement().isZero();
    }
}
