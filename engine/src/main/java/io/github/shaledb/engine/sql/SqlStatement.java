package io.github.shaledb.engine.sql;

/**
 * One statement of a script. {@code text} is the exact substring of the script starting at
 * {@code offset} (0-based char index), which is at 1-based {@code line}/{@code column}.
 */
public record SqlStatement(String text, int offset, int line, int column, boolean requiresNoTransaction) {

    /** A 1-based line and column in the script. */
    public record Position(int line, int column) {
    }

    /**
     * Where in the script a server error position lies. {@code serverPosition} is PostgreSQL's
     * 1-based character index into {@link #text()} (as sent); out-of-range values clamp.
     */
    public Position positionOf(int serverPosition) {
        throw new UnsupportedOperationException("TODO");
    }
}
