package io.github.shaledb.maven;

import io.github.shaledb.engine.api.RollbackResult;
import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.io.File;
import java.time.Duration;

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
     * Writes the SQL a rollback would execute to this file instead of running it (implies {@code db.dryRun}): each
     * down script in its transaction with the delete of its tracking row, newest first, and a comment naming each
     * migration, for a DBA to review or to apply with {@code psql -v ON_ERROR_STOP=1 -f FILE}. The same database and
     * files give the same file, byte for byte.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.DRY_RUN_OUTPUT)
    File dryRunOutput;

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
     * transaction such as {@code CREATE INDEX CONCURRENTLY} run without it. 0: no limit.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LOCK_TIMEOUT_PER_STATEMENT, defaultValue = "" + Defaults.LOCK_TIMEOUT_PER_STATEMENT_SECONDS)
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
    FleetResult.Verb fleetVerb() {
        return FleetResult.Verb.ROLLBACK;
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
                .dryRun(dryRunOutput != null ? Boolean.TRUE : dryRun)
                .statementTimeout(seconds(statementTimeout))
                .lockTimeoutPerStatement(seconds(lockTimeoutPerStatement));
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException, MojoFailureException {
        RollbackResult result = shale.rollback(settings);
        int n = result.rolledBack().size();
        String migrations = n + (n == 1 ? " migration" : " migrations");
        if (result.dryRun()) {
            if (n == 0) {
                return; // the engine said there is nothing to roll back
            }
            if (dryRunOutput != null) {
                Reports.writeSql(dryRunOutput.toPath(), result.sql() == null ? "" : result.sql());
                getLog().info("Dry run: wrote the SQL that rolls back " + migrations + " to " + dryRunOutput
                        + "; nothing was changed.");
            } else {
                getLog().info("Dry run: " + migrations + " would be rolled back; nothing was changed. The SQL a rollback"
                        + " would execute:");
                if (result.sql() != null) {
                    result.sql().lines().forEach(getLog()::info);
                }
            }
            return;
        }
        String current = Reports.publishCurrent(project, result.current());
        if (n == 0) {
            return; // the engine said there is nothing to roll back
        }
        // The engine logged each as it finished ("[1/2] 0002_x rolled back …"); one line sums them up.
        Duration took = result.rolledBack().stream().map(RollbackResult.RolledBack::duration).reduce(Duration.ZERO, Duration::plus);
        getLog().info("Rolled back " + migrations + " in " + Reports.duration(took) + "; " + current + ".");
    }
}
