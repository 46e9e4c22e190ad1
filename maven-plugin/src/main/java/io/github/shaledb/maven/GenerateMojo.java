package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Diffs the schema files against the last migration's snapshot and writes the next migration folder
 * ({@code migration.sql}, {@code down.sql}, {@code snapshot.json}) and its journal entry. Writes nothing
 * when nothing changed. Needs no database: the schema files are applied to a scratch one, and the new
 * migration is replayed there (after the existing ones) and must reach the schema files, and its down
 * script the schema before it, or nothing is written. Statements that cannot run in a transaction
 * ({@code CREATE INDEX CONCURRENTLY}) go into folders of their own. The migration is written for the
 * PostgreSQL major version of {@code db.url} when given, else {@code db.postgresVersion}, else the one the
 * latest snapshot records, else 17. Prints the {@code db:lint} findings of what it wrote, as {@code db:lint} prints
 * them; they do not stop it.
 *
 * @since 0.1.0
 */
@Mojo(name = "generate", threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractSchemaMojo {

    /**
     * The migration's name: the folder becomes {@code NNNN_<name>}. Unset: from the changes, e.g.
     * {@code create_users}, {@code alter_orders}, or {@code changes}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.NAME)
    String name;

    /**
     * Writes an empty migration for hand-written SQL (data fixes, statements the diff does not cover);
     * its snapshot is the previous one.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.CUSTOM)
    Boolean custom;

    /**
     * Rename hints for batch mode, comma-separated: {@code table.old_column:new_column} for a column,
     * {@code old_table:new_table} for a table. Without a hint, batch mode stops at a possible rename
     * and prints the hint to pass.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.RENAMES)
    String renames;

    /**
     * Accepts every undecided rename candidate as a drop and a create (the old data is lost).
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
    @Parameter(property = DbProperties.GENERATE_SKIP, defaultValue = "false")
    boolean skipGenerate;

    @Inject
    public GenerateMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected String goal() {
        return "generate";
    }

    @Override
    protected boolean skipGoal() {
        return skipGenerate;
    }

    /** It writes the migrations folder: classpath:<path> is the first resource folder's, an artifact is refused. */
    @Override
    MigrationsSource.Use migrationsUse() {
        return MigrationsSource.Use.WRITE;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.GENERATE_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) throws MojoFailureException {
        super.configure(builder);
        builder.name(name).custom(custom).renames(renames).force(force);
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException {
        GenerateResult result = shale.generate(settings, ConsoleConfirmation.of(interactive()));
        if (result.lint() != null) {
            // What db:lint would say of the folders just written; they are written either way.
            LintOutput lintOutput = new LintOutput(settings.projectDirectory());
            lintOutput.printFindings(result.lint(), getLog());
            if (!result.lint().active().isEmpty()) {
                getLog().warn(lintOutput.summary(result.lint()) + ": review the migration before deploying it.");
            }
        }
        Reports.generated(result, getLog());
    }
}
