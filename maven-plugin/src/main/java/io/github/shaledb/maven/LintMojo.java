package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Judges migrations by the locks they take and the clients they break, before they ship: the migrations not applied
 * to {@code db.url} when it is set, else those after {@code db.lintSince}, else all of them. Prints per finding the
 * file, line and column, the rule, the lock and on what, why it hurts and the safe rewrite as SQL; findings of
 * severity {@code error} fail the build ({@code db.lint.failOn=warning}: warnings too). A
 * {@code -- db:lint-ignore RULE-ID reason} line directly above a statement switches a rule off for it. Changes nothing
 * in any database. See the site's db:lint page and the rule pages under {@code lint/}.
 *
 * <p>Bound to the {@code verify} phase: declared in the POM with an execution, it lints on every {@code mvn verify}.
 *
 * @since 0.1.0
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends AbstractSchemaMojo {

    /**
     * Without {@code db.url}: lint only the migrations after this tag (the folder's name, e.g.
     * {@code 0004_add_orders}), i.e. those of the branch. Unset: all of them. With {@code db.url}, the migrations not
     * applied there are linted and this is not read.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LINT_SINCE)
    String lintSince;

    /**
     * The least severity that fails the build: {@code error} or {@code warning}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LINT_FAIL_ON, defaultValue = Defaults.LINT_FAIL_ON_NAME)
    String failOn;

    /**
     * Runs each linted migration on a scratch database built from the migrations before it, statement by statement in
     * one transaction (committed there as db:migrate would, or rolled back and replayed when it cannot run whole), and
     * reads the locks each statement really takes and the tables it rewrites. The target database is never touched.
     * Unset: on when a scratch server can be started (the one {@code db.shadowUrl} names, or an embedded one).
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LINT_TRACE)
    Boolean trace;

    /**
     * With {@code db.url}: a finding on a table with fewer estimated rows ({@code pg_class.reltuples}) is a warning,
     * not an error. Unset: every table counts.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LINT_MIN_ROWS)
    Long minRows;

    /**
     * Rule ids switched off for the whole project, comma-separated, e.g. {@code type-json,alters-could-be-combined}.
     * Their findings are listed as ignored. Unset: every rule is on.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LINT_DISABLE)
    List<String> disable;

    /**
     * Also writes the findings to this file, relative to the project's folder: SARIF 2.1.0 when it ends in
     * {@code .sarif} or {@code .json} (for GitHub code scanning), JUnit XML when it ends in {@code .xml}. Unset: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LINT_REPORT)
    String report;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.LINT_SKIP, defaultValue = "false")
    boolean skipLint;

    @Inject
    public LintMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    boolean readsTargets() {
        return true;
    }

    @Override
    protected String goal() {
        return "lint";
    }

    @Override
    protected boolean skipGoal() {
        return skipLint;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.LINT_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) throws MojoFailureException {
        super.configure(builder);
        try {
            builder.lintFailOn(severity(failOn));
        } catch (ConfigurationException e) {
            throw new MojoFailureException(e.describe());
        }
        builder.lintSince(blankToNull(lintSince))
                .lintTrace(trace)
                .lintMinRows(minRows)
                // Maven injects an empty list for an unset list parameter.
                .lintDisable(disable == null || disable.isEmpty() ? null : disable)
                .lintReport(blankToNull(report) == null ? null : Path.of(report.strip()));
    }

    /** {@code db.lint.failOn} as the engine takes it; null stays null (the engine's default, error). */
    static LintSeverity severity(String value) throws ConfigurationException {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "error" -> LintSeverity.ERROR;
            case "warning" -> LintSeverity.WARNING;
            default -> throw new ConfigurationException(DbProperties.LINT_FAIL_ON, DbProperties.LINT_FAIL_ON + "=" + value
                    + " is neither error nor warning.", "set -D" + DbProperties.LINT_FAIL_ON
                    + "=error (errors fail the build, the default) or =warning (warnings fail it too)");
        };
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException, MojoFailureException {
        LintResult result = shale.lint(settings);
        new LintOutput(settings.projectDirectory()).print(result, getLog());
        if (!result.passed()) {
            throw new MojoFailureException(LintOutput.failure(result));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
