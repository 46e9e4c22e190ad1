package io.github.shaledb.maven;

import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Runs the {@code down.sql} of the last applied migrations, newest first, each in its own transaction
 * with the removal of its tracking row, then sets {@code db.current}.
 *
 * @since 0.1.0
 */
@Mojo(name = "rollback", threadSafe = true)
public class RollbackMojo extends AbstractShaleMojo {

    /**
     * How many applied migrations to roll back. Unset: 1. Ignored when {@code db.to} is set.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.COUNT)
    Integer count;

    /**
     * Rolls back every migration applied after this tag; the tag itself stays applied.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.TO)
    String to;

    /**
     * Prints the down scripts that would run and changes nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.DRY_RUN)
    Boolean dryRun;

    /**
     * Seconds each statement may run ({@code statement_timeout}). Unset: no limit.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.STATEMENT_TIMEOUT)
    Integer statementTimeout;

    /**
     * Seconds each statement may wait for a table lock ({@code lock_timeout}) before it gives way and its
     * migration is tried again, with growing pauses, until {@code db.migrationTimeout}; statements outside a
     * transaction such as {@code CREATE INDEX CONCURRENTLY} run without it. 0: no limit. Unset: 5.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LOCK_TIMEOUT_PER_STATEMENT)
    Integer lockTimeoutPerStatement;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.ROLLBACK_SKIP, defaultValue = "false")
    boolean skipRollback;

    @Inject
    public RollbackMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected String goal() {
        return "rollback";
    }

    @Override
    protected boolean skipGoal() {
        return skipRollback;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.ROLLBACK_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) {
        builder.count(count)
                .to(to)
                .dryRun(dryRun)
                .statementTimeout(seconds(statementTimeout))
                .lockTimeoutPerStatement(seconds(lockTimeoutPerStatement));
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException {
        RollbackResult result = shale.rollback(settings);
        if (result.dryRun()) {
            getLog().info("Dry run: " + result.rolledBack().size() + " migration(s) would be rolled back; nothing was changed.");
            if (result.sql() != null) {
                result.sql().lines().forEach(getLog()::info);
            }
            return;
        }
        for (RollbackResult.RolledBack rolledBack : result.rolledBack()) {
            getLog().info("Rolled back " + rolledBack.tag() + " (" + Reports.statements(rolledBack.statements()) + ", "
                    + rolledBack.duration().toMillis() + " ms)");
        }
        if (result.rolledBack().isEmpty()) {
            getLog().info("Nothing to roll back.");
        }
        Reports.publishCurrent(project, result.current(), getLog());
    }
}
