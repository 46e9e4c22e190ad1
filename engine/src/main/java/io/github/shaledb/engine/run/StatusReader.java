package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.StatusResult.Down;
import io.github.shaledb.engine.api.StatusResult.Row;
import io.github.shaledb.engine.api.StatusResult.State;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.tracking.AppliedRow;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code status} verb: reads only, takes no lock, creates nothing. */
public final class StatusReader {
    private final ShaleListener listener;

    public StatusReader(ShaleListener listener) {
        this.listener = listener;
    }

    public StatusResult status(RunSettings s) throws ShaleException {
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        try (DatabaseSession.Opening opening = DatabaseSession.openInBackground(s, listener)) {
            MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
            try (DatabaseSession session = opening.session()) {
                return status(s, session.connection(), directory);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Reading the tracking table " + tracking.qualifiedName() + " failed: "
                    + e.getMessage(), null, e);
        }
    }

    /** The status of {@code directory}'s migrations on the database {@code c} is connected to. */
    public static StatusResult status(RunSettings s, Connection c, MigrationDirectory directory)
            throws SQLException, ShaleException {
        return status(s, c, directory, new TrackingTable(s.trackingSchema(), s.trackingTable()).rows(c));
    }

    /** As {@link #status(RunSettings, Connection, MigrationDirectory)}, for tracking rows already read (db:studio's). */
    public static StatusResult status(RunSettings s, Connection c, MigrationDirectory directory, List<AppliedRow> applied)
            throws SQLException, ShaleException {
        MigrationPlan plan = MigrationPlan.of(directory.migrations(), applied);
        List<Row> rows = new ArrayList<>();
        for (MigrationPlan.Entry e : plan.entries()) {
            AppliedRow row = e.row();
            Down down = row == null ? null : directory.downIfPresent(e.migration()) != null ? Down.FILE
                    : row.hasDown() ? Down.STORED : Down.NONE;
            rows.add(new Row(e.migration().tag(), e.state(), row == null ? null : row.appliedAt(), e.migration().hash(),
                    row == null ? null : row.hash(), down));
        }
        for (AppliedRow row : plan.missing()) {
            rows.add(new Row(row.name() == null ? "#" + row.id() : row.name(), State.MISSING, row.appliedAt(), null,
                    row.hash(), row.hasDown() ? Down.STORED : Down.NONE));
        }
        return new StatusResult(rows, plan.current(), InvalidIndexes.all(c, s.schemas()));
    }
}
