package io.github.shaledb.engine.api;

/**
 * The one exception family the engine throws; checked, so a caller decides what a failed migration means for it
 * (a service at start-up usually exits).
 * Subclasses carry the fields to act on (file, line, SQLSTATE, parameter).
 * {@link #isUserError()} tells the front end whether
 * the user can fix it (bad config, failing migration, lock timeout) or the environment is broken.
 * {@link #fix()} is the suggestion that follows the message.
 */
public abstract class ShaleException extends Exception {
    private final String fix;

    /**
     * @param message what went wrong, naming the file or {@code db.…} property; never a password
     * @param fix     what the user should do, or null
     * @param cause   the underlying failure, or null
     */
    protected ShaleException(String message, String fix, Throwable cause) {
        super(message, cause);
        this.fix = fix;
    }

    /** @return what the user should do, or null */
    public String fix() {
        return fix;
    }

    /**
     * @return true when the user can fix it (configuration, migrations, a lock held too long), false when the
     *         environment is broken (server unreachable, disk, binaries)
     */
    public abstract boolean isUserError();

    /** @return message and fix as one text, for front ends that print a single message */
    public String describe() {
        return fix == null ? getMessage() : getMessage() + System.lineSeparator() + "  Fix: " + fix;
    }
}
