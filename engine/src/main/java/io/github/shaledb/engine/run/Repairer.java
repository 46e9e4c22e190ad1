package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.RepairResult;
import io.github.shaledb.engine.api.RepairResult.Change;
import io.github.shaledb.engine.api.RepairResult.Duplicate;
import io.github.shaledb.engine.api.RepairResult.Forgotten;
import io.github.shaledb.engine.api.RepairResult.Rerecorded;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.api.StatusResult.State;
import io.github.shaledb.engine.lock.AdvisoryLock;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.tracking.AppliedRow;
import io.github.shaledb.engine.tracking.TrackingTable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code repair} verb (Flyway's {@code repair}, Liquibase's {@code clearCheckSums}): re-records the hash of
 * applied migrations whose file was edited, after showing the edit; removes the tracking rows named in
 * {@code db.forget} of migrations no longer on disk, and the later copies of a migration recorded twice. Everything
 * is checked before anything changes, and the changes are one transaction under the migration lock. No migration
 * runs: only the tracking table changes.
 */
public final class Repairer {
    private final ShaleListener listener;

    public Repairer(ShaleListener listener) {
        this.listener = listener;
    }

    private record Edit(MigrationPlan.Entry entry, Rerecorded rerecorded) {
    }

    private record Plan(List<Edit> edits, List<AppliedRow> forget, List<Duplicate> duplicates, List<String> missing) {
    }

