package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StatusResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.util.List;

/**
 * Prints every migration with its state: applied, pending, modified, out of order, missing on disk.
 *
 * @since 0.1.0
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractShaleMojo {

    /**
     * Fails the build when a migration is not yet applied (pending or out of order), naming them.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.FAIL_ON_PENDING, defaultValue = "false")
    boolean failOnPending;

    /**
     * Reports a pending migration older than the newest applied one as pending rather than out of order.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.OUT_OF_ORDER)
    Boolean outOfOrder;

    /**
     * Lists only the migrations that are not simply applied (pending, out of order, modified, missing); the counts
     * by state still cover all of them.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.PENDING, defaultValue = "false")
    boolean pending;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.STATUS_SKIP, defaultValue = "false")
    boolean skipStatus;

    @Inject
    public StatusMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    FleetResult.Verb fleetVerb() {
        return FleetResult.Verb.STATUS;
    }

    @Override
    void afterFleet(FleetResult result) throws MojoFailureException {
        List<FleetResult.Target> behind = result.in(FleetResult.TargetState.BEHIND);
        if (failOnPending && !behind.isEmpty()) {
            throw new MojoFailureException(behind.size() + " of " + result.targets().size() + " targets have migrations not"
                    + " applied (" + String.join(", ", behind.stream().map(FleetResult.Target::name).limit(10).toList())
                    + (behind.size() > 10 ? ", …" : "") + "). Run mvn db:migrate with the same db.targets, or drop -D"
                    + DbProperties.FAIL_ON_PENDING + "=true.");
        }
    }

    @Override
    protected String goal() {
        return "status";
    }

    @Override
    protected boolean skipGoal() {
        return skipStatus;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.STATUS_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) {
        builder.outOfOrder(outOfOrder);
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException, MojoFailureException {
        StatusResult status = shale.status(settings);
        if (status.rows().isEmpty()) {
            getLog().info("No migrations on disk or in the tracking table.");
        } else {
            StatusResult shown = pending ? new StatusResult(status.rows().stream()
                    .filter(r -> r.state() != StatusResult.State.APPLIED).toList(), status.current(), status.invalidIndexes())
                    : status;
            if (!shown.rows().isEmpty()) {
                Reports.statusTable(shown).forEach(getLog()::info);
            }
        }
        getLog().info(Reports.current(status.current()));
        Reports.invalidIndexes(status).forEach(getLog()::warn);
        if (!status.rows().isEmpty()) {
            getLog().info(Reports.statusCounts(status));
        }
        List<String> notApplied = status.rows().stream()
                .filter(r -> r.state() == StatusResult.State.PENDING || r.state() == StatusResult.State.OUT_OF_ORDER)
                .map(StatusResult.Row::tag)
                .toList();
        if (failOnPending && !notApplied.isEmpty()) {
            throw new MojoFailureException(notApplied.size() + " migration(s) not applied: " + String.join(", ", notApplied)
                    + ". Run mvn db:migrate, or drop -D" + DbProperties.FAIL_ON_PENDING + "=true.");
        }
    }
}
