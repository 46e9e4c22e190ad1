package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StartResult;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.util.Properties;

/**
 * Starts a PostgreSQL for the build's integration tests, with a fresh database, and sets the project properties
 * {@code db.jdbcUrl} (with the user), {@code db.url} (without credentials), {@code db.user}, {@code db.password},
 * {@code db.host}, {@code db.port} and {@code db.database}. Later goals of the same build use it: {@code db:migrate}
 * without configuration, Failsafe through {@code <systemPropertyVariables>} ({@code ${db.jdbcUrl}}), Spring Boot
 * through {@code spring.datasource.url=${db.jdbcUrl}}. {@code db:stop} stops it; so does the end of the build when
 * {@code db:stop} is not reached. A server left running by a killed build is stopped first.
 *
 * @since 0.1.0
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractServerMojo {
    /** Project context key: the URL db:start published, so that later goals say they use it "via db:start". */
    static final String STARTED_URL = StartMojo.class.getName() + ".url";

    /**
     * The database to create (dropped first when it exists, so each build starts empty). Unset: the artifactId,
     * lower-cased, with characters other than letters, digits and {@code _} replaced by {@code _}.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.START_DATABASE)
    String database;

    /**
     * The PostgreSQL version: a major version ({@code 16}) or the version of the {@code io.zonky.test.postgres}
     * binaries ({@code 16.6.0}), for the embedded server. Unset: the version this release was tested with. A
     * {@code docker:IMAGE} server runs the version of its image.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.POSTGRES_VERSION)
    String postgresVersion;

    @Inject
    public StartMojo(RepositorySystem repositorySystem) {
        super(repositorySystem);
    }

    @Override
    protected String goal() {
        return "start";
    }

    @Override
    protected void configure(ShaleSettings.Builder settings) {
        settings.postgresVersion(postgresVersion);
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException {
        StartResult result = shale.startServer(settings, request(database));
        Properties properties = project.getProperties();
        properties.setProperty(DbProperties.JDBC_URL, result.jdbcUrl());
        properties.setProperty(DbProperties.URL, result.url());
        properties.setProperty(DbProperties.USER, result.user());
        properties.setProperty(DbProperties.PASSWORD, result.password());
        properties.setProperty(DbProperties.HOST, result.host());
        properties.setProperty(DbProperties.PORT, Integer.toString(result.port()));
        properties.setProperty(DbProperties.DATABASE, result.database());
        project.setContextValue(STARTED_URL, result.url());
        getLog().info((result.joined() ? "Using the shared PostgreSQL " : "Started PostgreSQL ") + result.serverVersion()
                + " for the build at " + result.url() + " (user " + result.user() + ")"
                + "; db:migrate and the integration tests use it");
        getLog().debug("db:start took " + result.millis() + " ms" + (result.dataDirectory() == null ? ""
                : "; data in " + result.dataDirectory()));
    }
}
