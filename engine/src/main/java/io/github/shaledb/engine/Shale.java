package io.github.shaledb.engine;

import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.PushResult;
import io.github.shaledb.engine.api.RepairResult;
import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StartRequest;
import io.github.shaledb.engine.api.StartResult;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.StopResult;
import io.github.shaledb.engine.api.UnlockResult;
import io.github.shaledb.engine.run.Checker;
import io.github.shaledb.engine.run.Generator;
import io.github.shaledb.engine.run.Migrator;
import io.github.shaledb.engine.run.Pusher;
import io.github.shaledb.engine.run.Repairer;
import io.github.shaledb.engine.run.Rollbacker;
import io.github.shaledb.engine.run.RunSettings;
import io.github.shaledb.engine.run.ServerStarter;
import io.github.shaledb.engine.run.StatusReader;
import io.github.shaledb.engine.run.Unlocker;

/**
 * The engine's entry point: one method per verb. Each takes the settings, reports progress to the
 * listener and returns a result record or throws a {@link ShaleException}.
 */
public final class Shale {
    private final ShaleListener listener;

    public Shale(ShaleListener listener) {
        this.listener = listener == null ? ShaleListener.NONE : listener;
    }

    /** Applies pending migrations in journal order under the advisory lock. */
    public MigrateResult migrate(ShaleSettings settings) throws ShaleException {
        return new Migrator(listener).migrate(RunSettings.of(settings));
    }

    /** Runs the down scripts of the newest applied migrations under the advisory lock. */
    public RollbackResult rollback(ShaleSettings settings) throws ShaleException {
        return new Rollbacker(listener).rollback(RunSettings.of(settings));
    }

    /**
     * Accepts intended edits of applied migrations (re-records their hash; statement changes need db.force), removes
     * the tracking rows db.forget names of migrations no longer on disk and the later copies of one recorded twice;
     * one transaction under the advisory lock, and nothing outside the tracking table changes.
     */
    public RepairResult repair(ShaleSettings settings) throws ShaleException {
        return new Repairer(listener).repair(RunSettings.of(settings));
    }

    /** Reads the state of every migration; takes no lock and changes nothing. */
    public StatusResult status(ShaleSettings settings) throws ShaleException {
        return new StatusReader(listener).status(RunSettings.of(settings));
    }

    /** Reports sessions holding or waiting for the lock; ends live holders when forced or confirmed. */
    public UnlockResult unlock(ShaleSettings settings, Confirmation confirmation) throws ShaleException {
        return new Unlocker(listener).unlock(RunSettings.of(settings), confirmation == null ? Confirmation.NEVER : confirmation);
    }

    /**
     * Writes the next migration folder from the difference between the schema files and the last snapshot.
     *
     * @param confirmation asks about rename candidates at the terminal; null (or {@link Confirmation#NEVER})
     *                     in batch mode, where only {@code db.renames} hints or {@code db.force} decide them
     */
    public GenerateResult generate(ShaleSettings settings, Confirmation confirmation) throws ShaleException {
        return new Generator(listener).generate(RunSettings.of(settings), interactive(confirmation));
    }

    /** Makes the database match the schema files without a migration; data loss needs confirmation or db.force. */
    public PushResult push(ShaleSettings settings, Confirmation confirmation) throws ShaleException {
        return new Pusher(listener).push(RunSettings.of(settings), interactive(confirmation));
    }

    /** Checks the migrations folder, its snapshots, the schema files and (with a database) drift; changes nothing. */
    public CheckResult check(ShaleSettings settings) throws ShaleException {
        return new Checker(listener).check(RunSettings.of(settings));
    }

    /**
     * Starts a PostgreSQL for the build (or joins the one already running on the same data directory) and creates a
     * fresh database on it; it runs until {@link #stopServer} or the JVM's end. A server left running by a killed
     * build on the same data directory is stopped first.
     */
    public StartResult startServer(ShaleSettings settings, StartRequest request) throws ShaleException {
        return new ServerStarter(listener).start(RunSettings.of(settings), request);
    }

    /** Stops the server {@link #startServer} started with the same request, once every module that started it is done. */
    public StopResult stopServer(ShaleSettings settings, StartRequest request) throws ShaleException {
        return new ServerStarter(listener).stop(RunSettings.of(settings), request);
    }

    private static Confirmation interactive(Confirmation confirmation) {
        return confirmation == Confirmation.NEVER ? null : confirmation;
    }
}
