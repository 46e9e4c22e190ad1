package io.github.shaledb.engine.api;

/**
 * One thing the engine has to say while it works; the front end decides how to show it. Messages are for people
 * (one line or a few; never a password) and may change in any release: match on results, not on event text.
 *
 * @param level   how important it is
 * @param message the text, never null
 */
public record ShaleEvent(Level level, String message) {
    /** Event levels, as a logger has them. */
    public enum Level {
        /** Detail for diagnosing (timings, each statement); hidden by default. */
        DEBUG,
        /** Progress a user wants to see: each migration applied, the database named, the summary. */
        INFO,
        /** Something to act on that did not stop the verb: hazards, unmanaged objects, a waited-for lock. */
        WARN,
        /** A failure the verb is about to report by its exception. */
        ERROR
    }

    /** @param message the text @return an {@link Level#INFO} event */
    public static ShaleEvent info(String message) { return new ShaleEvent(Level.INFO, message); }
    /** @param message the text @return a {@link Level#WARN} event */
    public static ShaleEvent warn(String message) { return new ShaleEvent(Level.WARN, message); }
    /** @param message the text @return a {@link Level#DEBUG} event */
    public static ShaleEvent debug(String message) { return new ShaleEvent(Level.DEBUG, message); }
}
