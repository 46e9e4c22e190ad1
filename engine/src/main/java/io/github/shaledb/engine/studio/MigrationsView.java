package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.api.StudioMigrations;
import io.github.shaledb.engine.lock.AdvisoryLock;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.run.RunSettings;
import io.github.shaledb.engine.run.StatusReader;
import io.github.shaledb.engine.tracking.AppliedRow;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The migrations page: db:status, each migration's scripts, and the sessions at the migration lock. */
final class MigrationsView {
    private MigrationsView() {
    }

    static StudioMigrations read(Connection c, RunSettings s) throws SQLException, ShaleException {
        MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        List<AppliedRow> rows = tracking.rows(c);
        StatusResult status = StatusReader.status(s, c, directory, rows);
        Map<String, AppliedRow> applied = new HashMap<>();
        for (AppliedRow row : rows) {
            applied.put(row.name() == null ? "#" + row.id() : row.name(), row);
        }
        List<StudioMigrations.Script> scripts = new ArrayList<>();
        for (StatusResult.Row row : status.rows()) {
            Optional<Migration> file = directory.find(row.tag());
            AppliedRow recorded = applied.get(row.tag());
            String up = file.map(Migration::sql).orElse(null);
            String down = file.isPresent() ? directory.downIfPresent(file.get()) : null;
            if (up == null && recorded != null) {
                up = tracking.upScript(c, recorded.id());
            }
            if (down == null && recorded != null && recorded.hasDown()) {
                down = tracking.downScript(c, recorded.id());
            }
            scripts.add(new StudioMigrations.Script(row.tag(), up, down));
        }
        return new StudioMigrations(status, scripts, tracking.qualifiedName(), s.lockKey(), AdvisoryLock.sessions(c, s.lockKey()));
    }
}
