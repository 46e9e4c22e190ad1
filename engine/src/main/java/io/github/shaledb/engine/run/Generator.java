package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.GenerateResult;
import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.Acknowledgements;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.MigrationLinter;
import io.github.shaledb.engine.lint.SchemaFacts;
import io.github.shaledb.engine.lint.SnapshotFacts;
import io.github.shaledb.engine.api.GeneratedMigrationException;
import io.github.shaledb.engine.api.MigrationSqlException;
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
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.sql.SqlScript;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code generate} verb: diff the schema files (applied to a shadow database) against the last
 * migration's snapshot, prove the result on a scratch database, and write the next migration folder (or
 * several, see {@link MigrationSplitter}: statements that cannot run in a transaction get folders of their own, and
 * the validation of a constraint added {@code NOT VALID} goes to the folder after the one that adds it), or nothing
 * when nothing changed.
 *
 * <p>The proof: the scratch database is brought to the state before the new migration (the existing
 * migrations replayed on it, as {@code db:migrate} applies them), the new {@code migration.sql} files are
 * applied as {@code db:migrate} would, and the result must equal the schema files; then each
 * {@code down.sql} runs, newest first, and must return to the state before its folder. A failing statement
 * or a difference stops generate before anything is written.
 */
public final class Generator {
    static final String CUSTOM_SQL = "-- Custom SQL migration: write the statements here, separated by lines"
            + " \"--> statement-breakpoint\".\n";
    static final String CUSTOM_DOWN = "-- The reverse of this migration's statements, separated by lines"
            + " \"--> statement-breakpoint\".\n";
    private static final String HISTORY_NOTE = "db:generate replays the existing migrations on a scratch database"
            + " before it writes a new one: only that database saw this, and nothing was written (db:check reports it too).";

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
        List<Migration> history = directory.migrations();
        Last last = lastSnapshot(directory);
        TargetVersion target = TargetVersion.resolve(s, last == null ? null : last.snapshot(),
                last == null ? null : last.tag(), listener);
        if (custom && last != null) {
            // A custom migration after a Shale snapshot needs no server: its snapshot is the previous one.
            return writeCustom(s, directory, last.snapshot().model(), last.snapshot().id(), target);
        }
        try (ShadowDatabase shadow = ShadowDatabase.start(s, listener, target);
             ShadowDatabase.Scratch scratch = shadow.create()) {
            // One scratch database: fresh, then (in a transaction rolled back) the schema files, then the history
            // replayed, then the new migration checked on it.
            Connection c = scratch.connection();
            target = shadow.targetFor(target);
            int major = shadow.writesFor(target);
            // A first migration starts from a fresh database, as the scratch one is now.
            SchemaModel fresh = history.isEmpty() ? Introspector.introspect(c, s.schemas()) : null;
            SchemaModel desired = null;
            SchemaDiff fromLast = null;
            if (!custom) {
                desired = shadow.desiredInTransaction(scratch);
                if (desired == null) {
                    desired = shadow.desired();
                }
                UnmanagedObjects.warn(shadow.unmanaged(), s, listener, UnmanagedObjects.GENERATE);
                fromLast = last == null ? null : SchemaDiff.between(last.snapshot().model(), desired, renames, major);
                if (fromLast != null && fromLast.isEmpty()) {
                    return nothingChanged(last.tag(), major);
                }
            }
            Previous previous = history.isEmpty() ? new Previous(null, null, fresh, fresh)
                    : replayHistory(s, history, last, c, shadow.runner(c));
            if (custom) {
                return writeCustom(s, directory, previous.model(), previous.id(), target);
            }
            // From the last snapshot, as already diffed, unless the history replayed to another schema.
            SchemaDiff diff = fromLast != null && previous.model() == last.snapshot().model() ? fromLast
                    : SchemaDiff.between(previous.model(), desired, renames, major);
            Renames.requireDecided(diff, "db:generate");
            renames.warnUnused(listener);
            if (diff.isEmpty()) {
                return nothingChanged(previous.tag(), major);
            }
            List<String> hazards = new ArrayList<>();
            for (Change ch : diff.changes()) {
                for (Hazard h : ch.hazards()) {
                    hazards.add(h.comment().substring(3));
                }
            }
            summarize(diff, previous.model(), previous.tag());
            String name = s.raw().name() != null ? s.raw().name() : defaultName(previous.model(), desired);
            List<Part> parts = split(directory, diff.changes(), name);
            List<LintFinding> lint = new ArrayList<>();
            // What db:lint reads before each part: the folder's migrations, then the parts written before it.
            List<DdlStatement> earlier = new ArrayList<>();
            for (Migration m : history) {
                earlier.addAll(MigrationLinter.statements(SqlScript.parse(m.sql())));
            }
            List<MigrationWriter.Folder> folders = prove(s, c, shadow.runner(c), previous, desired, parts, renames, major,
                    target, earlier, lint);
            List<Path> written = MigrationWriter.write(s.migrationsDirectory(), folders, directory.layout());
            for (int i = 0; i < parts.size(); i++) {
                int n = parts.get(i).changes().size();
                listener.onEvent(ShaleEvent.info("Wrote " + s.projectDirectory().relativize(written.get(i)) + " (" + n
                        + " statement" + (n == 1 ? "" : "s") + (parts.get(i).transactional() ? ""
                        : ", outside a transaction") + ", " + MigrationWriter.companions(directory.layout(),
                        parts.get(i).tag()) + ") for PostgreSQL " + major));
            }
            List<String> tags = parts.stream().map(Part::tag).toList();
            return new GenerateResult(tags, written, diff.changes().size(), hazards, false, major,
                    new LintResult(tags, "written by db:generate", lint, List.of(), "db:generate lints without tracing",
                            LintSeverity.ERROR, null));
        }
    }

    /** What the migration changes, one line per object with its hazards beside it; hazardous objects as warnings. */
    private void summarize(SchemaDiff diff, SchemaModel from, String fromTag) {
        List<ChangeSummary.Line> lines = ChangeSummary.of(diff.changes(), from);
        int n = diff.changes().size();
        listener.onEvent(ShaleEvent.info("Changes since " + (fromTag == null ? "an empty database" : fromTag) + ": "
                + lines.size() + (lines.size() == 1 ? " object, " : " objects, ") + n + (n == 1 ? " statement" : " statements")));
        for (ChangeSummary.Line line : lines) {
            listener.onEvent(line.hazardous() ? ShaleEvent.warn("  " + line.text()) : ShaleEvent.info("  " + line.text()));
        }
    }

    /** The last migration's tag and Shale snapshot. */
    record Last(String tag, SchemaSnapshot snapshot) {
    }

    /**
     * The state the new migration starts from. {@code model} is what the diff starts from (the last snapshot, or
     * the replayed schema when the snapshot does not say), {@code actual} what the scratch database holds then.
     */
    record Previous(String tag, String id, SchemaModel model, SchemaModel actual) {
    }

    /** One migration folder of the new change: a run of statements that all can, or all cannot, run in a transaction. */
    record Part(String tag, int idx, long when, MigrationSplitter.Kind kind, List<Change> changes) {
        boolean transactional() {
            return kind != MigrationSplitter.Kind.INDEXES;
        }

        String up() {
            return MigrationSplitter.render(changes, "");
        }
    }

    /** The last migration's snapshot; null when there is none to read (no migration yet, or drizzle-kit's layouts). */
    private static Last lastSnapshot(MigrationDirectory directory) throws ShaleException {
        List<Migration> all = directory.migrations();
        if (all.isEmpty()) {
            return null;
        }
        Migration last = all.get(all.size() - 1);
        SchemaSnapshot snapshot = Snapshots.readIfPresent(last);
        if (snapshot != null) {
            return new Last(last.tag(), snapshot);
        }
        if (Snapshots.expected(directory, last)) {
            throw Snapshots.missing(last);
        }
        return null;
    }

    /**
     * Replays every migration on the fresh scratch database, as db:migrate applies them. The diff starts from the
     * last snapshot when the replay gives it (apart from column order, see {@link Snapshots#same}); otherwise from
     * the replayed schema, which is what a database migrated from this folder holds: when the snapshot is
     * missing (drizzle-kit's layouts), of an older format that does not record some kinds, or does not match its
     * migrations (db:check's "drift in the history", warned about here).
     */
    private Previous replayHistory(RunSettings s, List<Migration> history, Last last, Connection c, ScriptRunner runner)
            throws ShaleException {
        Migration newest = history.get(history.size() - 1);
        if (last == null) {
            listener.onEvent(ShaleEvent.info(newest.tag() + " has no Shale snapshot (a drizzle-kit layout): replaying the "
                    + history.size() + " migration(s) on a scratch database to read the current schema."));
        }
        ScratchReplay replay = new ScratchReplay(c, runner, HISTORY_NOTE);
        for (Migration m : history) {
            replay.apply(m.tag(), m.file(), SqlScript.parse(m.sql()));
        }
        SchemaModel replayed = Introspector.introspect(c, s.schemas());
        if (last == null) {
            return new Previous(newest.tag(), null, replayed, replayed);
        }
        SchemaSnapshot snapshot = last.snapshot();
        if (Snapshots.same(snapshot.model(), replayed)) {
            return new Previous(last.tag(), snapshot.id(), snapshot.model(), replayed);
        }
        if (Snapshots.same(recordedKinds(snapshot.model(), snapshot.version()), recordedKinds(replayed, snapshot.version()))) {
            Set<String> nouns = new LinkedHashSet<>();
            ObjectKind.ALL.stream().filter(k -> k.since() > snapshot.version()).forEach(k -> nouns.add(k.key()));
            listener.onEvent(ShaleEvent.info("The snapshot of " + last.tag() + " is of format " + snapshot.version()
                    + ", which does not record " + String.join(", ", nouns) + ": db:generate reads them from the"
                    + " replayed migrations."));
        } else {
            listener.onEvent(ShaleEvent.warn("The migrations replay to a schema that differs from the snapshot of "
                    + last.tag() + " (" + String.join("; ", Snapshots.differences(snapshot.model(), replayed))
                    + "); db:check reports this as drift in the history. The new migration is generated from the"
                    + " replayed schema, which is what a database migrated from this folder holds."));
        }
        return new Previous(last.tag(), snapshot.id(), replayed, replayed);
    }

    /** The model with the kinds a snapshot of format {@code version} does not record left empty. */
    private static SchemaModel recordedKinds(SchemaModel model, int version) {
        SchemaModel result = model;
        for (ObjectKind<?, ?> kind : ObjectKind.ALL) {
            if (kind.since() > version) {
                result = emptied(result, kind);
            }
        }
        return result;
    }

    private static <T> SchemaModel emptied(SchemaModel model, ObjectKind<T, ?> kind) {
        return model.with(kind, List.of());
    }

    /**
     * The changes as consecutive migration folders (see {@link MigrationSplitter#split}), in order. Tags: the first
     * {@code name}, later ones {@code name_indexes} (concurrent index builds and drops), {@code name_validate}
     * (validation of what the folder before added {@code NOT VALID}), {@code name_2} (other statements), and
     * {@code _2}, {@code _3}, … after a suffix that repeats.
     */
    private List<Part> split(MigrationDirectory directory, List<Change> changes, String name) {
        List<MigrationSplitter.Run> runs = MigrationSplitter.split(changes);
        int idx = directory.migrations().stream().mapToInt(Migration::idx).max().orElse(-1) + 1;
        long now = clock.millis();
        boolean journal = directory.layout() != Layout.FOLDERS;
        Map<String, Integer> used = new LinkedHashMap<>();
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            MigrationSplitter.Kind kind = runs.get(i).kind();
            String suffix = i == 0 ? "" : kind.suffix();
            int nth = used.merge(suffix, 1, Integer::sum);
            String partName = safeName(name) + suffix + (nth == 1 ? "" : "_" + nth);
            // The journal-less layout orders folders by their timestamp: one second apart keeps the parts in order.
            long when = now + (journal ? i : i * 1000L);
            String tag = journal ? String.format(Locale.ROOT, "%04d_%s", idx + i, partName)
                    : LocalDateTime.ofEpochSecond(when / 1000, 0, ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("uuuuMMddHHmmss")) + "_" + partName;
            parts.add(new Part(tag, idx + i, when, kind, runs.get(i).changes()));
        }
        if (parts.size() > 1) {
            List<String> described = parts.stream().map(p -> p.tag() + " (" + p.changes().size() + " statement"
                    + (p.changes().size() == 1 ? "" : "s") + (p.transactional() ? ", in a transaction)" : ", outside a transaction)"))
                    .toList();
            List<String> why = new ArrayList<>();
            if (parts.stream().anyMatch(p -> !p.transactional())) {
                why.add("CREATE INDEX CONCURRENTLY and DROP INDEX CONCURRENTLY cannot run inside a transaction, so they get"
                        + " folders of their own and the statements around them keep theirs (a failure never leaves half a"
                        + " migration applied)");
            }
            if (parts.stream().anyMatch(p -> p.kind() == MigrationSplitter.Kind.VALIDATE)) {
                why.add("a constraint added NOT VALID is validated in the next migration, as in the same transaction the"
                        + " lock of the ADD would be held through the validating scan");
            }
            listener.onEvent(ShaleEvent.info("Split into " + parts.size() + " migrations: " + String.join("; ", why)
                    + ": " + String.join(", ", described) + "."));
        }
        return parts;
    }

    /**
     * Applies the parts on the scratch database (at the state before them) as db:migrate would, checks that they
     * reach {@code desired}, then runs their down scripts, newest first, each of which must return to the state
     * before its part. Returns the folders to write: a part's snapshot is the state after it.
     */
    private List<MigrationWriter.Folder> prove(RunSettings s, Connection c, ScriptRunner runner, Previous previous,
                                               SchemaModel desired, List<Part> parts, Renames renames, int major,
                                               TargetVersion target, List<DdlStatement> earlier,
                                               List<LintFinding> lint)
            throws ShaleException {
        // The failure's message is rewritten (see failed), so the runner's note is not needed.
        ScratchReplay replay = new ScratchReplay(c, runner, "");
        List<SchemaModel> actual = new ArrayList<>(List.of(previous.actual()));
        for (Part part : parts) {
            listener.onEvent(ShaleEvent.debug(part.tag() + "/migration.sql:" + System.lineSeparator() + part.up()));
            Path file = s.migrationsDirectory().resolve(part.tag()).resolve("migration.sql");
            try {
                replay.apply(part.tag(), file, SqlScript.parse(part.up()));
            } catch (MigrationSqlException e) {
                throw failed(part.tag(), "its migration.sql", e, major);
            }
            actual.add(Introspector.introspect(c, s.schemas()));
        }
        SchemaModel reached = actual.get(actual.size() - 1);
        if (!Snapshots.same(desired, reached)) {
            throw notReached(String.join(", ", parts.stream().map(Part::tag).toList()), (parts.size() == 1
                    ? "its migration.sql does not" : "their migration.sql files do not") + " give the schema the schema"
                    + " files describe", Snapshots.differences(desired, reached), major);
        }
        // What each part's down.sql returns to, and the diff's model of each state: the state before the first
        // part is the one the diff started from, after the last the schema files; in between, what the replay gave.
        List<SchemaModel> model = new ArrayList<>(actual);
        model.set(0, previous.model());
        model.set(model.size() - 1, desired);
        List<String> downs = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            downs.add(MigrationSplitter.render(SchemaDiff.reverse(model.get(i), model.get(i + 1), renames, major).changes(),
                    "db:generate finds no difference between the schema before " + parts.get(i).tag()
                            + " and after it"));
        }
        for (int i = parts.size() - 1; i >= 0; i--) {
            Part part = parts.get(i);
            listener.onEvent(ShaleEvent.debug(part.tag() + "/down.sql:" + System.lineSeparator() + downs.get(i)));
            Path file = s.migrationsDirectory().resolve(part.tag()).resolve("down.sql");
            try {
                replay.apply(part.tag() + " (down)", file, SqlScript.parse(downs.get(i)));
            } catch (MigrationSqlException e) {
                throw failed(part.tag(), "its down.sql", e, major);
            }
            SchemaModel back = Introspector.introspect(c, s.schemas());
            if (!Snapshots.same(actual.get(i), back)) {
                throw notReached(part.tag(), "its down.sql does not return to the schema before it",
                        Snapshots.differences(actual.get(i), back), major);
            }
        }
        listener.onEvent(ShaleEvent.info("Checked on a scratch database of PostgreSQL " + major + ": "
                + (parts.size() == 1 ? "migration.sql gives" : "the " + parts.size() + " migrations give")
                + " the schema of the schema files, and down.sql returns to " + (previous.tag() == null
                ? "an empty database" : "the schema of " + previous.tag()) + "."));
        List<MigrationWriter.Folder> folders = new ArrayList<>();
        String prevId = previous.id();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            SchemaSnapshot snapshot = SchemaSnapshot.of(model.get(i + 1), prevId, target.major());
            prevId = snapshot.id();
            Map<String, String> files = new LinkedHashMap<>();
            files.put("migration.sql", acknowledged(s, part, model.get(0), model.get(i), earlier, lint));
            files.put("down.sql", downs.get(i));
            files.put(Snapshots.SNAPSHOT_JSON, SnapshotJson.write(snapshot));
            folders.add(new MigrationWriter.Folder(part.tag(), part.idx(), part.when(), files));
        }
        return folders;
    }

    /**
     * The part's migration.sql with a {@code -- db:lint-ignore} line above each statement whose finding records what
     * the schema files ask for (see {@link Acknowledgements}); its findings, acknowledged ones marked, go to
     * {@code lint}.
     */
    private static String acknowledged(RunSettings s, Part part, SchemaModel first, SchemaModel before,
                                       List<DdlStatement> earlier, List<LintFinding> lint) throws ShaleException {
        Path file = s.migrationsDirectory().resolve(part.tag()).resolve("migration.sql");
        SchemaFacts facts = new SnapshotFacts(before);
        Set<String> partitioned = before.tables().stream().filter(t -> t.partitioned() || t.partitionOf() != null)
                .map(t -> t.name().schema() + "." + t.name().name()).collect(java.util.stream.Collectors.toSet());
        Set<String> existedBefore = first.tables().stream().map(t -> t.name().schema() + "." + t.name().name())
                .collect(java.util.stream.Collectors.toSet());
        Set<String> createdByThisChange = before.tables().stream().map(t -> t.name().schema() + "." + t.name().name())
                .filter(t -> !existedBefore.contains(t)).collect(java.util.stream.Collectors.toSet());
        String up = Acknowledgements.annotate(part.up(),
                Linter.lintGenerated(s, part.tag(), file, part.up(), facts, earlier),
                Acknowledgements.tableReasons(partitioned, createdByThisChange));
        lint.addAll(Linter.lintGenerated(s, part.tag(), file, up, facts, earlier));
        earlier.addAll(MigrationLinter.statements(SqlScript.parse(up)));
        return up;
    }

    private static GeneratedMigrationException failed(String tag, String script, MigrationSqlException e, int major) {
        // The failure, statement and server's words; not what the runner says about transactions and tracking rows.
        List<String> lines = e.getMessage().lines().toList();
        String reason = lines.get(0) + lines.stream().skip(1).filter(line -> line.strip().matches("(Statement|Detail|Hint|Where):.*"))
                .map(line -> System.lineSeparator() + line).reduce("", String::concat);
        return new GeneratedMigrationException("db:generate checked " + tag + " on a scratch database of PostgreSQL "
                + major + " before writing it, and a statement of " + script + " failed there:" + System.lineSeparator()
                + "  " + reason.replace(System.lineSeparator(), System.lineSeparator() + "  ") + System.lineSeparator()
                + "Nothing was written.", fix(), e, tag, List.of(), e.statement(), e.sqlState());
    }

    private static GeneratedMigrationException notReached(String tag, String what, List<String> differences, int major) {
        return new GeneratedMigrationException("db:generate checked " + tag + " on a scratch database of PostgreSQL "
                + major + " before writing it, and " + what + ": " + String.join("; ", differences) + "."
                + System.lineSeparator() + "Nothing was written.", fix(), null, tag,
                differences, null, null);
    }

    private static String fix() {
        return "this is a change Shale's diff cannot carry out (please report it with the change to the schema files):"
                + " make it in smaller steps, generating after each, or write it by hand in a migration of its own"
                + " (mvn db:generate -Ddb.custom=true)";
    }

    private GenerateResult nothingChanged(String previousTag, int major) {
        listener.onEvent(ShaleEvent.info("No schema changes: the schema files match the snapshot of "
                + (previousTag == null ? "an empty database" : previousTag) + ". Nothing was written."));
        return GenerateResult.nothingChanged(major);
    }

    private GenerateResult writeCustom(RunSettings s, MigrationDirectory directory, SchemaModel model, String prevId,
                                       TargetVersion target) throws ShaleException {
        String name = s.raw().name() != null ? s.raw().name() : "custom";
        int idx = directory.migrations().stream().mapToInt(Migration::idx).max().orElse(-1) + 1;
        long now = clock.millis();
        boolean journal = directory.layout() != Layout.FOLDERS;
        String tag = journal ? String.format(Locale.ROOT, "%04d_%s", idx, safeName(name))
                : LocalDateTime.ofEpochSecond(now / 1000, 0, ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuuMMddHHmmss"))
                + "_" + safeName(name);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("migration.sql", CUSTOM_SQL);
        files.put("down.sql", CUSTOM_DOWN);
        files.put(Snapshots.SNAPSHOT_JSON, SnapshotJson.write(SchemaSnapshot.of(model, prevId, target.major())));
        Path folder = MigrationWriter.write(s.migrationsDirectory(), tag, idx, now, files, directory.layout());
        listener.onEvent(ShaleEvent.info("Wrote an empty migration for hand-written SQL: "
                + s.projectDirectory().relativize(folder)));
        return new GenerateResult(List.of(tag), List.of(folder), 0, List.of(), true, target.major());
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
        // What goes with a table (its triggers, policies, row-level security, grants) may change with it.
        Set<ObjectKind<?, ?>> withTables = Set.of(ObjectKind.TABLES, ObjectKind.SEQUENCES, ObjectKind.DEPENDENCIES,
                ObjectKind.TRIGGERS, ObjectKind.POLICIES, ObjectKind.ROW_SECURITY, ObjectKind.PRIVILEGES);
        boolean restEqual = independent(from).equals(independent(to)) && ObjectKind.ALL.stream()
                .filter(kind -> !withTables.contains(kind)).allMatch(kind -> from.all(kind).equals(to.all(kind)));
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
}
