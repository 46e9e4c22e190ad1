package io.github.shaledb.maven;

import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.io.File;
import java.util.Arrays;
import java.util.Locale;

/**
 * Applies pending migrations in journal order under an advisory lock, then sets the project property
 * {@code db.current} to the latest applied tag.
 *
 * @since 0.1.0
 */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class MigrateMojo extends AbstractShaleMojo {

    /**
     * {@code each}: one transaction per migration, its tracking row inside it. {@code all}: one
     * transaction for the whole run, as drizzle-orm does.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.TRANSACTION, defaultValue = Defaults.TRANSACTION_MODE_NAME)
    String transaction;

    /**
     * Applies a pending migration older than the newest applied one instead of failing.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.OUT_OF_ORDER)
    Boolean outOfOrder;

    /**
     * Prints the SQL that would run and changes nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.DRY_RUN)
    Boolean dryRun;

    /**
     * Writes the SQL a run would execute to this file instead of running it (implies {@code db.dryRun}): the tracking
     * table's creation when it is missing, each migration's statements in its transaction, the insert of its tracking
     * row, and a comment naming each migration, for a DBA to review or to apply with
     * {@code psql -v ON_ERROR_STOP=1 -f FILE}. The same database and files give the same file, byte for byte.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.DRY_RUN_OUTPUT)
    File dryRunOutput;

    /**
     * Records every migration up to and including this tag as applied without running it, to adopt an
     * existing database.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.BASELINE)
    String baseline;

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
    @Parameter(property = DbProperties.MIGRATE_SKIP, defaultValue = "false")
    boolean skipMigrate;

    @Inject
    public MigrateMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    FleetResult.Verb fleetVerb() {
        return FleetResult.Verb.MIGRATE;
    }

    @Override
    protected String goal() {
        return "migrate";
    }

    @Override
    protected boolean skipGoal() {
        return skipMigrate;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.MIGRATE_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) throws MojoFailureException {
        builder.transactionMode(transactionMode(transaction))
                .outOfOrder(outOfOrder)
                .dryRun(dryRunOutput != null ? Boolean.TRUE : dryRun)
                .baseline(baseline)
                .statementTimeout(seconds(statementTimeout))
                .lockTimeoutPerStatement(seconds(lockTimeoutPerStatement));
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException, MojoFailureException {
        MigrateResult result = shale.migrate(settings);
        if (result.dryRun()) {
            String would = result.applied().size() + (result.applied().size() == 1 ? " migration" : " migrations");
            if (dryRunOutput != null) {
                // No migrations at all (the engine said so): an empty script, so a pipeline that applies it still can.
                Reports.writeSql(dryRunOutput.toPath(), result.sql() == null ? "" : result.sql());
                getLog().info("Dry run: wrote the SQL of " + would + " to " + dryRunOutput + "; nothing was changed.");
            } else if (result.sql() != null) {
                getLog().info("Dry run: " + would + " would run; nothing was changed. The SQL a run would execute:");
                result.sql().lines().forEach(getLog()::info);
            }
            return;
        }
        String current = Reports.publishCurrent(project, result.current());
        if (!result.applied().isEmpty()) {
            getLog().info(Reports.migrated(result));
            getLog().info(current);
        } else if (result.current() != null || !result.baselined().isEmpty()) {
            // With no migration at all the engine has said so; a second line would repeat it.
            getLog().info("Database is up to date; " + current + ".");
        }
    }

    static ShaleSettings.TransactionMode transactionMode(String value) throws MojoFailureException {
        if (value == null) {
            return null;
        }
        try {
            return ShaleSettings.TransactionMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(DbProperties.TRANSACTION + "=" + value + " is not a transaction mode. Use "
                    + String.join(" or ", Arrays.stream(ShaleSettings.TransactionMode.values())
                    .map(m -> m.name().toLowerCase(Locale.ROOT)).toList())
                    + ": -D" + DbProperties.TRANSACTION + "=each (one transaction per migration) or all (one for the run).");
        }
    }
}
