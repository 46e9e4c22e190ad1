package io.github.shaledb.engine;

/**
 * The engine's entry point: one method per verb. Each takes the settings, reports progress to the
 * listener and returns a result record or throws a {@link ShaleException}.
 */
public final class Shale {
    private final ShaleListener listener;

    public Shale(ShaleListener listener) {
        this.listener = listener == null ? ShaleListener.NONE : listener;
    }

    public MigrateResult migrate(ShaleSettings settings) throws ShaleException {
        throw new UnsupportedOperationException("not yet");
    }

    public RollbackResult rollback(ShaleSettings settings) throws ShaleException {
        throw new UnsupportedOperationException("not yet");
    }

    public StatusResult status(ShaleSettings settings) throws ShaleException {
        throw new UnsupportedOperationException("not yet");
    }

    public UnlockResult unlock(ShaleSettings settings, Confirmation confirmation) throws ShaleException {
        throw new UnsupportedOperationException("not yet");
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
