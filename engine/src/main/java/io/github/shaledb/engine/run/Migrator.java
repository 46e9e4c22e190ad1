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
import io.github.shaledb.engine.api.TrackingTableException;
import io.github.shaledb.engine.lock.AdvisoryLock;
import io.github.shaledb.engine.migrations.Layout;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.tracking.AppliedRow;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
                return migrate(s, directory, tracking, session.connection(), null, start);
            }
        } catch (SQLException e) {
            throw failure(e, tracking);
        }
    }

    /**
     * {@link #migrate(RunSettings)} on a connection the caller holds (a fleet's worker): the lock, the plan and the
     * migrations as there, without opening or closing the connection. {@code directory} has at least one migration.
     */
    public MigrateResult migrate(RunSettings s, MigrationDirectory directory, AdvisoryLock.ProvenSession session,
                                 Connection c) throws ShaleException {
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        try {
            return migrate(s, directory, tracking, c, session, System.nanoTime());
        } catch (SQLException e) {
            throw failure(e, tracking);
        }
    }

    private static EnvironmentException failure(SQLException e, TrackingTable tracking) {
        if (ScriptRunner.connectionLost(e)) {
            return new EnvironmentException("The connection to the server was lost: " + e.getMessage() + " (SQLSTATE "
                    + e.getSQLState() + "). No migration was running; those applied before remain applied, and the"
                    + " server released the migration lock with the session.",
                    "find why the connection ended (a server restart, pg_terminate_backend, db:unlock -Ddb.force=true,"
                            + " the network), then run the goal again: it continues where this run stopped", e);
        }
        return new EnvironmentException("Reading or writing the tracking table " + tracking.qualifiedName()
                + " failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")",
                "check that the user may create and write " + tracking.qualifiedName()
                        + " (or point db.trackingSchema/db.trackingTable elsewhere)", e);
    }

    private MigrateResult migrate(RunSettings s, MigrationDirectory directory, TrackingTable tracking, Connection c,
                                  AdvisoryLock.ProvenSession proven, long start) throws ShaleException, SQLException {
        if (s.dryRun()) {
            return dryRun(s, directory, tracking, c, start);
        }
        long lockStart = System.nanoTime();
        try (AdvisoryLock ignored = proven != null ? AdvisoryLock.acquire(proven, s.lockKey(), s.lockTimeout(), listener)
                : AdvisoryLock.acquire(c, s.lockKey(), s.lockTimeout(), listener, () -> DatabaseSession.openProbe(s, c))) {
            Duration lockWait = elapsed(lockStart);
            tracking.ensure(c);
            warnOnOtherLockKey(s, c, tracking);
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

    /** Runs that use another lock key on the same table do not wait for each other: say so. */
    private void warnOnOtherLockKey(RunSettings s, Connection c, TrackingTable tracking) {
        try {
            Long recorded = tracking.recordLockKey(c, s.lockKey());
            if (recorded != null && recorded != s.lockKey()) {
                listener.onEvent(ShaleEvent.warn("This run takes migration lock key " + s.lockKey()
                        + (s.raw().lockId() == null ? " (the default for " + tracking.qualifiedName() + ")" : " (db.lockId)")
                        + ", but runs on " + tracking.qualifiedName() + " have used key " + recorded + ": runs with different"
                        + " keys do not wait for each other. The unique guard on the table's name column still records each"
                        + " migration once, but two runs can execute the same migration at the same time. Give every run on"
                        + " this table the same db.lockId (or none), or, if " + s.lockKey() + " is the key from now on, run"
                        + " COMMENT ON TABLE " + tracking.qualifiedName() + " IS NULL once."));
            }
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.debug("Could not read or record the lock key in the comment of "
                    + tracking.qualifiedName() + ": " + e.getMessage()));
        }
    }

    /**
     * What a run would do, as the SQL it would execute on this database: the tracking table's creation when it is
     * missing, each migration's statements in their transaction with its tracking row, and comments naming each
     * migration. The same database and files give the same text, so a DBA can review it or apply it with psql.
     */
    private MigrateResult dryRun(RunSettings s, MigrationDirectory directory, TrackingTable tracking, Connection c,
                                 long start) throws ShaleException, SQLException {
        MigrationPlan plan = MigrationPlan.of(directory.migrations(), tracking.rows(c));
        check(s, plan);
        List<MigrationPlan.Entry> todo = plan.unapplied();
        boolean all = s.transactionMode() == TransactionMode.ALL;
        StringBuilder sql = new StringBuilder();
        sql.append("-- The SQL db:migrate would execute on this database: ").append(todo.size()).append(" migration(s), ")
                .append(all ? "one transaction for the run (db.transaction=all)" : "one transaction each")
                .append(".\n-- Review it, or apply it with: psql -v ON_ERROR_STOP=1 -f <this file> (it opens and commits its own"
                        + " transactions).\n\n");
        List<String> ensure = tracking.ensureStatements(c);
        if (!ensure.isEmpty()) {
            sql.append("-- the tracking table ").append(tracking.qualifiedName()).append('\n');
            ensure.forEach(st -> sql.append(st).append(";\n"));
            sql.append('\n');
        }
        List<AppliedMigration> wouldApply = new ArrayList<>();
        boolean open = false;
        for (int i = 0; i < todo.size(); i++) {
            Migration m = todo.get(i).migration();
            SqlScript script = SqlScript.parse(m.sql());
            boolean outside = script.requiresNoTransaction();
            String insert = tracking.insertStatement(m, m.sql(), directory.downIfPresent(m)) + ";\n";
            if (outside && open) {
                // db.transaction=all: the run's transaction ends before a migration that cannot run inside one.
                sql.setLength(sql.length() - 1);
                sql.append("commit;\n\n");
                open = false;
            }
            sql.append("-- ").append(counter(i, todo.size())).append(' ').append(m.tag()).append(" (")
                    .append(relative(s, m.file())).append(')').append(outside ? ", outside a transaction" : "").append('\n');
            if (!outside && !open) {
                sql.append("begin;\n");
                open = true;
            }
            script.statements().forEach(st -> sql.append(st.text()).append(st.text().endsWith(";") ? "" : ";").append('\n'));
            if (outside) {
                sql.append("begin;\n").append(insert).append("commit;\n");
            } else {
                sql.append(insert);
                if (!all) {
                    sql.append("commit;\n");
                    open = false;
                }
            }
            sql.append('\n');
            wouldApply.add(new AppliedMigration(m.tag(), script.statements().size(), !outside, Duration.ZERO));
        }
        if (open) {
            sql.setLength(sql.length() - 1); // the commit closes the last migration's block, before its blank line
            sql.append("commit;\n\n");
        }
        return new MigrateResult(wouldApply, plan.current(), true, List.of(), Duration.ZERO, elapsed(start), sql.toString());
    }

    /** A file as the user knows it: relative to the project folder when inside it. */
    private static String relative(RunSettings s, Path file) {
        return (file.startsWith(s.projectDirectory()) ? s.projectDirectory().relativize(file) : file).toString().replace('\\', '/');
    }

    /** Fails before anything runs when an applied migration changed or a pending one is out of order. */
    private void check(RunSettings s, MigrationPlan plan) throws ShaleException {
        for (MigrationPlan.Entry e : plan.withState(State.MODIFIED)) {
            Migration m = e.migration();
            throw new MigrationFileException(m.file(), m.tag() + " was changed after it was applied: the database recorded hash "
                    + e.row().hash() + " but " + m.file() + " now has hash " + m.hash() + ".",
                    "restore the file as it was applied (see its git history) and put the change in a new migration;"
                            + " if the edit is intended (a comment, or the database already has its effect), run 'mvn db:repair'"
                            + " to see it and record the file as it is");
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
                                         MigrationPlan plan) throws ShaleException, SQLException {
        List<MigrationPlan.Entry> todo = plan.unapplied();
        List<SqlScript> scripts = new ArrayList<>();
        for (MigrationPlan.Entry e : todo) {
            scripts.add(SqlScript.parse(e.migration().sql()));
        }
        refuseEmpty(todo, scripts);
        boolean all = s.transactionMode() == TransactionMode.ALL;
        LockWaits lockWaits = new LockWaits(s.lockTimeoutPerStatement(), listener);
        lockWaits.apply(c);
        ScriptRunner runner = new ScriptRunner(c, s.projectDirectory(), null, listener).limits(s.migrationTimeout(), lockWaits);
        List<AppliedMigration> applied = new ArrayList<>();
        List<String> inOpenTransaction = new ArrayList<>();
        int before = plan.applied().size();
        int clockFor = -1;
        int firstInTransaction = 0;
        int attempt = 1;
        try {
            for (int i = 0; i < todo.size(); ) {
                Migration m = todo.get(i).migration();
                SqlScript script = scripts.get(i);
                if (i > clockFor) {
                    runner.startClock();
                    clockFor = i;
                    attempt = 1;
                }
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
                    listener.onEvent(ShaleEvent.debug(counter(i, todo.size()) + " " + m.tag() + " starts, outside a transaction"
                            + (script.noTransactionDirective() ? " (-- db:no-transaction)" : "")));
                    earlierRun(tracking, c, m, script, runner);
                    runner.run(m.tag(), m.file(), script, false, null, done -> tracking.recordProgress(c, m, done));
                    record(c, tracking, directory, runner, m, false, null);
                    firstInTransaction = i + 1;
                } else {
                    if (c.getAutoCommit()) {
                        c.setAutoCommit(false);
                        firstInTransaction = i;
                    }
                    listener.onEvent(ShaleEvent.debug(counter(i, todo.size()) + " " + m.tag() + " starts"
                            + (attempt > 1 ? " (attempt " + attempt + ")" : "")));
                    inOpenTransaction.add(m.tag());
                    int remain = before + applied.size() - (all ? inOpenTransaction.size() - 1 : 0);
                    String note = all
                            ? "Nothing of this run remains: its single transaction (db.transaction=all) was rolled back"
                            + (inOpenTransaction.size() > 1 ? ", including " + String.join(", ",
                            inOpenTransaction.subList(0, inOpenTransaction.size() - 1)) : "") + "."
                            : "Nothing of " + m.tag() + " remains: its transaction was rolled back"
                            + (remain > 0 ? "; the " + remain + " migration(s) before it remain applied"
                            + (applied.isEmpty() ? "" : " (this run applied " + String.join(", ",
                            applied.stream().map(AppliedMigration::tag).toList()) + ")") + "." : ".");
                    try {
                        runner.run(m.tag(), m.file(), script, true, note);
                    } catch (MigrationSqlException e) {
                        boolean lockWait = LockWaits.LOCK_NOT_AVAILABLE.equals(e.sqlState()) && lockWaits.enabled();
                        if (!lockWait && !runner.timedOut(e)) {
                            throw e;
                        }
                        c.rollback();
                        String at = (e.file().startsWith(s.projectDirectory()) ? s.projectDirectory().relativize(e.file())
                                : e.file()) + ":" + e.line() + ":" + e.column();
                        if (!lockWait || !lockWaits.pause(c, m.tag() + " at " + at, attempt, runner.deadline())) {
                            throw withBlockers(e, lockWaits.blockers(c));
                        }
                        attempt++;
                        applied.removeIf(a -> inOpenTransaction.contains(a.tag()));
                        inOpenTransaction.clear();
                        i = firstInTransaction;
                        continue;
                    }
                    record(c, tracking, directory, runner, m, true, note);
                    if (!all) {
                        commit(c, runner, m, note);
                        inOpenTransaction.clear();
                        firstInTransaction = i + 1;
                    }
                }
                AppliedMigration done = new AppliedMigration(m.tag(), script.statements().size(),
                        !script.requiresNoTransaction(), elapsed(t0));
                applied.add(done);
                listener.onEvent(ShaleEvent.info(finished(i, todo.size(), done, attempt)));
                i++;
            }
            if (!inOpenTransaction.isEmpty()) {
                Migration last = todo.get(todo.size() - 1).migration();
                commit(c, runner, last, "Nothing of this run remains: its transaction was rolled back.");
            }
        } catch (MigrationSqlException | SQLException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        }
        return applied;
    }

    /**
     * A migration without a statement (what db:generate -Ddb.custom=true writes before it is filled in) would be
     * recorded as applied having done nothing: refused before anything runs.
     */
    private static void refuseEmpty(List<MigrationPlan.Entry> todo, List<SqlScript> scripts) throws MigrationFileException {
        for (int i = 0; i < todo.size(); i++) {
            if (scripts.get(i).statements().isEmpty()) {
                Migration m = todo.get(i).migration();
                throw new MigrationFileException(m.file(), m.file() + " (" + m.tag() + ") has no statement, only whitespace"
                        + " or comments; applying it would record it as applied having done nothing. Nothing was run.",
                        "write the migration's SQL in " + m.file() + ", or delete the migration (its folder and its journal"
                                + " entry) if it is not wanted");
            }
        }
    }

    /**
     * After an interrupted run of a migration outside a transaction, resumes after the statements it had run when
     * they are still the file's first ones (a kill, or a failed statement corrected since), else runs it from the
     * start; names them either way.
     */
    private void earlierRun(TrackingTable tracking, Connection c, Migration m, SqlScript script, ScriptRunner runner)
            throws SQLException {
        TrackingTable.Progress progress = tracking.progress(c, m.tag());
        if (progress == null || progress.statements().isEmpty()) {
            return;
        }
        List<String> earlier = progress.statements();
        List<String> now = script.statements().stream().map(st -> st.text()).toList();
        boolean resume = earlier.size() <= now.size() && now.subList(0, earlier.size()).equals(earlier);
        String ran = System.lineSeparator() + String.join(System.lineSeparator(), numbered(earlier));
        if (resume) {
            listener.onEvent(ShaleEvent.warn("Resuming " + m.tag() + " after statement " + earlier.size() + " of " + now.size()
                    + ": an earlier run (at " + progress.updatedAt() + ") was interrupted after these had run, so they do"
                    + " not run again:" + ran));
        } else {
            listener.onEvent(ShaleEvent.warn("An earlier run of " + m.tag() + " (at " + progress.updatedAt() + ") was"
                    + " interrupted after these statements had run; the file has changed since, so it runs again from its"
                    + " first statement, and they remain unless undone since:" + ran));
        }
        runner.earlierRun(earlier, resume);
    }

    private static List<String> numbered(List<String> statements) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            lines.add("    " + (i + 1) + ") " + statements.get(i).strip().replaceAll("\\s+", " "));
        }
        return lines;
    }

    /**
     * Writes the tracking row: inside the migration's transaction, or after a migration outside one in a transaction
     * of its own with the removal of its progress. The unique guard on name makes a second run's copy fail here.
     */
    private void record(Connection c, TrackingTable tracking, MigrationDirectory directory, ScriptRunner runner, Migration m,
                        boolean transactional, String note) throws ShaleException {
        try {
            if (!transactional) {
                c.setAutoCommit(false);
            }
            tracking.insert(c, m, m.sql(), directory.downIfPresent(m));
            if (!transactional) {
                tracking.clearProgress(c, m.tag());
                c.commit();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw runner.failure(m.tag() + " (recording it in " + tracking.qualifiedName() + ")", m.file(), null, e,
                        List.of(), transactional, transactional ? note : "");
            }
            rollbackQuietly(c);
            throw new TrackingTableException(tracking.qualifiedName(), m.tag() + " was recorded as applied by another run"
                    + " while this one ran it" + (transactional ? "; this run's copy was rolled back, so it is applied once."
                    : ". It runs outside a transaction, so its statements ran twice (those written IF NOT EXISTS did nothing"
                    + " the second time).") + " The migration lock did not keep the two runs apart: they used different"
                    + " db.lockId values, or went through a transaction-pooling proxy.",
                    "give every run on " + tracking.qualifiedName() + " the same db.lockId (or none, the default derived from"
                            + " the table), connect directly or through a session-pooled port, and run db:migrate again");
        }
    }

    private static MigrationSqlException withBlockers(MigrationSqlException e, String blockers) {
        if (blockers == null) {
            return e;
        }
        return new MigrationSqlException(e.getMessage() + System.lineSeparator() + "  Sessions in long transactions holding"
                + " locks, most likely in its way: " + blockers + ".",
                e.fix(), e.getCause(), e.file(), e.line(), e.column(), e.statement(), e.sqlState(), e.detail(), e.hint(),
                e.alreadyRan());
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
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.debug("Rollback after failure failed: " + e.getMessage()));
        }
    }

    /** {@code [7/300]}: the position of the i-th (0-based) migration of this run among all it applies. */
    private static String counter(int i, int of) {
        return "[" + (i + 1) + "/" + of + "]";
    }

    /** The line logged as a migration finishes: {@code [3/300] 0042_add_orders  3 statements  812 ms}. */
    static String finished(int i, int of, AppliedMigration m, int attempt) {
        return counter(i, of) + " " + m.tag() + "  " + m.statements() + (m.statements() == 1 ? " statement" : " statements")
                + (m.transactional() ? "" : " outside a transaction") + "  " + duration(m.duration())
                + (attempt > 1 ? "  (attempt " + attempt + ")" : "");
    }

    /** {@code 812 ms} below a second, else {@code 3.1 s}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
