package io.github.shaledb.engine.api;

/**
 * The environment is broken: server unreachable after retries, binaries missing, disk errors. Not a user error
 * ({@link #isUserError()} false), though {@link #fix()} still says what to check.
 */
public final class EnvironmentException extends ShaleException {
    /**
     * @param message what failed, without the password
     * @param fix     what to check, or null
     * @param cause   the underlying failure, or null
     */
    public EnvironmentException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }

    @Override
    public boolean isUserError() {
        return false;
    }
}
