package io.github.shaledb.engine.api;

import java.nio.file.Path;

/**
 * What {@code db:start} asks for, besides the {@link ShaleSettings} (project directory, {@code db.postgresVersion},
 * binaries). Unset values are {@code null}; the engine decides their defaults.
 *
 * @param server       {@code embedded} (the default) or {@code docker:IMAGE}
 * @param dataDirectory where the embedded server keeps its data; unset: {@link Defaults#START_DATA_DIRECTORY} under
 *                     the project directory
 * @param database     the database to create, fresh each time; unset: derived from {@code name}
 * @param name         what the default database name is derived from (the artifactId), sanitised
 * @param users        how many {@code db:stop}s the server waits for before it stops: 1 for a server of its own, the
 *                     number of modules that start it when shared; a later start on the same data directory joins
 */
public record StartRequest(String server, Path dataDirectory, String database, String name, int users) {
}