    public RepairResult repair(RunSettings s) throws ShaleException {
        MigrationDirectory directory = MigrationDirectory.read(s.migrationsDirectory());
        Set<String> forget = forgetTags(s);
        TrackingTable tracking = new TrackingTable(s.trackingSchema(), s.trackingTable());
        try (DatabaseSession session = DatabaseSession.open(s, listener)) {
            Connection c = session.connection();
            if (s.dryRun()) {
                return run(s, c, directory, tracking, forget);
            }
            try (AdvisoryLock ignored = AdvisoryLock.acquire(c, s.lockKey(), s.lockTimeout(), listener,
                    () -> DatabaseSession.openProbe(s, c))) {
                return run(s, c, directory, tracking, forget);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Reading or writing the tracking table " + tracking.qualifiedName()
                    + " failed: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "). Nothing was changed.",
                    "check that the user may write " + tracking.qualifiedName()
                            + " (or point db.trackingSchema/db.trackingTable at the table the migrations are recorded in)", e);
        }
    }

    private RepairResult run(RunSettings s, Connection c, MigrationDirectory directory, TrackingTable tracking,
                             Set<String> forgetTags) throws ShaleException, SQLException {
        List<AppliedRow> rows = tracking.rows(c);
        if (rows.isEmpty()) {
            checkForget(s, forgetTags, directory, tracking, List.of());
            listener.onEvent(ShaleEvent.info("Nothing to repair: " + tracking.qualifiedName() + " records no migration."));
            return new RepairResult(List.of(), List.of(), List.of(), List.of(), s.dryRun());
        }
        Plan plan = plan(s, c, directory, tracking, rows, forgetTags);
        for (String tag : plan.missing()) {
            listener.onEvent(ShaleEvent.warn("Applied migration " + tag + " is not in " + s.migrationsDirectory()
                    + "; its tracking row is left as it is. If its folder was deleted on purpose (it is not from a newer"
                    + " build), pass -Ddb.forget=" + tag + " to remove the row."));
        }
        List<Rerecorded> rerecorded = plan.edits().stream().map(Edit::rerecorded).toList();
        List<Forgotten> forgotten = plan.forget().stream().map(r -> new Forgotten(label(r), r.hash())).toList();
        RepairResult result = new RepairResult(rerecorded, forgotten, plan.duplicates(), plan.missing(), s.dryRun());
        if (result.nothingRepaired()) {
            listener.onEvent(ShaleEvent.info("Nothing to repair: every applied migration matches its file"
                    + (plan.missing().isEmpty() ? "" : " or is left as it is") + ", and none is recorded twice."));
            return result;
        }
        if (s.dryRun()) {
            return result;
        }
        c.setAutoCommit(false);
        try {
            for (Duplicate duplicate : plan.duplicates()) {
                for (int id : duplicate.removedIds()) {
                    tracking.delete(c, id);
                }
            }
            // The guard could not be added while a name was recorded twice; an older table also lacks up_sql.
            tracking.ensure(c);
            for (Edit edit : plan.edits()) {
                Migration m = edit.entry().migration();
                tracking.updateHash(c, edit.entry().row().id(), m.hash(), m.sql());
            }
            for (AppliedRow row : plan.forget()) {
                tracking.delete(c, row.id());
            }
            c.commit();
        } finally {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return result;
    }

    /** Reads and checks everything, shows each edit, and refuses what needs db.force; changes nothing. */
    private Plan plan(RunSettings s, Connection c, MigrationDirectory directory, TrackingTable tracking,
                      List<AppliedRow> rows, Set<String> forgetTags) throws ShaleException, SQLException {
        Map<String, List<AppliedRow>> byName = new LinkedHashMap<>();
        for (AppliedRow row : rows) {
            if (row.name() != null) {
                byName.computeIfAbsent(row.name(), n -> new ArrayList<>()).add(row);
            }
        }
        List<Duplicate> duplicates = new ArrayList<>();
        Set<Integer> removed = new LinkedHashSet<>();
        for (Map.Entry<String, List<AppliedRow>> e : byName.entrySet()) {
            List<AppliedRow> copies = e.getValue();
            if (copies.size() > 1) {
                List<Integer> later = copies.subList(1, copies.size()).stream().map(AppliedRow::id).toList();
                duplicates.add(new Duplicate(e.getKey(), copies.get(0).id(), later));
                removed.addAll(later);
                listener.onEvent(ShaleEvent.warn(e.getKey() + " is recorded " + copies.size() + " times in "
                        + tracking.qualifiedName() + " (rows " + copies.stream().map(r -> String.valueOf(r.id())).toList()
                        + "); " + (s.dryRun() ? "would keep" : "keeping") + " row " + copies.get(0).id()
                        + " and " + (s.dryRun() ? "remove" : "removing") + " " + later + "."));
            }
        }
        List<AppliedRow> kept = rows.stream().filter(r -> !removed.contains(r.id())).toList();
        MigrationPlan migrations = MigrationPlan.of(directory.migrations(), kept);
        List<AppliedRow> forget = checkForget(s, forgetTags, directory, tracking, migrations.missing());
        List<String> missing = migrations.missing().stream().filter(r -> !forget.contains(r)).map(Repairer::label).toList();

        List<Edit> edits = new ArrayList<>();
        for (MigrationPlan.Entry entry : migrations.withState(State.MODIFIED)) {
            edits.add(edit(c, tracking, entry));
        }
        List<Edit> refused = edits.stream().filter(e -> e.rerecorded().change() != Change.COMMENTS_OR_WHITESPACE).toList();
        if (!refused.isEmpty() && !s.force()) {
            throw refusal(tracking, refused);
        }
        return new Plan(edits, forget, duplicates, missing);
    }

    /** Compares the file with the script as applied and shows the difference. */
    private Edit edit(Connection c, TrackingTable tracking, MigrationPlan.Entry entry) throws SQLException {
        Migration m = entry.migration();
        AppliedRow row = entry.row();
        String applied = tracking.upScript(c, row.id());
        if (applied != null && !sha256(applied).equals(row.hash())) {
            // Not the text the recorded hash was computed from: comparing with it would prove nothing.
            listener.onEvent(ShaleEvent.debug("The script stored with " + m.tag() + " does not have its recorded hash; ignoring it."));
            applied = null;
        }
        Change change;
        List<String> diff;
        if (applied == null) {
            change = Change.NOT_STORED;
            diff = List.of();
            listener.onEvent(ShaleEvent.warn(m.tag() + " (" + m.file() + ") has hash " + m.hash() + ", not the recorded "
                    + row.hash() + "; the script as applied is not stored in " + tracking.qualifiedName()
                    + " (it was recorded by drizzle or an older Shale), so what changed cannot be shown."));
        } else {
            change = SqlScript.parse(applied).normalizedStatements().equals(SqlScript.parse(m.sql()).normalizedStatements())
                    ? Change.COMMENTS_OR_WHITESPACE : Change.STATEMENTS;
            diff = LineDiff.unified(applied, m.sql());
            listener.onEvent(ShaleEvent.info(m.tag() + " (" + m.file() + ") changed since it was applied"
                    + (change == Change.COMMENTS_OR_WHITESPACE ? ", in comments or whitespace only" : ", and its statements differ")
                    + ":"));
            listener.onEvent(ShaleEvent.info("--- " + m.tag() + " as applied"));
            listener.onEvent(ShaleEvent.info("+++ " + m.file()));
            diff.forEach(line -> listener.onEvent(ShaleEvent.info(line)));
        }
        return new Edit(entry, new Rerecorded(m.tag(), m.file(), row.hash(), m.hash(), change, diff));
    }

    private static MigrationFileException refusal(TrackingTable tracking, List<Edit> refused) {
        List<String> reasons = new ArrayList<>();
        for (Edit edit : refused) {
            Rerecorded r = edit.rerecorded();
            reasons.add(r.tag() + " (" + r.file() + "): " + (r.change() == Change.STATEMENTS
                    ? "its statements differ from those applied"
                    : "the script as applied is not stored in " + tracking.qualifiedName() + ", so the edit cannot be"
                    + " checked to be comments or whitespace only"));
        }
        return new MigrationFileException(refused.size() == 1 ? refused.get(0).rerecorded().file() : null,
                "db:repair did not re-record " + refused.size() + " edited migration(s), and changed nothing: "
                        + String.join("; ", reasons) + ". The database has the statements as they were applied, not as"
                        + " the file now reads.",
                "restore the file as it was applied (see its git history) and put the change in a new migration; or,"
                        + " if the database already has the edited statements' effect, pass -Ddb.force=true to record"
                        + " the file as it is");
    }

    /** The rows db.forget names; each must be applied and absent on disk. */
    private static List<AppliedRow> checkForget(RunSettings s, Set<String> tags, MigrationDirectory directory,
                                                TrackingTable tracking, List<AppliedRow> missing)
            throws ConfigurationException {
        List<AppliedRow> rows = new ArrayList<>();
        for (String tag : tags) {
            AppliedRow row = missing.stream().filter(r -> tag.equals(r.name()) || tag.equals("#" + r.id())).findFirst()
                    .orElse(null);
            if (row != null) {
                rows.add(row);
            } else if (directory.find(tag).isPresent()) {
                throw new ConfigurationException("db.forget", "db.forget names " + tag + ", which is still in "
                        + s.migrationsDirectory() + "; db:repair forgets only migrations whose folder is gone. Nothing"
                        + " was changed.", "remove " + tag + " from db.forget; to undo an applied migration run"
                        + " 'mvn db:rollback', or delete its folder and journal entry first if it should no longer exist");
            } else {
                List<String> candidates = missing.stream().map(Repairer::label).toList();
                throw new ConfigurationException("db.forget", "db.forget names " + tag + ", which "
                        + tracking.qualifiedName() + " does not record as applied. Nothing was changed.",
                        candidates.isEmpty() ? "remove " + tag + " from db.forget: no recorded migration is missing on disk"
                                : "give the tag of an applied migration that is no longer on disk: "
                                + String.join(", ", candidates));
            }
        }
        return rows;
    }

    private static Set<String> forgetTags(RunSettings s) {
        Set<String> tags = new LinkedHashSet<>();
        if (s.raw().forget() != null) {
            for (String tag : s.raw().forget()) {
                if (tag != null && !tag.isBlank()) {
                    tags.add(tag.strip());
                }
            }
        }
        return tags;
    }

    /** The row's name, or {@code #id} for a nameless row of drizzle-orm 0.x. */
    private static String label(AppliedRow row) {
        return row.name() == null ? "#" + row.id() : row.name();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
