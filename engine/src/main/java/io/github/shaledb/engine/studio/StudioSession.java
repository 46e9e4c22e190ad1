package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.Defaults;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.Studio;
import io.github.shaledb.engine.api.StudioEdit;
import io.github.shaledb.engine.api.StudioMigrations;
import io.github.shaledb.engine.api.StudioNextChange;
import io.github.shaledb.engine.api.StudioQueryResult;
import io.github.shaledb.engine.api.StudioRequestException;
import io.github.shaledb.engine.api.StudioRows;
import io.github.shaledb.engine.api.StudioSchema;
import io.github.shaledb.engine.connect.Connector;
import io.github.shaledb.engine.connect.DatabaseTarget;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.introspect.UnmanagedObject;
import io.github.shaledb.engine.run.DatabaseSession;
import io.github.shaledb.engine.run.IgnoreList;
import io.github.shaledb.engine.run.RunSettings;
import io.github.shaledb.engine.run.ShadowDatabase;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.sql.SqlStatement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@link Studio} of one database: the verb's session stays open while the studio runs (an embedded server with
 * it), and each request borrows a connection of its own to the server that session reached.
 */
public final class StudioSession implements Studio {
    private final RunSettings settings;
    private final ShaleListener listener;
    private final Access access;
    private final DatabaseSession session;
    private final StudioConnections connections;
    private final String description;
    private final Object shadowLock = new Object();
    private ShadowDatabase shadow;

    private StudioSession(RunSettings settings, ShaleListener listener, Access access, DatabaseSession session,
                          String description) {
        this.settings = settings;
        this.listener = listener;
        this.access = access;
        this.session = session;
        this.description = description;
        Duration timeout = settings.raw().statementTimeout() != null ? settings.raw().statementTimeout()
                : Defaults.STUDIO_STATEMENT_TIMEOUT;
        this.connections = new StudioConnections(session.connectedTarget(),
                new Connector(listener, 0, settings.connectRetryDelay(), false), settings.applicationName(), timeout);
    }

    /** Connects (starting the embedded server of {@code db.url=embedded}) and keeps the session until {@link #close()}. */
    public static StudioSession open(ShaleSettings raw, ShaleListener listener, Access access) throws ShaleException {
        RunSettings settings = RunSettings.of(raw.applicationName() != null ? raw
                : raw.toBuilder().applicationName(Defaults.APPLICATION_NAME + " db:studio").build());
        // As the settings name it: "embedded server at target/shale/postgres", not the port it happened to start on.
        String named = DatabaseTarget.resolve(settings.raw()).describe(settings.projectDirectory());
        DatabaseSession session = DatabaseSession.open(settings, listener);
        try {
            String version = session.connection().getMetaData().getDatabaseProductVersion();
            return new StudioSession(settings, listener, access == null ? Access.READ_ONLY : access, session,
                    named + " (PostgreSQL " + version + ")");
        } catch (SQLException e) {
            session.close();
            throw StudioConnections.failed(e);
        }
    }

    @Override
    public Access access() {
        return access;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public StudioSchema schema() throws ShaleException {
        IgnoreList ignore = IgnoreList.of(settings.raw().ignore());
        return connections.readOnly(c -> SchemaView.of(c, Introspector.introspect(c, settings.schemas(),
                settings.trackingTables()), ignore));
    }

    @Override
    public StudioRows rows(StudioRows.Query query) throws ShaleException {
        return connections.readOnly(c -> RowReader.read(c, query));
    }

    @Override
    public StudioMigrations migrations() throws ShaleException {
        return connections.readOnly(c -> MigrationsView.read(c, settings));
    }

    @Override
    public StudioNextChange nextChange() throws ShaleException {
        Path dir = settings.schemaDirectory();
        if (!hasSchemaFiles(dir)) {
            return NextChangeView.unavailable("There are no schema files in " + settings.projectDirectory().relativize(dir)
                    + " (db.schemaDir), so there is no next change to show. Write the desired schema there as *.sql files"
                    + " to see what db:push and db:generate would do.");
        }
        SchemaModel desired;
        List<String> unmanaged;
        synchronized (shadowLock) {
            if (shadow == null) {
                shadow = ShadowDatabase.start(settings, listener);
            }
            desired = shadow.desired();
            IgnoreList ignore = IgnoreList.of(settings.raw().ignore());
            unmanaged = shadow.unmanaged() == null ? List.of() : shadow.unmanaged().stream().filter(o -> !ignore.ignores(o))
                    .map(UnmanagedObject::describe).toList();
        }
        return connections.readOnly(c -> NextChangeView.of(desired, unmanaged, Introspector.introspect(c, settings.schemas(),
                settings.trackingTables()), settings.migrationsDirectory(), c.getMetaData().getDatabaseMajorVersion()));
    }

    private static boolean hasSchemaFiles(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".sql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StudioQueryResult query(String sql) throws ShaleException {
        SqlStatement statement = QueryBox.statement(sql);
        boolean readOnly = access == Access.READ_ONLY;
        return connections.inTransaction(readOnly, !readOnly, false, c -> QueryBox.run(c, statement, readOnly));
    }

    @Override
    public StudioEdit edit(StudioEdit.Request request, boolean apply) throws ShaleException {
        if (!apply) {
            return connections.readOnly(c -> new StudioEdit(RowEdits.sql(c, request), false, 0));
        }
        if (access != Access.READ_WRITE) {
            throw new StudioRequestException("The studio is read-only, so the change was not made.",
                    "restart it with -Ddb.studio.write=true to change rows", null);
        }
        return connections.inTransaction(false, true, true, c -> {
            String sql = RowEdits.sql(c, request);
            return new StudioEdit(sql, true, RowEdits.apply(c, sql));
        });
    }

    @Override
    public void close() {
        connections.close();
        synchronized (shadowLock) {
            if (shadow != null) {
                shadow.close();
            }
        }
        session.close();
    }
}
