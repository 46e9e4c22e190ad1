package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.EventTrigger;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.TriggerState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The event triggers that run a function of a managed schema: one query. */
final class EventTriggerReader {
    private final CatalogSession catalog;

    EventTriggerReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<EventTrigger> read() throws SQLException {
        List<EventTrigger> eventTriggers = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.EVENT_TRIGGERS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                EventTrigger trigger = new EventTrigger(rows.getString("evtname"), rows.getString("evtevent"),
                        CatalogSession.strings(rows, "tags"), catalog.name(rows, "nspname", "proname"),
                        TriggerState.of(rows.getString("evtenabled")), rows.getString("description"));
                eventTriggers.add(trigger);
                catalog.oids.add("pg_event_trigger", rows.getLong("oid"), ObjectId.eventTrigger(trigger.name()));
            }
        }
        return eventTriggers;
    }
}
