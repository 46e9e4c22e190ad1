package io.github.shaledb.engine.api;

/** Receives the engine's events. The Maven plugin adapts it to Maven's log. */
@FunctionalInterface
public interface ShaleListener {
    ShaleListener NONE = event -> { };

    void onEvent(ShaleEvent event);
}
