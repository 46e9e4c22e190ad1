package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.MigrateResult.AppliedMigration;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.ShaleSettings.TransactionMode;
import io.github.shaledb.engine.api.StatusResult.State;
import io.github.shaledb.engine.lock.AdvisoryLock;
import io.github.shaledb.engine.migrations.Layout;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.tracking.AppliedRow;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code migrate} verb: plan under the lock, then apply pending migrations in journal order. */
public final class Migrator {
    private final ShaleListener listener;

    public Migrator(ShaleListener listener) {
        this.listener = listener;
    }

    public MigrateResult migrate(RunSettings s) throws ShaleException {
        long start = System.nanoTime();
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        try (DatabaseSession.Opening opening = DatabaseSession.openInBackground(s, listener)) {
            MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
            if (directory.layout() == Layout.EMPTY || directory.migrations().isEmpty()) {
                listener.onEvent(ShaleEvent.info("No migrations in " + s.migrationsDirectory() + ": nothing to apply."));
                return new MigrateResult(List.of(), null, s.dryRun(), List.of(), Duration.ZERO, elapsed(start), null);
            }
            try (DatabaseSession session = opening.session()) {
                return migrate(s, directory, tracking, session.connection(), start);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Reading or writing the tracking table " + tracking.qualifiedName()
                    + " failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")",
                    "check that the user may create and write " + tracking.qualifiedName()
                            + " (or point db.trackingSchema/db.trackingTable elsewhere)", e);
        }
    }

    private MigrateResult migrate(RunSettings s, MigrationDirectory directory, TrackingTable tracking, Connection c,
                                  long start) throws ShaleException, SQLException {
        if (s.dryRun()) {
            return dryRun(s, directory, tracking.rows(c), start);
        }
        long lockStart = System.nanoTime();
        try (AdvisoryLock ignored = AdvisoryLock.acquire(c, s.lockKey(), s.lockTimeout(), listener)) {
            Duration lockWait = elapsed(lockStart);
            tracking.ensure(c);
            MigrationPlan plan = MigrationPlan.of(directory.migrations(), tracking.rows(c));
            List<String> baselined = baseline(s, c, directory, tracking, plan);
            if (!baselined.isEmpty()) {
                plan = MigrationPlan.of(directory.migrations(), tracking.rows(c));
            }
            check(s, plan);
            backfillNames(c, tracking, plan);
            List<AppliedMigration> applied = apply(s, c, directory, tracking, plan);
            MigrationPlan after = applied.isEmpty() ? plan : MigrationPlan.of(directory.migrations(), tracking.rows(c));
            return new MigrateResult(applied, after.current(), false, baselined, lockWait, elapsed(start), null);
        }
    }

    private MigrateResult dryRun(RunSettings s, MigrationDirectory directory, List<AppliedRow> rows, long start)
            throws ShaleException {
        MigrationPlan plan = MigrationPlan.of(directory.migrations(), rows);
        check(s, plan);
        StringBuilder sql = new StringBuilder();
        List<AppliedMigration> wouldApply = new ArrayList<>();
        for (MigrationPlan.Entry e : plan.unapplied()) {
            Migration m = e.migration();
            SqlScript script = SqlScript.parse(m.sql());
            sql.append("-- ").append(m.tag()).append(" (").append(m.file()).append(')')
                    .append(script.requiresNoTransaction() ? ", outside a transaction" : "").append('\n');
            script.statements().forEach(st -> sql.append(st.text()).append(st.text().endsWith(";") ? "" : ";").append('\n'));
            sql.append('\n');
            wouldApply.add(new AppliedMigration(m.tag(), script.statements().size(), !script.requiresNoTransaction(),
                    Duration.ZERO));
        }
        return new MigrateResult(wouldApply, plan.current(), true, List.of(), Duration.ZERO, elapsed(start), sql.toString());
    }

    /** Fails before anything runs when an applied migration changed or a pending one is out of order. */
    private void check(RunSettings s, MigrationPlan plan) throws ShaleException {
        for (MigrationPlan.Entry e : plan.withState(State.MODIFIED)) {
            Migration m = e.migration();
            throw new MigrationFileException(m.file(), m.tag() + " was changed after it was applied: the database recorded hash "
                    + e.row().hash() + " but " + m.file() + " now has hash " + m.hash() + ".",
                    "restore the file as it was applied (see its git history) and put the change in a new migration");
        }
        List<MigrationPlan.Entry> outOfOrder = plan.withState(State.OUT_OF_ORDER);
        if (!outOfOrder.isEmpty() && !s.outOfOrder()) {
            Migration m = outOfOrder.get(0).migration();
            throw new MigrationFileException(m.file(), m.tag() + " is pending, but migrations after it in the journal are already applied"
                    + " (latest: " + plan.current() + "); out of order: "
                    + String.join(", ", outOfOrder.stream().map(o -> o.migration().tag()).toList()) + ".",
                    "if it is independent of the later ones (e.g. merged from another branch), pass -Ddb.outOfOrder=true to apply it");
        }
        for (AppliedRow row : plan.missing()) {
            listener.onEvent(ShaleEvent.warn("Applied migration " + (row.name() == null ? "#" + row.id() : row.name())
                    + " (hash " + row.hash() + ") is not in " + s.migrationsDirectory()
                    + "; was the database migrated from a newer build?"));
        }
    }

    private List<String> baseline(RunSettings s, Connection c, MigrationDirectory directory, TrackingTable tracking,
                                  MigrationPlan plan)
            throws ShaleException, SQLException {
        String tag = s.raw().baseline();
        if (tag == null) {
            return List.of();
        }
        List<MigrationPlan.Entry> entries = plan.entries();
        int upTo = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).migration().tag().equals(tag)) {
                upTo = i;
            }
        }
        if (upTo < 0) {
            throw new ConfigurationException("db.baseline", "db.baseline names " + tag + ", which is not a migration in "
                    + s.migrationsDirectory() + ".", "give the tag of the last migration the database already has, e.g. "
                    + entries.get(entries.size() - 1).migration().tag());
        }
        List<String> recorded = new ArrayList<>();
        for (MigrationPlan.Entry e : entries.subList(0, upTo + 1)) {
            if (e.row() == null) {
                tracking.insert(c, e.migration(), e.migration().sql(), directory.downIfPresent(e.migration()));
                recorded.add(e.migration().tag());
            }
        }
        listener.onEvent(ShaleEvent.info("Baseline: recorded " + recorded.size() + " migration(s) up to " + tag
                + " as applied without running them."));
        return recorded;
    }

    private void backfillNames(Connection c, TrackingTable tracking, MigrationPlan plan) throws SQLException {
        for (MigrationPlan.Entry e : plan.applied()) {
            String name = e.row().name();
            if (!e.migration().tag().equals(name)) {
                tracking.setName(c, e.row().id(), e.migration().tag());
                if (name != null) {
                    // drizzle-kit up moved the migration to a folder; drizzle-orm 1.x finds it only by the new name.
                    listener.onEvent(ShaleEvent.info("Renamed applied migration " + name + " to " + e.migration().tag()
                            + " in " + tracking.qualifiedName() + " (its folder after drizzle-kit up)."));
                }
            }
        }
    }

    private List<AppliedMigration> apply(RunSettings s, Connection c, MigrationDirectory directory, TrackingTable tracking,
                                         MigrationPlan plan)
            throws ShaleException, SQLException {
        List<MigrationPlan.Entry> todo = plan.unapplied();
        boolean all = s.transactionMode() == TransactionMode.ALL;
        ScriptRunner runner = new ScriptRunner(c, s.projectDirectory(), null, listener);
        List<AppliedMigration> applied = new ArrayList<>();
        List<String> inOpenTransaction = new ArrayList<>();
        int before = plan.applied().size();
        try {
            for (int i = 0; i < todo.size(); i++) {
                Migration m = todo.get(i).migration();
                SqlScript script = SqlScript.parse(m.sql());
                long t0 = System.nanoTime();
                if (todo.size() > 1 && (i == 0 || i == todo.size() - 1)) {
                    // Commits before the last migration's skip the WAL flush wait; the last one's flush makes
                    // them all durable. After a crash in between, a lost migration is lost with its tracking row.
                    execute(c, i == 0 ? "set synchronous_commit = off" : "reset synchronous_commit");
                }
                if (script.requiresNoTransaction()) {
                    if (!inOpenTransaction.isEmpty()) {
                        listener.onEvent(ShaleEvent.warn(m.tag() + " must run outside a transaction; committing the "
                                + inOpenTransaction.size() + " migration(s) before it first."));
                        commit(c, runner, m, "");
                        inOpenTransaction.clear();
                    }
                    c.setAutoCommit(true);
                    listener.onEvent(ShaleEvent.info("Applying " + m.tag() + " outside a transaction"
                            + (script.noTransactionDirective() ? " (-- db:no-transaction)" : "")));
                    runner.run(m.tag(), m.file(), script, false, null);
                    tracking.insert(c, m, m.sql(), directory.downIfPresent(m));
                } else {
                    if (c.getAutoCommit()) {
                        c.setAutoCommit(false);
                    }
                    listener.onEvent(ShaleEvent.info("Applying " + m.tag()));
                    inOpenTransaction.add(m.tag());
                    String note = all
                            ? "Nothing of this run remains: its single transaction (db.transaction=all) was rolled back"
                            + (inOpenTransaction.size() > 1 ? ", including " + String.join(", ",
                            inOpenTransaction.subList(0, inOpenTransaction.size() - 1)) : "") + "."
                            : "Nothing of " + m.tag() + " remains: its transaction was rolled back"
                            + (before + applied.size() > 0 ? "; the " + (before + applied.size())
                            + " migration(s) before it remain applied." : ".");
                    runner.run(m.tag(), m.file(), script, true, note);
                    tracking.insert(c, m, m.sql(), directory.downIfPresent(m));
                    if (!all) {
                        commit(c, runner, m, note);
                        inOpenTransaction.clear();
                    }
                }
                applied.add(new AppliedMigration(m.tag(), script.statements().size(), !script.requiresNoTransaction(),
                        elapsed(t0)));
            }
            if (!inOpenTransaction.isEmpty()) {
                Migration last = todo.get(todo.size() - 1).migration();
                commit(c, runner, last, "Nothing of this run remains: its transaction was rolled back.");
            }
        } catch (MigrationSqlException | SQLException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        }
        return applied;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static void commit(Connection c, ScriptRunner runner, Migration m, String note) throws MigrationSqlException {
        try {
            c.commit();
        } catch (SQLException e) {
            // Deferred constraints are checked here.
            throw runner.failure(m.tag() + " (at commit)", m.file(), null, e, List.of(), true, note);
        }
    }

    private void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.debug("Rollback after failure failed: " + e.getMessage()));
        }
    }

    static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
