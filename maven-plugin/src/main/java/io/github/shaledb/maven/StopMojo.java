package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StopResult;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.util.List;

/**
 * Stops the PostgreSQL that {@code db:start} started (a fast shutdown: open sessions end) and removes the project
 * properties it set. A server shared by the reactor ({@code db.startShared}) stops with the last module's
 * {@code db:stop}. Bound to {@code post-integration-test}, it runs also when integration tests fail, since Failsafe
 * fails the build only in {@code verify}. Nothing to stop is not an error.
 *
 * @since 0.1.0
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractServerMojo {
    private static final List<String> PUBLISHED = List.of(DbProperties.JDBC_URL, DbProperties.URL, DbProperties.USER,
            DbProperties.PASSWORD, DbProperties.HOST, DbProperties.PORT, DbProperties.DATABASE);

    @Inject
    public StopMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected String goal() {
        return "stop";
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException {
        StopResult result = shale.stopServer(settings, request(null));
        if (project.getContextValue(StartMojo.STARTED_URL) != null) {
            PUBLISHED.forEach(project.getProperties()::remove);
            project.setContextValue(StartMojo.STARTED_URL, null);
        }
        if (!result.found()) {
            getLog().info("No PostgreSQL started by db:start runs for this project; nothing to stop.");
        } else if (result.stopped()) {
            getLog().info("Stopped the PostgreSQL of db:start at " + result.description());
        } else {
            getLog().info("Leaving the shared PostgreSQL of db:start at " + result.description() + " running for "
                    + result.remaining() + " more module" + (result.remaining() == 1 ? "" : "s"));
        }
    }
}
