package io.github.shaledb.engine.api;

/** A setting is missing or wrong. {@link #parameter()} is its property name, e.g. {@code db.url}. */
public final class ConfigurationException extends ShaleException {
    private final String parameter;

    public ConfigurationException(String parameter, String message, String fix) {
        this(parameter, message, fix, null);
    }

    public ConfigurationException(String parameter, String message, String fix, Throwable cause) {
        super(message, fix, cause);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
