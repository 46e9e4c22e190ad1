package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.testsupport.TestDatabase;
import io.github.shaledb.engine.testsupport.TestPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Schema files, Shale-layout migrations with real snapshots, and the test server as the shadow server. */
abstract class SchemaTestBase extends EngineTestBase {
    private final List<String> applied = new ArrayList<>();
    private String lastId;

    Path schemaDir() {
        return project.resolve("src/main/db/schema");
    }

    void schemaFile(String name, String sql) throws IOException {
        Files.createDirectories(schemaDir());
        Files.writeString(schemaDir().resolve(name), sql);
    }

    /** The test server stands in for the shadow server, so no second server starts. */
    ShaleSettings.Builder shadowSettings(TestDatabase db) {
        return settings(db).shadowUrl(db.jdbcUrl());
    }

    /** What introspection reads after running the SQL on a fresh database. */
    static SchemaModel modelOf(String sql) throws Exception {
        try (TestDatabase scratch = TestPostgres.newDatabase(); Connection c = scratch.connect()) {
            if (!sql.isBlank()) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }
            return Introspector.introspect(c, List.of("public"));
        }
    }

    /** Adds a migration with a snapshot chained to the previous one and returns the snapshot. */
    SchemaSnapshot add(MigrationsFolder f, String name, String up, String down) throws Exception {
        f.add(name, up, down);
        applied.add(up.replace("--> statement-breakpoint", ""));
        SchemaSnapshot snapshot = SchemaSnapshot.of(modelOf(String.join("\n", applied)), lastId);
        lastId = snapshot.id();
        f.write(applied.size() - 1, "snapshot.json", SnapshotJson.write(snapshot));
        return snapshot;
    }
}
