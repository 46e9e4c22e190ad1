package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.StartRequest;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import java.nio.file.Path;

/** What {@code db:start} and {@code db:stop} share: which server, and whether the reactor's modules share it. */
abstract class AbstractServerMojo extends AbstractShaleMojo {
    /** Under the execution root: the server that {@code db.startShared} runs for the whole reactor. */
    static final String SHARED_DATA_DIRECTORY = "target/shale/start-shared/postgres";

    /**
     * The server to start: {@code embedded}, a PostgreSQL run from Maven-resolved binaries ({@code db.postgresVersion}
     * picks its version), with its data under {@code target/shale/start/}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.START_SERVER, defaultValue = Defaults.START_SERVER)
    String server;

    /**
     * One server for the whole reactor instead of one per module: its data is under the execution root's
     * {@code target/shale/start-shared/}, each module gets its own database on it, and it stops with the last module's
     * {@code db:stop} (or when the build ends).
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.START_SHARED, defaultValue = "false")
    boolean startShared;

    /**
     * Skips {@code db:start}, and so {@code db:stop}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.START_SKIP, defaultValue = "false")
    boolean skipStart;

    AbstractServerMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected boolean skipGoal() {
        return skipStart;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.START_SKIP;
    }

    /** The engine's request; {@code database} only matters to start. */
    StartRequest request(String database) {
        Path data = null;
        int users = 1;
        if (startShared) {
            data = Path.of(session.getExecutionRootDirectory()).resolve(SHARED_DATA_DIRECTORY);
            users = modulesStarting();
        }
        return new StartRequest(server, data, database, project.getArtifactId(), users);
    }

    /** How many projects of this build run db:start: the shared server waits for as many db:stops. */
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
