package io.github.shaledb.engine.api;

import java.nio.file.Path;

/**
 * A PostgreSQL started (or joined) for the build, with a fresh database.
 *
 * @param url         JDBC URL without credentials, e.g. {@code jdbc:postgresql://127.0.0.1:5432/app}
 * @param jdbcUrl     the same with the user (and password, if any) as parameters, for tools that take a URL only
 * @param password    empty when the server needs none
 * @param serverVersion e.g. {@code 17.6}
 * @param dataDirectory the embedded server's data, null for other kinds
 * @param joined      whether a server already running for this build was used (a shared one)
 * @param recovered   a line saying what was left by a killed build and stopped first, or null
 * @param millis      time to start and create the database
 */
public record StartResult(String host, int port, String user, String password, String database, String url,
                          String jdbcUrl, String serverVersion, Path dataDirectory, boolean joined, String recovered,
                          long millis) {
}
