package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Passwords;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleListener;
import org.apache.maven.plugin.logging.Log;

/** Shows the engine's events in Maven's log, with the configured password scrubbed from every line. */
final class MavenLogListener implements ShaleListener {
    private final Log log;
    private final String secret;

    MavenLogListener(Log log, String secret) {
        this.log = log;
        this.secret = secret;
    }

    @Override
    public void onEvent(ShaleEvent event) {
        String message = Passwords.scrub(event.message(), secret);
        switch (event.level()) {
            case DEBUG -> log.debug(message);
            case INFO -> log.info(message);
            case WARN -> log.warn(message);
            case ERROR -> log.error(message);
        }
    }
}
