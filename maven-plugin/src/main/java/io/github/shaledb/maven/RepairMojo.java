package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.RepairResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.util.List;

/**
 * Repairs the tracking table (Flyway's {@code repair}, Liquibase's {@code clearCheckSums}): shows how each applied
 * migration whose file was edited differs from the script as applied and records the file's hash — at once when only
 * comments or whitespace changed, with {@code -Ddb.force=true} when the statements changed; removes the rows of
 * migrations no longer on disk that {@code db.forget} names, and the later copies of a migration recorded twice.
 * One transaction under the migration lock; no migration runs and nothing outside the tracking table changes.
 *
 * @since 0.1.0
 */
@Mojo(name = "repair", threadSafe = true)
public class RepairMojo extends AbstractShaleMojo {

    /**
     * Also records applied migrations whose statements were edited, or whose script as applied is not stored (rows
     * written by drizzle or an older Shale). Only when the database already has the effect of the file as it now reads.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.FORCE)
    Boolean force;

    /**
     * Tags of applied migrations no longer on disk whose tracking rows to remove, comma-separated; {@code #id} names a
     * row without a name (written by drizzle-orm 0.x). A tag still on disk or not applied fails the goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.FORGET)
    List<String> forget;

    /**
     * Shows what would be repaired and changes nothing.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.DRY_RUN)
    Boolean dryRun;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.REPAIR_SKIP, defaultValue = "false")
    boolean skipRepair;

    @Inject
    public RepairMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected String goal() {
        return "repair";
    }

    @Override
    protected boolean skipGoal() {
        return skipRepair;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.REPAIR_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) {
        builder.force(force)
                // Maven injects an empty list for an unset list parameter.
                .forget(forget == null || forget.isEmpty() ? null : forget)
                .dryRun(dryRun);
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException {
        RepairResult result = shale.repair(settings);
        Reports.repaired(result).forEach(getLog()::info);
    }
}
