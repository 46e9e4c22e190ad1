package io.github.shaledb.engine.api;

/**
 * What {@code db:stop} did.
 *
 * @param found     whether a server started for this build was running
 * @param stopped   whether it was stopped now (false while other modules still use a shared one)
 * @param remaining how many modules still use it
 * @param description where it ran, e.g. {@code 127.0.0.1:5432 (data in target/shale/start/postgres)}
 */
public record StopResult(boolean found, boolean stopped, int remaining, String description) {
}
