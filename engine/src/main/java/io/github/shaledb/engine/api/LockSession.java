package io.github.shaledb.engine.api;

import java.time.OffsetDateTime;

/** A server session holding or waiting for the migration lock, as {@code pg_stat_activity} shows it. */
public record LockSession(int pid, boolean granted, String applicationName, String user, String clientAddress,
                          OffsetDateTime backendStart, OffsetDateTime stateChange, String state, String query) {

    /** One line a person can act on: "pid 4711 (shale db:migrate orders, 10.0.0.7, since …, idle)". */
    public String describe() {
        return "pid " + pid + " (" + (applicationName == null || applicationName.isEmpty() ? "no application name" : applicationName)
                + ", user " + user
                + ", client " + (clientAddress == null ? "local socket" : clientAddress)
                + ", connected since " + backendStart
                + ", " + state + (stateChange == null ? "" : " since " + stateChange) + ")";
    }
}
