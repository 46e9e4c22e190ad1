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

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.tracking.AppliedRow;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rollback} verb: down scripts of the newest applied migrations, in the reverse of the order they were
 * applied, each in its own transaction with the removal of its tracking row. Every down script is found (on disk, else
 * stored with its tracking row) before any runs.
 */
public final class Rollbacker {
    private final ShaleListener listener;

    public Rollbacker(ShaleListener listener) {
        this.listener = listener;
    }

    /** One applied migration to undo: its row, its migration when on disk, and the down script with where it came from. */
    private record Step(AppliedRow row, Migration migration, String tag, SqlScript down, Path downFile, boolean stored) {
    }

    public RollbackResult rollback(RunSettings s) throws ShaleException {
        MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
        checkSelection(s);
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
            throw failure(e, tracking);
        }
    }

    /** {@link #rollback(RunSettings)} on a connection the caller holds (a fleet's worker), without opening or closing it. */
    public RollbackResult rollback(RunSettings s, MigrationDirectory directory, AdvisoryLock.ProvenSession session,
                                   Connection c) throws ShaleException {
        checkSelection(s);
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        try {
            if (s.dryRun()) {
                return run(s, c, directory, tracking);
            }
            try (AdvisoryLock ignored = AdvisoryLock.acquire(session, s.lockKey(), s.lockTimeout(), listener)) {
                return run(s, c, directory, tracking);
            }
        } catch (SQLException e) {
            throw failure(e, tracking);
        }
    }

    private static EnvironmentException failure(SQLException e, TrackingTable tracking) {
        return new EnvironmentException("Reading or writing the tracking table " + tracking.qualifiedName()
                + " failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")",
                ScriptRunner.connectionLost(e) ? "find why the connection ended, then run the goal again" : null, e);
    }

    private RollbackResult run(RunSettings s, Connection c, MigrationDirectory directory, TrackingTable tracking)
            throws ShaleException, SQLException {
        List<AppliedRow> rows = tracking.rows(c);
        MigrationPlan plan = MigrationPlan.of(directory.migrations(), rows);
        Map<Integer, Migration> onDisk = new HashMap<>();
        for (MigrationPlan.Entry e : plan.applied()) {
            onDisk.put(e.row().id(), e.migration());
        }
        List<AppliedRow> targets = targets(s, rows, onDisk);
        if (targets.isEmpty()) {
            listener.onEvent(ShaleEvent.info("Nothing to roll back: no migration is recorded as applied in "
                    + tracking.qualifiedName() + "."));
            return new RollbackResult(List.of(), plan.current(), s.dryRun(), null);
        }
        List<Step> steps = new ArrayList<>();
        for (AppliedRow row : targets) {
            steps.add(step(directory, tracking, c, row, onDisk.get(row.id())));
        }
        String remainingCurrent = remainingCurrent(rows, targets, onDisk);
        if (s.dryRun()) {
            StringBuilder sql = new StringBuilder();
            sql.append("-- The SQL db:rollback would execute on this database: ").append(steps.size())
                    .append(" migration(s) rolled back, newest first, each in its own transaction with the removal of its"
                            + " tracking row.\n-- Review it, or apply it with: psql -v ON_ERROR_STOP=1 -f <this file>.\n\n");
            List<RolledBack> planned = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                boolean transactional = !step.down().requiresNoTransaction();
                sql.append("-- [").append(i + 1).append('/').append(steps.size()).append("] roll back ").append(step.tag())
                        .append(" (").append(step.stored() ? "the down script stored with its tracking row"
                                : relative(s, step.downFile())).append(')')
                        .append(transactional ? "" : ", outside a transaction").append('\n');
                sql.append(transactional ? "begin;\n" : "");
                step.down().statements().forEach(st -> sql.append(st.text()).append(st.text().endsWith(";") ? "" : ";").append('\n'));
                sql.append(tracking.deleteStatement(step.row().id())).append(";\n");
                sql.append(transactional ? "commit;\n" : "").append('\n');
                planned.add(new RolledBack(step.tag(), step.down().statements().size(), Duration.ZERO));
            }
            return new RollbackResult(planned, remainingCurrent, true, sql.toString());
        }
        LockWaits lockWaits = new LockWaits(s.lockTimeoutPerStatement(), listener);
        lockWaits.apply(c);
        ScriptRunner runner = new ScriptRunner(c, s.projectDirectory(), null, listener).limits(s.migrationTimeout(), lockWaits);
        List<RolledBack> done = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String counter = "[" + (i + 1) + "/" + steps.size() + "]";
            long t0 = System.nanoTime();
            boolean transactional = !step.down().requiresNoTransaction();
            listener.onEvent(ShaleEvent.debug(counter + " " + step.tag() + " rollback starts"));
            String note = "Nothing of the rollback of " + step.tag() + " remains: its transaction was rolled back"
                    + (done.isEmpty() ? "." : "; " + done.size() + " later migration(s) were already rolled back: "
                    + String.join(", ", done.stream().map(RolledBack::tag).toList()) + ".");
            runner.startClock();
            for (int attempt = 1; ; attempt++) {
                try {
                    c.setAutoCommit(!transactional);
                    runner.run(step.tag() + " (down)", step.downFile(), step.down(), transactional, note);
                    tracking.delete(c, step.row().id());
                    if (transactional) {
                        c.commit();
                    }
                    break;
                } catch (MigrationSqlException e) {
                    if (!transactional || !lockWaits.enabled() || !LockWaits.LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                        throw e;
                    }
                    c.rollback();
                    if (!lockWaits.pause(c, step.tag() + " (down)", attempt, runner.deadline())) {
                        throw e;
                    }
                } catch (SQLException e) {
                    throw runner.failure(step.tag() + " (down)", step.downFile(), null, e, List.of(), transactional, note);
                } finally {
                    if (!c.isClosed() && !c.getAutoCommit()) {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                }
            }
            RolledBack rolledBack = new RolledBack(step.tag(), step.down().statements().size(), Migrator.elapsed(t0));
            done.add(rolledBack);
            int n = rolledBack.statements();
            listener.onEvent(ShaleEvent.info(counter + " " + step.tag() + " rolled back  " + n + (n == 1 ? " statement" : " statements")
                    + (transactional ? "" : " outside a transaction") + "  " + Migrator.duration(rolledBack.duration())
                    + (step.stored() ? "  (with the down script stored when it was applied; it is not on disk here)" : "")));
        }
        return new RollbackResult(done, remainingCurrent, false, null);
    }

    /**
     * The down script of an applied migration: its file when the checkout has one, else the one stored with its
     * tracking row when it was applied (a release pipeline rolls back from the previous release's checkout, which
     * lacks the newest migration). Neither: nothing runs.
     */
    private Step step(MigrationDirectory directory, TrackingTable tracking, Connection c, AppliedRow row, Migration m)
            throws ShaleException, SQLException {
        String tag = m != null ? m.tag() : row.name() != null ? row.name() : "#" + row.id();
        String file = m == null ? null : directory.downIfPresent(m);
        if (file != null) {
            return new Step(row, m, tag, SqlScript.parse(file), m.downFile(), false);
        }
        String stored = tracking.downScript(c, row.id());
        if (stored != null && !SqlScript.parse(stored).statements().isEmpty()) {
            return new Step(row, m, tag, SqlScript.parse(stored), Path.of(tag + " down_sql in " + tracking.qualifiedName()), true);
        }
        String where = m == null ? tag + " is not in " + directory.root() + " (the database was migrated by a newer build)"
                : (m.downFile() == null ? tag + " has no down script" : m.downFile() + " is missing or has no statement");
        throw new MigrationFileException(m == null ? directory.root() : m.downFile(), "Cannot roll back " + tag
                + ", the newest applied migration to undo: " + where + ", and its tracking row stores no down script (it was"
                + " applied by drizzle-orm or by a Shale that did not store them). Rolling back an older migration"
                + " underneath it would leave it applied over a schema without its base, so nothing was run.",
                m == null ? "run db:rollback from a checkout that has " + tag + " (the build that applied it)"
                        + ", or undo it by hand and then remove its tracking row with mvn db:repair -Ddb.forget=" + tag
                        : "write the reverse SQL of " + tag + " in " + m.downFile() + " and run db:rollback again");
    }

    /** A file as the user knows it: relative to the project folder when inside it. */
    private static String relative(RunSettings s, Path file) {
        return (file.startsWith(s.projectDirectory()) ? s.projectDirectory().relativize(file) : file).toString().replace('\\', '/');
    }

    /** What db.count and db.to can be checked against without a database, before one is connected or started. */
    private static void checkSelection(RunSettings s) throws ConfigurationException {
        Integer count = s.raw().count();
        String to = s.raw().to();
        if (count != null && to != null) {
            throw new ConfigurationException("db.to", "Both db.count and db.to are set.", "give one: db.count=N rolls back "
                    + "the last N migrations, db.to=TAG rolls back everything applied after TAG");
        }
        if (count != null && count < 1) {
            throw new ConfigurationException("db.count", "db.count is " + count + ".", "give how many migrations to roll back, 1 or more");
        }
    }

    /** The rows to undo, newest applied first: never one below an applied migration that stays. */
    private List<AppliedRow> targets(RunSettings s, List<AppliedRow> rows, Map<Integer, Migration> onDisk)
            throws ConfigurationException {
        Integer count = s.raw().count();
        String to = s.raw().to();
        List<AppliedRow> chosen;
        if (to != null) {
            int at = -1;
            for (int i = 0; i < rows.size(); i++) {
                if (to.equals(tag(rows.get(i), onDisk))) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new ConfigurationException("db.to", "db.to names " + to + ", which is not an applied migration.",
                        "give the tag of an applied migration to keep" + (rows.isEmpty() ? ""
                                : ", e.g. one of " + String.join(", ", rows.stream().map(r -> tag(r, onDisk)).toList())));
            }
            chosen = new ArrayList<>(rows.subList(at + 1, rows.size()));
        } else {
            int n = count == null ? Defaults.ROLLBACK_COUNT : count;
            if (n > rows.size() && !rows.isEmpty()) {
                throw new ConfigurationException("db.count", "db.count is " + n + " but only " + rows.size()
                        + " migration(s) are applied.", "use db.count=" + rows.size() + " to roll back all of them");
            }
            chosen = new ArrayList<>(rows.subList(Math.max(0, rows.size() - n), rows.size()));
        }
        Collections.reverse(chosen);
        return chosen;
    }

    private static String tag(AppliedRow row, Map<Integer, Migration> onDisk) {
        Migration m = onDisk.get(row.id());
        return m != null ? m.tag() : row.name() != null ? row.name() : "#" + row.id();
    }

    private static String remainingCurrent(List<AppliedRow> rows, List<AppliedRow> targets, Map<Integer, Migration> onDisk) {
        String current = null;
        for (AppliedRow row : rows) {
            if (!targets.contains(row)) {
                current = tag(row, onDisk);
            }
        }
        return current;
    }
}
