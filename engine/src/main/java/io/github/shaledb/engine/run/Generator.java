package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.diff.Change;
import io.github.shaledb.engine.diff.Hazard;
import io.github.shaledb.engine.diff.SchemaDiff;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.migrations.Layout;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.sql.SqlScript;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code generate} verb: diff the schema files (applied to a shadow database) against the last
 * migration's snapshot and write the next migration folder, or nothing when nothing changed.
 */
public final class Generator {
    static final String CUSTOM_SQL = "-- Custom SQL migration: write the statements here, separated by lines"
            + " \"--> statement-breakpoint\".\n";
    static final String CUSTOM_DOWN = "-- The reverse of this migration's statements, separated by lines"
            + " \"--> statement-breakpoint\".\n";

    private final ShaleListener listener;
    private final Clock clock;

    public Generator(ShaleListener listener) {
        this(listener, Clock.systemUTC());
    }

    Generator(ShaleListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** @param confirmation asks about rename candidates; null in batch mode */
    public GenerateResult generate(RunSettings s, Confirmation confirmation) throws ShaleException {
        boolean custom = Boolean.TRUE.equals(s.raw().custom());
        Renames renames = Renames.of(s.raw().renames(), confirmation, s.force());
        if (!custom) {
            ShadowDatabase.schemaFiles(s); // a missing schema folder fails before any server starts
        }
        MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
        Previous previous = fromSnapshot(directory);
        SchemaModel desired = null;
        int serverMajorVersion = 0;
        if (previous == null || !custom) {
            // A custom migration after a Shale snapshot needs no server.
            try (ShadowDatabase shadow = ShadowDatabase.start(s, listener)) {
                if (previous == null && directory.migrations().isEmpty() && !custom) {
                    ShadowDatabase.FromEmpty states = shadow.fromEmpty();
                    previous = new Previous(null, null, states.empty());
                    desired = states.desired();
                } else {
                    if (previous == null) {
                        previous = replayed(s, directory, shadow);
                    }
                    desired = custom ? previous.model() : shadow.desired();
                }
                serverMajorVersion = shadow.serverMajorVersion();
                UnmanagedObjects.warn(shadow.unmanaged(), s, listener, UnmanagedObjects.GENERATE);
            }
        }
        if (custom) {
            String name = s.raw().name() != null ? s.raw().name() : "custom";
            return write(s, directory, previous, previous.model(), name, CUSTOM_SQL, CUSTOM_DOWN, 0, List.of(), true);
        }
        SchemaDiff diff = SchemaDiff.between(previous.model(), desired, renames, serverMajorVersion);
        Renames.requireDecided(diff, "db:generate");
        renames.warnUnused(listener);
        if (diff.isEmpty()) {
            listener.onEvent(ShaleEvent.info("No schema changes: the schema files match the snapshot of "
                    + (previous.tag() == null ? "an empty database" : previous.tag()) + ". Nothing was written."));
            return GenerateResult.nothingChanged();
        }
        SchemaDiff down = SchemaDiff.reverse(previous.model(), desired, renames, serverMajorVersion);
        List<String> hazards = new ArrayList<>();
        for (Change c : diff.changes()) {
            for (Hazard h : c.hazards()) {
                hazards.add(h.comment().substring(3));
                listener.onEvent(ShaleEvent.warn(h.comment().substring(3) + System.lineSeparator() + "    " + firstLine(c.sql())));
            }
        }
        String name = s.raw().name() != null ? s.raw().name() : defaultName(previous.model(), desired);
        return write(s, directory, previous, desired, name, diff.render(), down.render(), diff.changes().size(), hazards, false);
    }

    record Previous(String tag, String id, SchemaModel model) {
    }

    /** The last migration's snapshot; null when there is none to read (no migration yet, or drizzle-kit's layouts). */
    private static Previous fromSnapshot(MigrationDirectory directory) throws ShaleException {
        List<Migration> all = directory.migrations();
        if (all.isEmpty()) {
            return null;
        }
        Migration last = all.get(all.size() - 1);
        SchemaSnapshot snapshot = Snapshots.readIfPresent(last);
        if (snapshot != null) {
            return new Previous(last.tag(), snapshot.id(), snapshot.model());
        }
        if (Snapshots.expected(directory, last)) {
            throw Snapshots.missing(last);
        }
        return null;
    }

    /** No migration yet: a fresh database's schema; drizzle-kit's layouts: the migrations replayed on a scratch database. */
    private Previous replayed(RunSettings s, MigrationDirectory directory, ShadowDatabase shadow) throws ShaleException {
        List<Migration> all = directory.migrations();
        if (all.isEmpty()) {
            return new Previous(null, null, shadow.baseline());
        }
        Migration last = all.get(all.size() - 1);
        listener.onEvent(ShaleEvent.info(last.tag() + " has no Shale snapshot (a drizzle-kit layout): replaying the "
                + all.size() + " migration(s) on a scratch database to read the current schema."));
        try (ShadowDatabase.Scratch scratch = shadow.create()) {
            ScriptRunner runner = shadow.runner(scratch.connection());
            for (Migration m : all) {
                runner.run(m.tag(), m.file(), SqlScript.parse(m.sql()), true, "Only the scratch database saw it.");
            }
            return new Previous(last.tag(), null, Introspector.introspect(scratch.connection(), s.schemas()));
        }
    }

    private GenerateResult write(RunSettings s, MigrationDirectory directory, Previous previous, SchemaModel model,
                                 String name, String up, String down, int statements, List<String> hazards,
                                 boolean custom) throws ShaleException {
        SchemaSnapshot snapshot = SchemaSnapshot.of(model, previous.id());
        int idx = directory.migrations().stream().mapToInt(Migration::idx).max().orElse(-1) + 1;
        long now = clock.millis();
        boolean journal = directory.layout() != Layout.FOLDERS;
        String tag = journal ? String.format(Locale.ROOT, "%04d_%s", idx, safeName(name))
                : LocalDateTime.ofEpochSecond(now / 1000, 0, ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuuMMddHHmmss"))
                + "_" + safeName(name);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("migration.sql", up);
        files.put("down.sql", down);
        files.put(Snapshots.SNAPSHOT_JSON, SnapshotJson.write(snapshot));
        Path folder = MigrationWriter.write(s.migrationsDirectory(), tag, idx, now, files, journal);
        listener.onEvent(ShaleEvent.info((custom ? "Wrote an empty migration for hand-written SQL: " : "Wrote ")
                + s.projectDirectory().relativize(folder) + (custom ? "" : " (" + statements + " statement"
                + (statements == 1 ? "" : "s") + ", down.sql and snapshot.json)")));
        return new GenerateResult(tag, folder, statements, hazards, custom);
    }

    /** {@code create_users}, {@code alter_orders}, {@code drop_carts}; {@code create_users_orders} for a few creates; else {@code changes}. */
    static String defaultName(SchemaModel from, SchemaModel to) {
        List<String> created = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Table t : to.tables()) {
            var before = from.table(t.name());
            if (before.isEmpty()) {
                created.add(t.name().name());
            } else if (!before.get().equals(t)) {
                other.add("alter_" + t.name().name());
            }
        }
        for (Table t : from.tables()) {
            if (to.table(t.name()).isEmpty()) {
                other.add("drop_" + t.name().name());
            }
        }
        boolean restEqual = from.schemas().equals(to.schemas()) && from.enums().equals(to.enums())
                && independent(from).equals(independent(to)) && from.views().equals(to.views());
        if (other.isEmpty() && !created.isEmpty() && created.size() <= 3 && restEqual) {
            return "create_" + String.join("_", created);
        }
        if (created.isEmpty() && other.size() == 1 && restEqual) {
            return other.get(0);
        }
        return "changes";
    }

    /** Identity and serial sequences come and go with their tables and do not count as changes of their own. */
    private static List<io.github.shaledb.engine.schema.Sequence> independent(SchemaModel m) {
        return m.sequences().stream().filter(q -> !q.identity() && !q.owned() && m.tables().stream()
                .flatMap(t -> t.columns().stream()).noneMatch(c -> q.name().equals(c.ownedSequence()))).toList();
    }

    static String safeName(String name) {
        String safe = name.trim().replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        return safe.isEmpty() ? "migration" : safe;
    }

    private static String firstLine(String sql) {
        int nl = sql.indexOf('\n');
        return nl < 0 ? sql : sql.substring(0, nl) + " …";
    }
}
