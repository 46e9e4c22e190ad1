package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * A CI gate: the journal and folders agree, snapshots chain without branch collisions, the schema
 * files match the latest snapshot, every migration and down script replays to its snapshot on a
 * scratch database, the objects of the schema files that Shale does not manage (operators, rules,
 * text search configurations, …) are built by the migrations too unless {@code db.ignore} lists them,
 * and, with {@code db.url}, the database has not drifted from its last applied snapshot; and the rules of
 * {@code db:lint} hold for the migrations it checks (their findings are printed as {@code db:lint} prints them, and
 * those that would fail {@code db:lint} fail it). Fails the build with one line per problem. What it cannot verify (no schema files, migrations drizzle-kit wrote without a
 * Shale snapshot or a down script, no database) it names in one "Not checked" line instead of refusing.
 *
 * <p>Bound to the {@code verify} phase: declared in the POM with an execution, the CI gate runs with
 * {@code mvn verify} without naming a phase.
 *
 * @since 0.1.0
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractSchemaMojo {

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.CHECK_SKIP, defaultValue = "false")
    boolean skipCheck;

    @Inject
    public CheckMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    FleetResult.Verb fleetVerb() {
        return FleetResult.Verb.CHECK;
    }

    @Override
    protected String goal() {
        return "check";
    }

    @Override
    protected boolean skipGoal() {
        return skipCheck;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.CHECK_SKIP;
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException, MojoFailureException {
        CheckResult result = shale.check(settings);
        LintOutput lintOutput = new LintOutput(settings.projectDirectory());
        List<String> problems = new ArrayList<>(result.problems());
        if (result.lint() != null) {
            // The rules of db:lint: printed as db:lint prints them; the findings that fail db:lint fail db:check.
            lintOutput.printFindings(result.lint(), getLog());
            for (LintFinding f : result.lint().failing()) {
                problems.add("Lint: " + lintOutput.location(f) + " " + f.ruleId() + " (" + f.ruleName() + "): rewrite it as"
                        + " shown above, or put '-- db:lint-ignore " + f.ruleId() + " reason' directly above it.");
            }
        }
        if (!problems.isEmpty()) {
            throw new MojoFailureException("db:check found " + problems.size() + " problem(s):"
                    + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", problems));
        }
        getLog().info("db:check passed: " + result.migrations() + " migration(s), " + result.replayed()
                + " replayed with their down scripts.");
    }
}
