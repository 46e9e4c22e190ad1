package io.github.shaledb.maven;

import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
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
     * transaction for the whole run, as drizzle-orm does. Unset: {@code each}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.TRANSACTION)
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
    @Parameter(property = DbProperties.MIGRATE_SKIP, defaultValue = "false")
    boolean skipMigrate;

    @Inject
    public MigrateMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
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
                .dryRun(dryRun)
                .baseline(baseline)
                .statementTimeout(seconds(statementTimeout))
                .lockTimeoutPerStatement(seconds(lockTimeoutPerStatement));
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException {
        MigrateResult result = shale.migrate(settings);
        if (result.dryRun()) {
            getLog().info("Dry run: " + result.applied().size() + " migration(s) would run; nothing was changed.");
            if (result.sql() != null) {
                result.sql().lines().forEach(getLog()::info);
            }
            return;
        }
        for (MigrateResult.AppliedMigration applied : result.applied()) {
            getLog().info("Applied " + applied.tag() + " (" + Reports.statements(applied.statements())
                    + (applied.transactional() ? "" : ", outside a transaction") + ", "
                    + applied.duration().toMillis() + " ms)");
        }
        if (!result.baselined().isEmpty()) {
            getLog().info("Baselined " + String.join(", ", result.baselined()));
        }
        getLog().info(result.applied().isEmpty()
                ? "Database is up to date" + (result.current() == null ? "." : " at " + result.current() + ".")
                : "Applied " + result.applied().size() + " migration(s) in " + result.total().toMillis() + " ms.");
        Reports.publishCurrent(project, result.current(), getLog());
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
