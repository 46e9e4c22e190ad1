package io.github.shaledb.maven;

import io.github.shaledb.engine.api.LockSession;
import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.UnlockResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Shows every session holding or waiting for the migration lock, and ends the holder's session when
 * confirmed at the terminal or with {@code -Ddb.force=true}.
 *
 * @since 0.1.0
 */
@Mojo(name = "unlock", threadSafe = true)
public class UnlockMojo extends AbstractShaleMojo {

    /**
     * Terminates the sessions holding the lock without asking.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.FORCE)
    Boolean force;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.UNLOCK_SKIP, defaultValue = "false")
    boolean skipUnlock;

    @Inject
    public UnlockMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected String goal() {
        return "unlock";
    }

    @Override
    protected boolean skipGoal() {
        return skipUnlock;
    }

    /** It reads no migrations. */
    @Override
    MigrationsSource.Use migrationsUse() {
        return MigrationsSource.Use.NONE;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.UNLOCK_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) {
        builder.force(force);
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException {
        boolean interactive = session != null && session.getRequest().isInteractiveMode();
        UnlockResult result = shale.unlock(settings, ConsoleConfirmation.of(interactive));
        if (result.sessions().isEmpty()) {
            getLog().info("No session holds or waits for lock key " + result.lockKey() + "; the lock is free. "
                    + "Advisory locks belong to a session, so a holder whose connection died has already released it.");
        }
        for (LockSession lockSession : result.sessions()) {
            getLog().info((lockSession.granted() ? "holds: " : "waits: ") + lockSession.describe());
        }
        // The engine reports each terminated pid as it ends it.
        boolean liveHolderLeft = result.sessions().stream()
                .anyMatch(s -> s.granted() && !result.terminated().contains(s.pid()));
        if (liveHolderLeft) {
            getLog().info("To end the holder's session, run again with -D" + DbProperties.FORCE
                    + "=true (or answer yes when Maven runs interactively).");
        }
        getLog().info("Behind PgBouncer in transaction pooling mode, session advisory locks do not hold: "
                + "run migrations on a direct connection or a session-pooled one.");
    }
}
