package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.Trigger;
import io.github.shaledb.engine.schema.TriggerState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Triggers of the managed tables and views: one query, whatever their number. */
final class TriggerReader {
    private final CatalogSession catalog;

    TriggerReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<Trigger> read() throws SQLException {
        // tgparentid (PostgreSQL 13+) marks a partition's copy of its parent's trigger; before, the copies are internal.
        String notClone = catalog.serverMajorVersion() >= 13 ? "t.tgparentid = 0" : "true";
        List<Trigger> triggers = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.triggers(notClone));
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                QualifiedName table = catalog.name(rows, "nspname", "relname");
                Trigger trigger = new Trigger(table, rows.getString("tgname"), rows.getString("definition"),
                        TriggerState.of(rows.getString("tgenabled")), rows.getBoolean("is_constraint"),
                        rows.getString("description"));
                triggers.add(trigger);
                catalog.oids.add("pg_trigger", rows.getLong("oid"), ObjectId.trigger(table, trigger.name()));
            }
        }
        return triggers;
    }
}
