package io.github.shaledb.engine.api;

/**
 * A setting is missing or wrong. {@link #parameter()} is its property name, e.g. {@code db.url}; the message says
 * what is wrong and {@link #fix()} what to set. A user error.
 */
public final class ConfigurationException extends ShaleException {
    private final String parameter;

    /**
     * @param parameter the setting's property name, e.g. {@code db.url}
     * @param message   what is wrong, without the password
     * @param fix       what to do, or null
     */
    public ConfigurationException(String parameter, String message, String fix) {
        this(parameter, message, fix, null);
    }

    /** As {@link #ConfigurationException(String, String, String)}, with the underlying failure. */
    public ConfigurationException(String parameter, String message, String fix, Throwable cause) {
        super(message, fix, cause);
        this.parameter = parameter;
    }

    /** @return the setting's property name, e.g. {@code db.url}; never null */
    public String parameter() {
        return parameter;
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
