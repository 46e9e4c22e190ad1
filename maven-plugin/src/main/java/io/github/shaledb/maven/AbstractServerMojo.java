package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StartRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

import java.nio.file.Path;

/**
 * What {@code db:start} and {@code db:stop} share: which server, whether the reactor's modules share it, the skip
 * switches. Not an {@link AbstractShaleMojo}: these goals take none of the connection and migration parameters.
 */
abstract class AbstractServerMojo extends AbstractMojo {
    /** Under the execution root: the server that {@code db.startShared} runs for the whole reactor. */
    static final String SHARED_DATA_DIRECTORY = "target/shale/start-shared/postgres";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    /**
     * The server to start: {@code embedded}, a PostgreSQL run from Maven-resolved binaries, with its data under
     * {@code target/shale/start/}; or {@code docker:IMAGE} ({@code docker:postgres:17},
     * {@code docker:pgvector/pgvector:pg16}), a container of the production image started through Testcontainers,
     * which needs a Docker engine and is removed by {@code db:stop} or at the end of the build. With a container,
     * the image's tag picks the PostgreSQL version and {@code db.password} is the container's random password.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.START_SERVER, defaultValue = Defaults.START_SERVER)
    String server;

    /**
     * One server for the whole reactor instead of one per module: its data is under the execution root's
     * {@code target/shale/start-shared/}, each module gets its own database on it, and it stops with the
     * {@code db:stop} of the last module that binds {@code db:start} (or when the build ends).
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.START_SHARED, defaultValue = "false")
    boolean startShared;

    /**
     * Skips {@code db:start} and {@code db:stop}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.START_SKIP, defaultValue = "false")
    boolean skipStart;

    /**
     * Skips every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.SKIP, defaultValue = "false")
    boolean skip;

    private final RepositorySystem repositorySystem;

    AbstractServerMojo(RepositorySystem repositorySystem) {
        this.repositorySystem = repositorySystem;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        applyCommandLine();
        if (skip || skipStart) {
            getLog().info("Skipping db:" + goal() + " (" + (skip ? DbProperties.SKIP : DbProperties.START_SKIP) + "=true).");
            return;
        }
        ShaleSettings.Builder settings = ShaleSettings.builder()
                .projectDirectory(project.getBasedir().toPath())
                .applicationName(Defaults.APPLICATION_NAME + " db:" + goal() + " " + project.getArtifactId())
                .environment(System.getenv())
                .binariesResolver(version -> new PostgresBinariesResolver(repositorySystem, session.getRepositorySession(),
                        project.getRemoteProjectRepositories()).resolve(version));
        configure(settings);
        try {
            run(new Shale(new MavenLogListener(getLog())), settings.build());
        } catch (ShaleException e) {
            AbstractShaleMojo.rethrow(e);
        }
    }

    /** The goal's name without prefix. */
    protected abstract String goal();

    /** Adds the goal's own settings. */
    protected void configure(ShaleSettings.Builder settings) {
    }

    protected abstract void run(Shale shale, ShaleSettings settings) throws ShaleException;

    /** As for every other goal, a {@code -Ddb.…} on the command line wins over the POM's {@code <configuration>}. */
    void applyCommandLine() throws MojoFailureException {
        CommandLineOverrides.apply(this, mojoExecution, session, project == null ? null : project.getBasedir());
    }

    /** The engine's request; {@code database} and {@code name} only matter to start. */
    StartRequest request(String database) {
        Path data = null;
        int users = 1;
        if (startShared) {
            data = Path.of(session.getExecutionRootDirectory()).resolve(SHARED_DATA_DIRECTORY);
            users = modulesStarting();
        }
        return new StartRequest(server, data, database, project.getArtifactId(), users);
    }

    /** How many projects of this build bind db:start: the shared server waits for as many db:stops. */
    private int modulesStarting() {
        String plugin = mojoExecution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey();
        int count = 0;
        for (MavenProject module : session.getProjects()) {
            for (Plugin candidate : module.getBuildPlugins()) {
                if (candidate.getKey().equals(plugin) && candidate.getExecutions().stream()
                        .map(PluginExecution::getGoals).anyMatch(goals -> goals.contains("start"))) {
                    count++;
                    break;
                }
            }
        }
        return Math.max(count, 1);
    }
}
