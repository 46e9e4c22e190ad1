package io.github.shaledb.engine.run;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A temp project with a migrations folder, a fresh database, and the engine's events collected. */
@ExtendWith(TestPostgres.class)
abstract class EngineTestBase {
    @TempDir
    Path project;

    final List<ShaleEvent> events = new CopyOnWriteArrayList<>();
    final Shale shale = new Shale(events::add);

    MigrationsFolder folder() {
        return new MigrationsFolder(project.resolve("src/main/db/migrations"));
    }

    ShaleSettings.Builder settings(TestDatabase db) {
        return ShaleSettings.builder()
                .url(db.jdbcUrl())
                .user(db.user())
                .password(db.password())
                .projectDirectory(project)
                .environment(Map.of());
    }

    String log() {
        return String.join("\n", events.stream().map(ShaleEvent::message).toList());
    }
}
