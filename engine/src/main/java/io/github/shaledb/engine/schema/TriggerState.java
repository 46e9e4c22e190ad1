package io.github.shaledb.engine.schema;

/**
 * When a trigger or event trigger fires, after {@code session_replication_role}: {@code tgenabled} and
 * {@code evtenabled} ({@code O}, {@code D}, {@code R}, {@code A}).
 */
public enum TriggerState {
    /** {@code O}: in the origin and local modes, the default. */
    ENABLED("ENABLE"),
    /** {@code D}: never. */
    DISABLED("DISABLE"),
    /** {@code R}: only in replica mode. */
    REPLICA("ENABLE REPLICA"),
    /** {@code A}: in every mode. */
    ALWAYS("ENABLE ALWAYS");

    private final String sql;

    TriggerState(String sql) {
        this.sql = sql;
    }

    /** The catalog's letter. */
    public static TriggerState of(String code) {
        return switch (code) {
            case "D" -> DISABLED;
            case "R" -> REPLICA;
            case "A" -> ALWAYS;
            default -> ENABLED;
        };
    }

    /** The words {@code ALTER TABLE … TRIGGER} and {@code ALTER EVENT TRIGGER} take: {@code ENABLE REPLICA}. */
    public String sql() {
        return sql;
    }
}
