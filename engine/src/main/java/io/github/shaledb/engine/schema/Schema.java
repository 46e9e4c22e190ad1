package io.github.shaledb.engine.schema;

/** A managed schema; {@code comment} is null when there is none. */
public record Schema(String name, String comment) {
}
