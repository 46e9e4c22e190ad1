package io.github.shaledb.engine.api;

import java.time.OffsetDateTime;

/**
 * A server session holding or waiting for the migration lock, as {@code pg_stat_activity} shows it.
 *
 * @param pid             the backend's process id
 * @param granted         true for the holder, false for a waiter
 * @param applicationName its {@code application_name}, e.g. {@code shale db:migrate orders}; may be null or empty
 * @param user            its user
 * @param clientAddress   its client address, or null for a local socket
 * @param backendStart    when it connected
 * @param stateChange     when its state last changed, or null
 * @param state           e.g. {@code idle}, {@code active}
 * @param query           its current or last query
 */
public record LockSession(int pid, boolean granted, String applicationName, String user, String clientAddress,
                          OffsetDateTime backendStart, OffsetDateTime stateChange, String state, String query) {

    /** @return one line a person can act on: "pid 4711 (shale db:migrate orders, 10.0.0.7, since …, idle)". */
    public String describe() {
        return "pid " + pid + " (" + (applicationName == null || applicationName.isEmpty() ? "no application name" : applicationName)
                + ", user " + user
                + ", client " + (clientAddress == null ? "local socket" : clientAddress)
                + ", connected since " + backendStart
                + ", " + state + (stateChange == null ? "" : " since " + stateChange) + ")";
    }
}
