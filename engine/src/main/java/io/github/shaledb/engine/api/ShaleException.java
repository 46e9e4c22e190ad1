package io.github.shaledb.engine.api;

/**
 * The one exception family the engine throws. {@link #isUserError()} tells the front end whether
 * the user can fix it (bad config, failing migration, lock timeout) or the environment is broken.
 * {@link #fix()} is the suggestion that follows the message.
 */
public abstract class ShaleException extends Exception {
    private final String fix;

    protected ShaleException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix;
    }

    /** What the user should do, or null. */
    public String fix() {
        return fix;
    }

    public abstract boolean isUserError();

    /** Message and fix as one text, for front ends that print a single message. */
    public String describe() {
        return fix == null ? getMessage() : getMessage() + System.lineSeparator() + "  Fix: " + fix;
    }
}
