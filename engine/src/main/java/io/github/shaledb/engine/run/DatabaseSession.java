package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.connect.Connector;
import io.github.shaledb.engine.connect.DatabaseTarget;
import io.github.shaledb.engine.container.DockerPostgres;
import io.github.shaledb.engine.embedded.EmbeddedPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/** The one dedicated connection of a verb, and the embedded server or container behind it when there is one. */
public final class DatabaseSession implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final DockerPostgres container;
    private final Connection connection;
    private final DatabaseTarget connected;
    private final ShaleListener listener;
    private RunSettings settings;
    private boolean configured;

    private DatabaseSession(EmbeddedPostgres server, DockerPostgres container, Connection connection,
                            DatabaseTarget connected, ShaleListener listener) {
        this.server = server;
        this.container = container;
        this.connection = connection;
        this.connected = connected;
        this.listener = listener;
    }

    public static DatabaseSession open(RunSettings settings, ShaleListener listener) throws ShaleException {
        return open(DatabaseTarget.resolve(settings.raw()), settings, listener);
    }

    /**
     * Starts connecting on another thread, so that a verb reads its migration files meanwhile; an
     * embedded or container target is started only when {@link Opening#session()} asks for it (a folder that fails
     * to read then starts no server), as is a target whose settings are wrong: its error is thrown then,
     * so a folder error still comes first and a folder with nothing to apply needs no database.
     */
    static Opening openInBackground(RunSettings settings, ShaleListener listener) {
        DatabaseTarget target;
        try {
            target = DatabaseTarget.resolve(settings.raw());
        } catch (ShaleException e) {
            return new Opening(() -> {
                throw e;
            }, false, new AtomicBoolean(), listener);
        }
        // Once the verb has ended without the session, an attempt still retrying says nothing more.
        AtomicBoolean abandoned = new AtomicBoolean();
        ShaleListener untilAbandoned = event -> {
            if (!abandoned.get()) {
                listener.onEvent(event);
            }
        };
        return new Opening(() -> open(target, settings, untilAbandoned), !target.embedded() && !target.container(),
                abandoned, listener);
    }

    /** A session on {@code resolved}; a fleet's workers open theirs on {@link #connectedTarget()} of the first. */
    static DatabaseSession open(DatabaseTarget resolved, RunSettings settings, ShaleListener listener)
            throws ShaleException {
        return open(resolved, settings, listener, true);
    }

    /**
     * As {@link #open(DatabaseTarget, RunSettings, ShaleListener)}; without {@code configured}, the session settings
     * (statement and lock timeouts, the dead-client check) wait for {@link #configure()}: a fleet's worker reads a
     * target's tracking rows first and configures only a session that will migrate.
     */
    static DatabaseSession open(DatabaseTarget resolved, RunSettings settings, ShaleListener listener, boolean configured)
            throws ShaleException {
        DatabaseTarget target = resolved;
        DatabaseTarget announced = resolved;
        EmbeddedPostgres server = null;
        DockerPostgres container = null;
        if (target.container()) {
            // A throwaway server for this goal, as db.url=embedded without a directory is.
            listener.onEvent(ShaleEvent.info("Starting a container of " + target.containerImage() + " (" + target.source()
                    + "), removed when the goal ends"));
            container = DockerPostgres.start(target.containerImage(), target.source(),
                    line -> listener.onEvent(ShaleEvent.debug(line)));
            target = announced = target.startedIn(container, "postgres");
        }
        if (target.embedded()) {
            listener.onEvent(ShaleEvent.debug("Starting the embedded PostgreSQL server in " + target.embeddedDataDirectory()));
            server = EmbeddedPostgres.start(new EmbeddedPostgres.Options(target.embeddedDataDirectory(),
                    TargetVersion.binaries(settings, TargetVersion.configuredBinariesVersion(settings)), null, line -> listener.onEvent(ShaleEvent.debug(line))));
            target = new DatabaseTarget(server.jdbcUrl("postgres"), server.user(), null, target.embeddedDataDirectory(),
                    target.source());
        }
        try {
            boolean create = !target.embedded() && !target.container() && Boolean.TRUE.equals(settings.raw().createDatabase());
            Connection connection = new Connector(listener, settings.connectRetries(), settings.connectRetryDelay(), create)
                    .connect(target, settings.applicationName());
            // Further connections to the same server (a fleet's workers) must not start another embedded server.
            DatabaseTarget connected = new DatabaseTarget(target.jdbcUrl(), target.user(), target.password(), null,
                    target.source(), target.via());
            DatabaseSession session = new DatabaseSession(server, container, connection, connected, listener);
            session.settings = settings;
            if (configured) {
                session.configure();
            }
            listener.onEvent(ShaleEvent.info(announced.announcement(settings.projectDirectory(),
                    connection.getMetaData().getDatabaseProductVersion())));
            return session;
        } catch (SQLException e) {
            stop(server, container);
            throw new EnvironmentException("Could not read the server's version: " + e.getMessage(), null, e);
        } catch (ShaleException | RuntimeException e) {
            stop(server, container);
            throw e;
        }
    }

    private static void stop(EmbeddedPostgres server, DockerPostgres container) {
        if (server != null) {
            server.close();
        }
        if (container != null) {
            container.close();
        }
    }

    /** Applies the session settings once; later calls do nothing. */
    void configure() throws EnvironmentException {
        if (configured) {
            return;
        }
        configured = true;
        configure(settings);
    }

    private void configure(RunSettings settings) throws EnvironmentException {
        try (Statement s = connection.createStatement()) {
            Duration statementTimeout = settings.raw().statementTimeout();
            if (statementTimeout != null) {
                s.execute("set statement_timeout = " + statementTimeout.toMillis());
            }
            Duration lockTimeout = settings.raw().lockTimeoutPerStatement();
            if (lockTimeout != null) {
                s.execute("set lock_timeout = " + lockTimeout.toMillis());
            }
            if (serverVersion() >= 140000) {
                detectDeadClient(s);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Could not configure the session: " + e.getMessage(), null, e);
        }
    }

    /** A killed run's backend then notices the dead client within seconds and rolls back, freeing the lock. */
    private void detectDeadClient(Statement s) {
        try {
            s.execute("set client_connection_check_interval = 2000");
        } catch (SQLException e) {
            // Servers on platforms without the needed socket events refuse it; the lock is then freed when the statement ends.
            listener.onEvent(ShaleEvent.debug("client_connection_check_interval not available: " + e.getMessage()));
        }
    }

    int serverVersion() throws SQLException {
        try (Statement s = connection.createStatement();
             var rs = s.executeQuery("select current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public Connection connection() {
        return connection;
    }

    /** The server and database this session is connected to, as a plain URL target (a started server's URL). */
    public DatabaseTarget connectedTarget() {
        return connected;
    }

    /** A session being opened; closing it before {@link #session()} closes the session once it is open. */
    static final class Opening implements AutoCloseable {
        private final FutureTask<DatabaseSession> task;
        private final Thread thread;
        private final AtomicBoolean abandoned;
        private final ShaleListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();
        private boolean taken;

        private Opening(Callable<DatabaseSession> open, boolean background, AtomicBoolean abandoned,
                        ShaleListener listener) {
            this.task = new FutureTask<>(open);
            this.abandoned = abandoned;
            this.listener = listener;
            this.thread = background ? new Thread(this::runInBackground, "shale-connect") : null;
            if (thread != null) {
                thread.setDaemon(true);
                thread.start();
            }
        }

        private void runInBackground() {
            try {
                task.run();
                if (abandoned.get()) {
                    closeOpened();
                }
            } catch (LinkageError e) {
                // Past close()'s bounded wait the verb has returned, and in a build tool its class loader may be closed.
            }
        }

        /** The open session, waiting for the connection when it is still being made; the caller closes it. */
        DatabaseSession session() throws ShaleException {
            task.run(); // opens here when no thread has started it; returns at once when one has
            try {
                DatabaseSession session = task.get();
                taken = true;
                return session;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EnvironmentException("Interrupted while connecting to the database.", null, e);
            } catch (ExecutionException e) {
                taken = true;
                if (e.getCause() instanceof ShaleException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /**
         * Ends the background connecting before the verb returns: a wait between attempts is interrupted, an
         * attempt under way is waited for (at most {@link Connector#LONGEST_ATTEMPT}), a session opened but not
         * taken is closed.
         */
        @Override
        public void close() {
            if (thread == null) {
                if (!taken) {
                    task.cancel(false); // an embedded server that was never asked for is never started
                }
                return;
            }
            if (!taken) {
                abandoned.set(true);
                thread.interrupt();
            }
            try {
                thread.join(Connector.LONGEST_ATTEMPT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!taken && task.isDone()) {
                closeOpened();
            }
        }

        private void closeOpened() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                task.get().close();
            } catch (ExecutionException e) {
                listener.onEvent(ShaleEvent.debug("Connecting failed after the run had ended: " + e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            listener.onEvent(ShaleEvent.debug("Closing the connection failed: " + e.getMessage()));
        }
        stop(server, container);
    }

    /**
     * A short-lived second connection to the server {@code connection} talks to, for the migration lock's
     * pooler check: same URL and credentials; connecting and reading are bounded, so a session pool
     * with no free server connection fails it quickly instead of holding up the run.
     */
    static Connection openProbe(RunSettings settings, Connection connection) throws SQLException {
        DatabaseTarget target;
        try {
            target = DatabaseTarget.resolve(settings.raw());
        } catch (ShaleException e) {
            throw new SQLException(e.getMessage(), e);
        }
        if (target.container()) {
            // Its password is the started container's; and no pooler stands between Shale and a container it started.
            throw new SQLException("no second connection to a container Shale started");
        }
        Properties props = Connector.properties(target, settings.applicationName());
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "3");
        props.setProperty("socketTimeout", "3");
        props.setProperty("preferQueryMode", "simple");
        // The URL the connection was made with: for an embedded target, the started server's.
        return DriverManager.getConnection(connection.getMetaData().getURL(), props);
    }
}
