package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.PushResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Makes the database match the schema files directly, without writing a migration or a tracking
 * row: for local development. Prints the plan; statements that would lose data need a yes at the
 * terminal or {@code -Ddb.force=true}, and in batch mode without it nothing is applied.
 *
 * @since 0.1.0
 */
@Mojo(name = "push", threadSafe = true)
public class PushMojo extends AbstractSchemaMojo {

    /**
     * Prints the plan and applies nothing. Rename candidates nobody decided do not stop it: the plan drops and creates
     * them, and each is listed with the {@code db.renames} hint that makes it a rename.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.DRY_RUN)
    Boolean dryRun;

    /**
     * Applies a plan that loses data, and accepts undecided rename candidates as a drop and a create.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.FORCE)
    Boolean force;

    /**
     * Rename hints, comma-separated: {@code table.old_column:new_column}, {@code old_table:new_table}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.RENAMES)
    String renames;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.PUSH_SKIP, defaultValue = "false")
    boolean skipPush;

    @Inject
    public PushMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected String goal() {
        return "push";
    }

    @Override
    protected boolean skipGoal() {
        return skipPush;
    }

    /** It compares the schema files with the live database; reads no migrations. */
    @Override
    MigrationsSource.Use migrationsUse() {
        return MigrationsSource.Use.NONE;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.PUSH_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) throws MojoFailureException {
        super.configure(builder);
        builder.dryRun(dryRun).force(force).renames(renames);
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException {
        PushResult result = shale.push(settings, ConsoleConfirmation.of(interactive()));
        if (result.inSync()) {
            return; // the engine said the database already matches
        }
        if (result.dryRun()) {
            getLog().info("Dry run: " + Reports.statements(result.statements()) + " would run"
                    + (result.undecided().isEmpty() ? "" : " (" + result.undecided().size() + " rename question(s) open)")
                    + "; nothing was changed.");
        } else {
            getLog().info("Pushed " + Reports.statements(result.statements()) + "; no migration was recorded.");
        }
    }
}
