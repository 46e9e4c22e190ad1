package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.CheckResult;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.InvalidIndex;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.StatusResult;
import io.github.shaledb.engine.connect.DatabaseTarget;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.tracking.AppliedRow;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code check} verb, a CI gate: the migrations folder is consistent, its snapshots chain, the
 * schema files match the latest snapshot, every migration and down script replays to its snapshot,
 * and (with a database) the database matches its last applied snapshot. Collects every problem.
 */
public final class Checker {
    private final ShaleListener listener;

    public Checker(ShaleListener listener) {
        this.listener = listener;
    }

    public CheckResult check(RunSettings s) throws ShaleException {
        List<String> problems = new ArrayList<>();
        MigrationDirectory directory;
        try {
            directory = MigrationDirectory.read(s.migrationsDirectory());
        } catch (MigrationFileException e) {
            problems.add(e.getMessage() + (e.fix() == null ? "" : " Fix: " + e.fix()));
            return new CheckResult(problems, 0, 0);
        }
        List<Migration> migrations = directory.migrations();
        Map<String, SchemaSnapshot> snapshots = snapshots(directory, problems);
        chain(migrations, snapshots, problems);
        for (Migration m : migrations) {
            if (SqlScript.parse(m.sql()).statements().isEmpty()) {
                problems.add(m.file() + " (" + m.tag() + ") has no statement, only whitespace or comments: db:migrate refuses"
                        + " it. Fix: write the migration's SQL, or delete the migration (its folder and journal entry)");
            }
        }

        // What could not be verified is said, not refused: a project with only migrations still gets every other check.
        List<String> skipped = new ArrayList<>();
        boolean schemaFiles = hasSchemaFiles(s, skipped);
        int replayed;
        SchemaModel baseline;
        try (ShadowDatabase shadow = ShadowDatabase.start(s, listener);
             ShadowDatabase.Scratch replay = shadow.create()) {
            // The scratch database the migrations replay on is, before they do, a fresh database: the baseline.
            baseline = Introspector.introspect(replay.connection(), s.schemas());
            SchemaSnapshot latest = migrations.isEmpty() ? null : snapshots.get(migrations.get(migrations.size() - 1).tag());
            SchemaModel desired = null;
            if (schemaFiles) {
                try {
                    desired = shadow.desired();
                } catch (MigrationSqlException e) {
                    problems.add(e.getMessage().lines().findFirst().orElse(e.getMessage()));
                }
                SchemaModel expected = latest == null ? baseline : latest.model();
                if (desired != null && !Snapshots.same(desired, expected) && (latest != null || migrations.isEmpty())) {
                    problems.add(schemaFilesDiffer(s, latest == null ? "an empty migrations folder"
                            : migrations.get(migrations.size() - 1).tag(), expected, desired));
                }
            }
            replayed = replay(s, replay.connection(), shadow.runner(replay.connection()), directory, snapshots, baseline,
                    problems, skipped);
            if (desired != null && latest == null && !migrations.isEmpty()) {
                // The newest migration has no Shale snapshot (drizzle-kit wrote it): compare with what the replay built.
                if (replayed == migrations.size()) {
                    SchemaModel built = Introspector.introspect(replay.connection(), s.schemas());
                    if (!Snapshots.same(desired, built)) {
                        problems.add(schemaFilesDiffer(s, "the replayed migrations", built, desired));
                    }
                } else {
                    skipped.add("the schema files against the migrations (not every migration replayed)");
                }
            }
            UnmanagedObjects.check(shadow.unmanaged(), replay.connection(), replayed == migrations.size(), s, listener, problems);
        }
        if (DatabaseTarget.named(s.raw())) {
            drift(s, directory, snapshots, baseline, problems);
        } else {
            skipped.add("drift of a live database (no db.url, DATABASE_URL or PGHOST/PGDATABASE/PGSERVICE)");
        }
        if (!skipped.isEmpty()) {
            listener.onEvent(ShaleEvent.info("Not checked: " + String.join("; ", skipped) + "."));
        }
        // The rules of db:lint, on the same migrations db:lint would judge; tracing stays db:lint's (check replayed).
        LintResult lint = null;
        try {
            lint = new Linter(listener).lint(s, false);
        } catch (MigrationFileException e) {
            problems.add(e.getMessage() + (e.fix() == null ? "" : " Fix: " + e.fix()));
        }
        return new CheckResult(problems, migrations.size(), replayed, lint);
    }

