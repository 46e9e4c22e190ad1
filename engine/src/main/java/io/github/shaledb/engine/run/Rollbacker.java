package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.api.RollbackResult.RolledBack;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.lock.AdvisoryLock;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rollback} verb: down scripts of the newest applied migrations, newest first, each in its
 * own transaction with the removal of its tracking row. Every down script is read before any runs.
 */
public final class Rollbacker {
    private final ShaleListener listener;

    public Rollbacker(ShaleListener listener) {
        this.listener = listener;
    }

    private record Step(MigrationPlan.Entry entry, SqlScript down) {
    }

    public RollbackResult rollback(RunSettings s) throws ShaleException {
        MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
        checkSelection(s, directory);
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        try (DatabaseSession session = DatabaseSession.open(s, listener)) {
            Connection c = session.connection();
            if (s.dryRun()) {
                return run(s, c, directory, tracking);
            }
            try (AdvisoryLock ignored = AdvisoryLock.acquire(c, s.lockKey(), s.lockTimeout(), listener, () -> DatabaseSession.openProbe(s, c))) {
                return run(s, c, directory, tracking);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Reading or writing the tracking table " + tracking.qualifiedName()
                    + " failed: " + e.getMessage(), null, e);
        }
    }

    private RollbackResult run(RunSettings s, Connection c, MigrationDirectory directory, TrackingTable tracking)
            throws ShaleException, SQLException {
        MigrationPlan plan = MigrationPlan.of(directory.migrations(), tracking.rows(c));
        List<MigrationPlan.Entry> targets = targets(s, plan.applied());
        if (targets.isEmpty()) {
            listener.onEvent(ShaleEvent.info("Nothing to roll back: no migration of " + s.migrationsDirectory()
                    + " is applied."));
            return new RollbackResult(List.of(), plan.current(), s.dryRun(), null);
        }
        if (!plan.missing().isEmpty()) {
            listener.onEvent(ShaleEvent.warn(plan.missing().size() + " applied migration(s) are not on disk and are left as they are."));
        }
        List<Step> steps = new ArrayList<>();
        for (MigrationPlan.Entry e : targets) {
            steps.add(new Step(e, SqlScript.parse(directory.readDown(e.migration()))));
        }
        String remainingCurrent = remainingCurrent(plan, targets);
        if (s.dryRun()) {
            StringBuilder sql = new StringBuilder();
            List<RolledBack> planned = new ArrayList<>();
            for (Step step : steps) {
                Migration m = step.entry().migration();
                sql.append("-- roll back ").append(m.tag()).append(" (").append(m.downFile()).append(")\n");
                step.down().statements().forEach(st -> sql.append(st.text()).append(st.text().endsWith(";") ? "" : ";").append('\n'));
                sql.append('\n');
                planned.add(new RolledBack(m.tag(), step.down().statements().size(), Duration.ZERO));
            }
            return new RollbackResult(planned, remainingCurrent, true, sql.toString());
        }
        ScriptRunner runner = new ScriptRunner(c, s.projectDirectory());
        List<RolledBack> done = new ArrayList<>();
        for (Step step : steps) {
            Migration m = step.entry().migration();
            long t0 = System.nanoTime();
            boolean transactional = !step.down().requiresNoTransaction();
            listener.onEvent(ShaleEvent.info("Rolling back " + m.tag() + (transactional ? "" : " outside a transaction")));
            String note = "Nothing of the rollback of " + m.tag() + " remains: its transaction was rolled back"
                    + (done.isEmpty() ? "." : "; " + done.size() + " later migration(s) were already rolled back.");
            try {
                c.setAutoCommit(!transactional);
                runner.run(m.tag() + " (down)", m.downFile(), step.down(), transactional, note);
                tracking.delete(c, step.entry().row().id());
                if (transactional) {
                    c.commit();
                }
            } catch (SQLException e) {
                throw runner.failure(m.tag() + " (down)", m.downFile(), null, e, List.of(), transactional, note);
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            done.add(new RolledBack(m.tag(), step.down().statements().size(), Migrator.elapsed(t0)));
        }
        return new RollbackResult(done, remainingCurrent, false, null);
    }

    /** Newest first. */
    /** What db.count and db.to can be checked against without a database, before one is connected or started. */
    private static void checkSelection(RunSettings s, MigrationDirectory directory) throws ConfigurationException {
        Integer count = s.raw().count();
        String to = s.raw().to();
        if (count != null && to != null) {
            throw new ConfigurationException("db.to", "Both db.count and db.to are set.", "give one: db.count=N rolls back "
                    + "the last N migrations, db.to=TAG rolls back everything applied after TAG");
        }
        if (count != null && count < 1) {
            throw new ConfigurationException("db.count", "db.count is " + count + ".", "give how many migrations to roll back, 1 or more");
        }
        if (to != null && directory.find(to).isEmpty()) {
            List<String> tags = directory.migrations().stream().map(m -> m.tag()).toList();
            throw new ConfigurationException("db.to", "db.to names " + to + ", which is not a migration in "
                    + s.migrationsDirectory() + ".", tags.isEmpty() ? "there are no migrations to roll back"
                    : "give the tag of the migration to keep, e.g. one of " + String.join(", ", tags));
        }
    }

    private List<MigrationPlan.Entry> targets(RunSettings s, List<MigrationPlan.Entry> applied) throws ConfigurationException {
        Integer count = s.raw().count();
        String to = s.raw().to();
        List<MigrationPlan.Entry> chosen;
        if (to != null) {
            int at = -1;
            for (int i = 0; i < applied.size(); i++) {
                if (applied.get(i).migration().tag().equals(to)) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new ConfigurationException("db.to", "db.to names " + to + ", which is not an applied migration.",
                        "give the tag of an applied migration to keep" + (applied.isEmpty() ? ""
                                : ", e.g. one of " + String.join(", ", applied.stream().map(e -> e.migration().tag()).toList())));
            }
            chosen = new ArrayList<>(applied.subList(at + 1, applied.size()));
        } else {
            int n = count == null ? io.github.shaledb.engine.api.Defaults.ROLLBACK_COUNT : count;
            if (n > applied.size() && !applied.isEmpty()) {
                throw new ConfigurationException("db.count", "db.count is " + n + " but only " + applied.size()
                        + " migration(s) are applied.", "use db.count=" + applied.size() + " to roll back all of them");
            }
            chosen = new ArrayList<>(applied.subList(Math.max(0, applied.size() - n), applied.size()));
        }
        java.util.Collections.reverse(chosen);
        return chosen;
    }

    private static String remainingCurrent(MigrationPlan plan, List<MigrationPlan.Entry> targets) {
        String current = null;
        for (MigrationPlan.Entry e : plan.applied()) {
            if (!targets.contains(e)) {
                current = e.migration().tag();
            }
        }
        return current;
    }
}
