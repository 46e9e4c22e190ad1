package io.github.shaledb.engine.tracking;

/** Quotes identifiers for SQL text Shale writes itself. */
final class Identifiers {
    private Identifiers() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
