package io.github.shaledb.engine.schema;

/** The options of a sequence or of an identity column's sequence; {@code type} is {@code format_type()} text. */
public record SequenceOptions(String type, long start, long increment, long min, long max, long cache, boolean cycle) {
}
