package io.github.shaledb.engine;

import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.UnlockResult;
import io.github.shaledb.engine.run.Migrator;
import io.github.shaledb.engine.run.Rollbacker;
import io.github.shaledb.engine.run.RunSettings;
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

    /** Reads the state of every migration; takes no lock and changes nothing. */
    public StatusResult status(ShaleSettings settings) throws ShaleException {
        return new StatusReader(listener).status(RunSettings.of(settings));
    }

    /** Reports sessions holding or waiting for the lock; ends live holders when forced or confirmed. */
    public UnlockResult unlock(ShaleSettings settings, Confirmation confirmation) throws ShaleException {
        return new Unlocker(listener).unlock(RunSettings.of(settings), confirmation == null ? Confirmation.NEVER : confirmation);
    }

    /**
     * True when the settings (or {@code DATABASE_URL}) name the embedded server, so the front end
     * must supply {@link ShaleSettings#postgresBinaries()}.
     */
    public static boolean usesEmbeddedServer(ShaleSettings settings) {
        String url = settings.url() != null ? settings.url() : settings.environment().get(Defaults.ENV_DATABASE_URL);
        return url != null && (url.equals("embedded") || url.startsWith("embedded:"));
    }
}
