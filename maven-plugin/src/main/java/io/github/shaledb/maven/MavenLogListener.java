package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleListener;
import org.apache.maven.plugin.logging.Log;

/** Shows the engine's events in Maven's log. They hold no password: the engine prints URLs rebuilt without it. */
final class MavenLogListener implements ShaleListener {
    private final Log log;

    MavenLogListener(Log log) {
        this.log = log;
    }

    @Override
    public void onEvent(ShaleEvent event) {
        String message = event.message();
        switch (event.level()) {
            case DEBUG -> log.debug(message);
            case INFO -> log.info(message);
            case WARN -> log.warn(message);
            case ERROR -> log.error(message);
        }
    }
}
