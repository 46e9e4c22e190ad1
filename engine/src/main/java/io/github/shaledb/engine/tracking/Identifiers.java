package io.github.shaledb.engine.tracking;

/** Quotes identifiers for SQL text Shale writes itself. */
public final class Identifiers {
    private Identifiers() {
    }

    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
