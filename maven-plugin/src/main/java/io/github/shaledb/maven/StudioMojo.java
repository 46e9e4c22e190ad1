package io.github.shaledb.maven;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.Studio;
import io.github.shaledb.maven.studio.StudioServer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.awt.Desktop;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * Browses the database in a local web page: its schema with a relationship diagram, the rows of its tables, the
 * migrations and the lock, what the schema files would change next, and a SQL box. Serves on 127.0.0.1 only, at an
 * address with a random token that it prints, and runs until Ctrl-C. Read-only unless {@code db.studio.write} is
 * true.
 *
 * @since 0.1.0
 */
@Mojo(name = "studio", threadSafe = true)
public class StudioMojo extends AbstractSchemaMojo {

    /**
     * The port on 127.0.0.1 to serve on; 0 picks a free one.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.STUDIO_PORT, defaultValue = "0")
    int port;

    /**
     * Opens the address in the desktop's browser once the studio is up.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.STUDIO_OPEN, defaultValue = "false")
    boolean open;

    /**
     * Lets the studio change the database: rows can be inserted, edited and deleted (each change shown as its SQL
     * and applied in a transaction after a confirmation), and the SQL box runs statements in a transaction that is
     * committed. Without it everything runs in a read-only transaction.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.STUDIO_WRITE, defaultValue = "false")
    boolean write;

    /**
     * Seconds each page's query and each statement of the SQL box may run ({@code statement_timeout}). Unset: 30.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.STATEMENT_TIMEOUT)
    Integer statementTimeout;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = DbProperties.STUDIO_SKIP, defaultValue = "false")
    boolean skipStudio;

    @Inject
    public StudioMojo(SettingsDecrypter settingsDecrypter, RepositorySystem repositorySystem) {
        super(settingsDecrypter, repositorySystem);
    }

    @Override
    protected String goal() {
        return "studio";
    }

    @Override
    protected boolean skipGoal() {
        return skipStudio;
    }

    @Override
    protected String skipProperty() {
        return DbProperties.STUDIO_SKIP;
    }

    @Override
    protected void configure(ShaleSettings.Builder builder) throws MojoFailureException {
        super.configure(builder);
        builder.statementTimeout(seconds(statementTimeout));
    }

    @Override
    protected void run(Shale shale, ShaleSettings settings) throws ShaleException, MojoFailureException {
        if (port < 0 || port > 65535) {
            throw new MojoFailureException(DbProperties.STUDIO_PORT + "=" + port + " is not a port. Give one from 1 to"
                    + " 65535, or 0 (the default) for a free one.");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Studio studio = shale.studio(settings, write ? Studio.Access.READ_WRITE : Studio.Access.READ_ONLY);
        StudioServer server;
        try {
            server = StudioServer.start(studio, port, getLog()::debug);
        } catch (BindException e) {
            studio.close();
            throw new MojoFailureException("Port " + port + " on 127.0.0.1 is taken (" + DbProperties.STUDIO_PORT
                    + "). Give another port, or leave " + DbProperties.STUDIO_PORT + " unset for a free one.");
        } catch (IOException e) {
            studio.close();
            throw new MojoFailureException("The studio could not listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        Thread stop = new Thread(() -> {
            server.close();
            studio.close();
            stopped.countDown();
        }, "shale-studio-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        URI address = server.address();
        getLog().info("Shale studio for " + studio.description() + (write ? ", WRITE MODE: changes are committed"
                : ", read-only") + ".");
        getLog().info("Open " + address);
        getLog().info("It serves 127.0.0.1 only; the address holds its token. Press Ctrl-C to stop.");
        if (open) {
            browse(address);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(stop);
            stop.run();
        }
    }

    private void browse(URI address) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(address);
                return;
            }
            new ProcessBuilder(System.getProperty("os.name").startsWith("Mac") ? "open" : "xdg-open", address.toString())
                    .inheritIO().start();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            getLog().warn("Could not open a browser (" + DbProperties.STUDIO_OPEN + "=true): " + e.getMessage()
                    + ". Open the address above by hand.");
        }
    }
}