    /** Whether the schema files can be compared; when not, says why in {@code skipped}. */
    private static boolean hasSchemaFiles(RunSettings s, List<String> skipped) throws ConfigurationException {
        Path dir = s.schemaDirectory();
        if (!Files.isDirectory(dir)) {
            skipped.add("the schema files against the snapshots (no schema directory " + dir + "; set db.schemaDir"
                    + " if the schema files are elsewhere)");
            return false;
        }
        try (Stream<Path> list = Files.list(dir)) {
            if (list.noneMatch(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))) {
                skipped.add("the schema files against the snapshots (" + dir + " holds no .sql file)");
                return false;
            }
        } catch (IOException e) {
            throw new ConfigurationException("db.schemaDir", "The schema directory " + dir + " cannot be listed: "
                    + e.getMessage(), "check that it is a readable folder", e);
        }
        return true;
    }

    private static String schemaFilesDiffer(RunSettings s, String what, SchemaModel expected, SchemaModel desired) {
        return "The schema files in " + s.projectDirectory().relativize(s.schemaDirectory()) + " differ from "
                + (what.startsWith("the ") || what.startsWith("an ") ? what : "the snapshot of " + what) + " ("
                + String.join("; ", Snapshots.differences(expected, desired)) + "): run db:generate";
    }

    private Map<String, SchemaSnapshot> snapshots(MigrationDirectory directory, List<String> problems) {
        Map<String, SchemaSnapshot> out = new LinkedHashMap<>();
        for (Migration m : directory.migrations()) {
            try {
                SchemaSnapshot snapshot = Snapshots.readIfPresent(m);
                if (snapshot == null) {
                    if (Snapshots.expected(directory, m)) {
                        problems.add(m.tag() + ": no snapshot.json; restore it from version control");
                    }
                    continue;
                }
                if (!snapshot.idMatchesContent()) {
                    problems.add(m.tag() + "/snapshot.json was edited by hand (its id no longer matches its content);"
                            + " restore it, or regenerate the migration");
                }
                out.put(m.tag(), snapshot);
            } catch (MigrationFileException e) {
                problems.add(e.getMessage());
            }
        }
        return out;
    }

    /** Each snapshot follows the one before; two following the same one are two branches. */
    private static void chain(List<Migration> migrations, Map<String, SchemaSnapshot> snapshots, List<String> problems) {
        Map<String, String> byPrevId = new HashMap<>();
        Map<String, String> tagById = new HashMap<>();
        snapshots.forEach((tag, snap) -> tagById.put(snap.id(), tag));
        Set<String> collided = new HashSet<>();
        for (Migration m : migrations) {
            SchemaSnapshot snap = snapshots.get(m.tag());
            if (snap == null) {
                continue;
            }
            String key = String.valueOf(snap.prevId());
            String other = byPrevId.putIfAbsent(key, m.tag());
            if (other != null) {
                collided.add(m.tag());
                problems.add("Branch collision: " + other + " and " + m.tag() + " both follow "
                        + (snap.prevId() == null ? "an empty schema" : "snapshot " + tagById.getOrDefault(snap.prevId(), snap.prevId()))
                        + " (generated on two branches). Fix: delete " + m.tag() + " (folder and journal entry), merge,"
                        + " and run db:generate again");
            }
        }
        for (int i = 0; i < migrations.size(); i++) {
            Migration m = migrations.get(i);
            SchemaSnapshot snap = snapshots.get(m.tag());
            if (snap == null || collided.contains(m.tag())) {
                continue;
            }
            String expectedPrev = null;
            String previousTag = null;
            if (i > 0) {
                previousTag = migrations.get(i - 1).tag();
                SchemaSnapshot prev = snapshots.get(previousTag);
                if (prev == null) {
                    continue; // reported as missing, or a drizzle-kit migration without a Shale snapshot
                }
                expectedPrev = prev.id();
            }
            if (!java.util.Objects.equals(snap.prevId(), expectedPrev)) {
                problems.add("Snapshot chain broken: " + m.tag() + " follows " + (snap.prevId() == null ? "an empty schema"
                        : tagById.getOrDefault(snap.prevId(), "unknown snapshot " + snap.prevId())) + ", not "
                        + (previousTag == null ? "an empty schema" : previousTag) + ". Fix: remove " + m.tag()
                        + " (folder and journal entry) and run db:generate again");
            }
        }
    }

    /**
     * Applies each migration to a scratch database as db:migrate would, compares with its snapshot, runs its down.sql
     * and compares again. {@code runner} creates the roles the migrations name on the scratch server.
     */
    private int replay(RunSettings s, Connection c, ScriptRunner runner, MigrationDirectory directory,
                       Map<String, SchemaSnapshot> snapshots, SchemaModel baseline, List<String> problems,
                       List<String> skipped) throws ShaleException {
        int replayed = 0;
        List<String> withoutSnapshot = new ArrayList<>();
        List<String> withoutDown = new ArrayList<>();
        ScratchReplay migrate = new ScratchReplay(c, runner, "");
        SchemaModel before = baseline;
        for (Migration m : directory.migrations()) {
            SqlScript up = SqlScript.parse(m.sql());
            try {
                migrate.apply(m.tag(), m.file(), up);
            } catch (MigrationSqlException e) {
                problems.add("Replaying " + firstLine(e.getMessage()) + "; later migrations were not replayed");
                return replayed;
            }
            replayed++;
            SchemaModel after = Introspector.introspect(c, s.schemas());
            SchemaSnapshot snapshot = snapshots.get(m.tag());
            if (snapshot == null) {
                if (!Snapshots.expected(directory, m)) {
                    withoutSnapshot.add(m.tag());
                }
            } else if (!Snapshots.same(snapshot.model(), after)) {
                problems.add(m.tag() + ": replaying migration.sql does not give its snapshot.json ("
                        + String.join("; ", Snapshots.differences(snapshot.model(), after)) + ")");
            }
            Path downFile = m.downFile();
            if (downFile != null && Files.isRegularFile(downFile) && !up.statements().isEmpty()) {
                SqlScript down;
                try {
                    down = SqlScript.parse(Files.readString(downFile));
                } catch (IOException e) {
                    problems.add(m.tag() + ": cannot read down.sql: " + e.getMessage());
                    before = after;
                    continue;
                }
                if (down.statements().isEmpty()) {
                    problems.add(m.tag() + ": down.sql has no statement, so it cannot be rolled back");
                    before = after;
                    continue;
                }
                // A transactional down script is rolled back after the comparison, so the replay goes on from
                // the migration's own result; one that cannot run in a transaction is undone by running up again.
                boolean inTransaction = !down.requiresNoTransaction();
                boolean returned;
                try {
                    setAutoCommit(c, !inTransaction);
                    runner.run(m.tag() + " (down)", downFile, down, true, "");
                    SchemaModel rolledBack = Introspector.introspect(c, s.schemas());
                    returned = Snapshots.same(rolledBack, before);
                    if (!returned) {
                        problems.add(m.tag() + ": down.sql does not return to the schema before it ("
                                + String.join("; ", Snapshots.differences(before, rolledBack)) + ")");
                    }
                } catch (MigrationSqlException e) {
                    problems.add(m.tag() + ": down.sql " + firstLine(e.getMessage()).replaceFirst("^.*? failed at", "fails at"));
                    returned = inTransaction;
                } finally {
                    endTransaction(c);
                }
                if (!inTransaction) {
                    if (!returned) {
                        problems.add(m.tag() + ": later migrations were not replayed (its down.sql runs outside a"
                                + " transaction and left the scratch database in an unknown state)");
                        return replayed;
                    }
                    try {
                        migrate.apply(m.tag(), m.file(), up);
                    } catch (MigrationSqlException e) {
                        problems.add("Replaying " + firstLine(e.getMessage()) + " after its down.sql; later migrations were not replayed");
                        return replayed;
                    }
                }
            } else if (directory.layout() == io.github.shaledb.engine.migrations.Layout.JOURNAL_FOLDERS
                    && !up.statements().isEmpty()) {
                problems.add(m.tag() + ": no down.sql, so it cannot be rolled back");
            } else if (!up.statements().isEmpty()) {
                withoutDown.add(m.tag());
            }
            before = after;
        }
        if (!withoutSnapshot.isEmpty()) {
            skipped.add("the replay against a snapshot for " + count(withoutSnapshot) + " without a Shale snapshot ("
                    + String.join(", ", withoutSnapshot) + ")");
        }
        if (!withoutDown.isEmpty()) {
            skipped.add("the down script of " + count(withoutDown) + " without one, which db:rollback cannot undo ("
                    + String.join(", ", withoutDown) + ")");
        }
        return replayed;
    }

    /** The live database against the snapshot of its last applied migration. */
    private void drift(RunSettings s, MigrationDirectory directory, Map<String, SchemaSnapshot> snapshots,
                       SchemaModel baseline, List<String> problems) throws ShaleException {
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        try (DatabaseSession session = DatabaseSession.open(s, listener)) {
            problems.addAll(drift(s, directory, snapshots, baseline, session.connection(),
                    DatabaseTarget.resolve(s.raw()).describe(), true));
        } catch (SQLException e) {
            throw new EnvironmentException("Reading the tracking table " + tracking.qualifiedName() + " failed: "
                    + e.getMessage(), null, e);
        }
    }

    /**
     * One database's (or tenant schema's) drift on a connection the caller holds: modified migrations, INVALID
     * indexes in {@code s.schemas()}, and, when {@code compareSchema}, the live schema against the snapshot of its
     * last applied migration ({@code baseline} when none is applied; null: not compared then).
     */
    List<String> drift(RunSettings s, MigrationDirectory directory, Map<String, SchemaSnapshot> snapshots,
                       SchemaModel baseline, Connection c, String where, boolean compareSchema)
            throws ShaleException, SQLException {
        List<String> problems = new ArrayList<>();
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        List<AppliedRow> rows = tracking.rows(c); // empty when the table does not exist
        MigrationPlan plan = MigrationPlan.of(directory.migrations(), rows);
        for (MigrationPlan.Entry e : plan.withState(StatusResult.State.MODIFIED)) {
            problems.add(e.migration().tag() + " was changed after it was applied: the database recorded hash "
                    + e.row().hash() + " but " + e.migration().file() + " now has hash " + e.migration().hash()
                    + ". Fix: restore the file as it was applied (see its git history) and put the change in a new"
                    + " migration");
        }
        for (InvalidIndex index : InvalidIndexes.all(c, s.schemas())) {
            problems.add("INVALID index " + index.quotedName() + " on " + index.table() + " in " + where
                    + ": queries cannot use it (an interrupted or failed CREATE INDEX CONCURRENTLY or REINDEX …"
                    + " CONCURRENTLY left it). Fix: " + index.fix());
        }
        if (!compareSchema) {
            return problems;
        }
        String current = plan.current();
        SchemaModel expected;
        if (current == null) {
            expected = baseline;
        } else if (snapshots.containsKey(current)) {
            expected = snapshots.get(current).model();
        } else {
            listener.onEvent(ShaleEvent.info("No snapshot for the applied migration " + current + ": drift of " + where
                    + " not checked."));
            return problems;
        }
        if (expected == null) {
            return problems;
        }
        SchemaModel live = Introspector.introspect(c, s.schemas(), s.trackingTables());
        if (!Snapshots.same(live, expected)) {
            problems.add("Drift: " + where + " differs from the snapshot of "
                    + (current == null ? "an empty schema (no migration applied)" : current) + " ("
                    + String.join("; ", Snapshots.differences(expected, live)) + "). Fix: put the change into"
                    + " the schema files and run db:generate, or undo the change made by hand");
        }
        return problems;
    }

    /** The snapshots of the folder's migrations by tag, for a fleet's per-target drift; problems reading them are the folder check's. */
    Map<String, SchemaSnapshot> snapshots(MigrationDirectory directory) {
        return snapshots(directory, new ArrayList<>());
    }

    private static void setAutoCommit(Connection c, boolean on) throws EnvironmentException {
        try {
            c.setAutoCommit(on);
        } catch (SQLException e) {
            throw new EnvironmentException("The scratch database's connection failed: " + e.getMessage(), null, e);
        }
    }

    private static void endTransaction(Connection c) throws EnvironmentException {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("The scratch database's connection failed: " + e.getMessage(), null, e);
        }
    }

    private static String count(List<String> tags) {
        return tags.size() == 1 ? "1 migration" : tags.size() + " migrations";
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }
}
