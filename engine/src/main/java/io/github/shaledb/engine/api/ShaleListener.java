package io.github.shaledb.engine.api;

/**
 * Receives the engine's events. The Maven plugin adapts it to Maven's log; a library user passes a lambda or
 * {@link #toLogger(System.Logger)}. Must be thread-safe: see {@link io.github.shaledb.engine.Shale}. An exception
 * thrown by the listener propagates out of the verb, so a listener should not throw.
 */
@FunctionalInterface
public interface ShaleListener {
    /** Drops every event. */
    ShaleListener NONE = event -> { };

    /**
     * Called for each event, in the order the engine emits them within one verb.
     *
     * @param event never null
     */
    void onEvent(ShaleEvent event);

    /**
     * A listener that logs each event to {@code logger} at the matching level ({@link ShaleEvent.Level#DEBUG} →
     * {@link System.Logger.Level#DEBUG}, and so on), so events reach whatever backs {@link System.Logger}
     * ({@code java.util.logging} by default, SLF4J or Log4j through their bridges).
     *
     * @param logger e.g. {@code System.getLogger("shale")}; not null
     * @return the listener
     */
    static ShaleListener toLogger(System.Logger logger) {
        java.util.Objects.requireNonNull(logger, "logger");
        return event -> logger.log(switch (event.level()) {
            case DEBUG -> System.Logger.Level.DEBUG;
            case INFO -> System.Logger.Level.INFO;
            case WARN -> System.Logger.Level.WARNING;
            case ERROR -> System.Logger.Level.ERROR;
        }, event.message());
    }
}
