package io.github.shaledb.engine.api;

/** The environment is broken: server unreachable after retries, binaries missing, disk errors. */
public final class EnvironmentException extends ShaleException {
    public EnvironmentException(String message, String fix, Throwable cause) {
        super(message, fix, cause);
    }

    @Override
    public boolean isUserError() {
        return false;
    }
}
