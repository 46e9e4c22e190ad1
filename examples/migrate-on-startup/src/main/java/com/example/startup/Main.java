package com.example.startup;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.MigrateResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.ShaleSettings;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Migrates the database at start-up from the migrations packaged in this application's jar, then does its work.
 * DATABASE_URL is a JDBC URL with the user and password as parameters, e.g.
 * {@code jdbc:postgresql://localhost:5432/app?user=app&password=secret}.
 */
public final class Main {
    /** Where the migrations are inside the jar: src/main/resources/db/migration. */
    private static final String MIGRATIONS = "db/migration";

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // One line per log record instead of java.util.logging's two.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s [%3$s] %5$s%6$s%n");
        System.Logger log = System.getLogger("com.example.startup");
        String url = System.getenv("DATABASE_URL");
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            System.err.println("Set DATABASE_URL to a jdbc:postgresql:// URL, e.g."
                    + " jdbc:postgresql://localhost:5432/app?user=app&password=secret");
            System.exit(2);
        }

        try {
            MigrateResult result = migrate(url);
            log.log(System.Logger.Level.INFO, "Schema at {0}: {1} migration(s) applied in {2} ms",
                    result.current(), result.applied().size(), result.total().toMillis());
        } catch (ShaleException e) {
            // Never serve requests against a schema the code does not expect: stop, and say why.
            log.log(System.Logger.Level.ERROR, "Migration failed, not starting: " + e.describe());
            System.exit(1);
        }

        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("INSERT INTO notes (body) VALUES (?) RETURNING id")) {
            insert.setString(1, "started");
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                System.out.println("Recorded this start-up as note " + rs.getLong(1));
            }
        } catch (SQLException e) {
            log.log(System.Logger.Level.ERROR, "The application's query failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Applies the pending migrations under Shale's advisory lock; with none pending it changes nothing. */
    static MigrateResult migrate(String url) throws ShaleException, IOException, URISyntaxException {
        URL journal = Main.class.getClassLoader().getResource(MIGRATIONS + "/meta/_journal.json");
        if (journal == null) {
            throw new IllegalStateException(MIGRATIONS + " is not on the class path; build with mvn package");
        }
        URI uri = journal.toURI();
        // In the jar the migrations are read through a zip file system; run from target/classes (an IDE), from disk.
        try (FileSystem jar = uri.getScheme().equals("jar") ? FileSystems.newFileSystem(uri, Map.of()) : null) {
            Path migrations = Path.of(uri).getParent().getParent();
            ShaleSettings settings = ShaleSettings.builder()
                    .url(url)
                    .migrationsDirectory(migrations)
                    .applicationName("migrate-on-startup")
                    .build();
            return new Shale(ShaleListener.toLogger(System.getLogger("shale"))).migrate(settings);
        }
    }
}
