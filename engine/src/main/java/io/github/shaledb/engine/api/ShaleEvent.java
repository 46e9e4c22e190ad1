package io.github.shaledb.engine.api;

/** One thing the engine has to say while it works; the front end decides how to show it. */
public record ShaleEvent(Level level, String message) {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    public static ShaleEvent info(String message) { return new ShaleEvent(Level.INFO, message); }
    public static ShaleEvent warn(String message) { return new ShaleEvent(Level.WARN, message); }
    public static ShaleEvent debug(String message) { return new ShaleEvent(Level.DEBUG, message); }
}
