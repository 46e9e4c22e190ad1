package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.DataLossException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.PushResult;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.diff.Change;
import io.github.shaledb.engine.diff.Hazard;
import io.github.shaledb.engine.diff.RenameCandidate;
import io.github.shaledb.engine.diff.SchemaDiff;
import io.github.shaledb.engine.introspect.Introspector;
import io.github.shaledb.engine.lock.AdvisoryLock;
import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.sql.SqlScript;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code push} verb: make the database match the schema files directly, without a migration or
 * a tracking row. For local development. Data loss needs a yes at the terminal or {@code db.force}.
 */
public final class Pusher {
    private final ShaleListener listener;

    public Pusher(ShaleListener listener) {
        this.listener = listener;
    }

    /** @param confirmation asks about renames and data loss; null in batch mode */
    public PushResult push(RunSettings s, Confirmation confirmation) throws ShaleException {
        Renames renames = Renames.of(s.raw().renames(), confirmation, s.force());
        SchemaModel desired;
        try (ShadowDatabase shadow = ShadowDatabase.start(s, listener)) {
            desired = shadow.desired();
            UnmanagedObjects.warn(shadow.unmanaged(), s, listener, UnmanagedObjects.PUSH);
        }
        try (DatabaseSession session = DatabaseSession.open(s, listener)) {
            Connection c = session.connection();
            try (AdvisoryLock ignored = AdvisoryLock.acquire(c, s.lockKey(), s.lockTimeout(), listener, () -> DatabaseSession.openProbe(s, c))) {
                SchemaModel live = Introspector.introspect(c, s.schemas(),
                        s.trackingTables());
                SchemaDiff diff = SchemaDiff.between(live, desired, renames, c.getMetaData().getDatabaseMajorVersion());
                if (!s.dryRun()) {
                    Renames.requireDecided(diff, "db:push");
                }
                renames.warnUnused(listener);
                if (diff.isEmpty()) {
                    listener.onEvent(ShaleEvent.info("The database already matches the schema files; nothing to push."));
                    return new PushResult("", 0, List.of(), false, s.dryRun());
                }
                List<String> undecided = diff.undecided().stream().map(RenameCandidate::hint).toList();
                String plan = diff.render();
                listener.onEvent(ShaleEvent.info("Plan (" + diff.changes().size() + " statement"
                        + (diff.changes().size() == 1 ? "" : "s") + "):"));
                plan.lines().forEach(line -> listener.onEvent(ShaleEvent.info("  " + line)));
                List<String> losses = losses(c, live, desired, diff);
                if (s.dryRun()) {
                    losses.forEach(l -> listener.onEvent(ShaleEvent.warn("Would lose data: " + l)));
                    openQuestions(diff);
                    return new PushResult(plan, diff.changes().size(), losses, false, true, undecided);
                }
                if (!losses.isEmpty()) {
                    losses.forEach(l -> listener.onEvent(ShaleEvent.warn("Data loss: " + l)));
                    boolean accepted = s.force() || (confirmation != null
                            && confirmation.confirm("Apply the plan and lose this data?"));
                    if (!accepted) {
                        throw new DataLossException("db:push would lose data, so nothing was applied:"
                                + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", losses),
                                "to apply the plan anyway, run again with -Ddb.force=true (or answer yes at the terminal);"
                                        + " to keep the data, change the schema files or move the data first", losses);
                    }
                }
                apply(s, c, diff);
                return new PushResult(plan, diff.changes().size(), losses, true, false);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("Reading the live database failed: " + e.getMessage(), null, e);
        }
    }

    /**
     * A dry run does not stop at rename candidates nobody decided: its plan drops and creates them, and each is named
     * with its question and the hint that makes it a rename, so the real run can be given the answer.
     */
    private void openQuestions(SchemaDiff diff) {
        if (diff.undecided().isEmpty()) {
            return;
        }
        listener.onEvent(ShaleEvent.warn("Open question" + (diff.undecided().size() == 1 ? "" : "s") + ": the plan above"
                + " drops and creates " + (diff.undecided().size() == 1 ? "this" : "these") + "; a run without an answer"
                + " stops before applying anything:"));
        for (RenameCandidate c : diff.undecided()) {
            listener.onEvent(ShaleEvent.warn("  " + c.question() + " To rename: -Ddb.renames=" + c.hint()));
        }
        String all = String.join(",", diff.undecided().stream().map(RenameCandidate::hint).toList());
        listener.onEvent(ShaleEvent.warn("Pass -Ddb.renames=" + all + " to rename " + (diff.undecided().size() == 1
                ? "it" : "them all") + ", or -Ddb.force=true to drop and create (losing the old data)."));
    }

    /**
     * The transactional statements in one transaction, then the non-transactional tail (CONCURRENTLY) one by
     * one. When the diff puts a statement after the tail that needs it (a constraint USING INDEX on an index
     * built CONCURRENTLY), order wins: each run of transactional statements gets its own transaction.
     */
    private void apply(RunSettings s, Connection c, SchemaDiff diff) throws ShaleException, SQLException {
        ScriptRunner runner = new ScriptRunner(c, s.projectDirectory(), null, listener);
        List<List<Change>> segments = new ArrayList<>();
        for (Change ch : diff.changes()) {
            List<Change> last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && last.get(0).transactional() == ch.transactional()) {
                last.add(ch);
            } else {
                segments.add(new ArrayList<>(List.of(ch)));
            }
        }
        int done = 0;
        for (List<Change> segment : segments) {
            String already = done == 0 ? "" : " " + done + " earlier statement(s) of the plan had already been applied.";
            if (segment.get(0).transactional()) {
                c.setAutoCommit(false);
                try {
                    runner.run("db:push", Path.of("push plan"), script(segment), true,
                            "This transaction of the push was rolled back." + (done == 0 ? " Nothing was changed." : already));
                    c.commit();
                } finally {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                        c.setAutoCommit(true);
                    }
                }
            } else {
                runner.run("db:push (outside a transaction)", Path.of("push plan"), script(segment), false, already);
            }
            done += segment.size();
        }
    }

    private static SqlScript script(List<Change> changes) {
        StringBuilder text = new StringBuilder();
        for (Change ch : changes) {
            text.append(ch.sql()).append(ch.sql().strip().endsWith(";") ? "" : ";").append("\n--> statement-breakpoint\n");
        }
        return SqlScript.parse(text.toString());
    }

    /**
     * What the plan would really lose, checked on the live data: a dropped table only when it has rows,
     * a dropped column only when it holds a value; other data-loss statements (narrowing types, removed
     * enum values) always; and NOT NULL over existing nulls, which would fail.
     */
    private List<String> losses(Connection c, SchemaModel live, SchemaModel desired, SchemaDiff diff) throws SQLException {
        List<String> out = new ArrayList<>();
        List<Change> lossy = diff.dataLoss();
        List<Change> harmless = new ArrayList<>();
        for (Table t : live.tables()) {
            if (desired.table(t.name()).isEmpty() && t.partitionOf() == null) {
                List<Change> drops = matching(lossy, "DROP TABLE", t.name().name());
                if (!drops.isEmpty()) {
                    long rows = count(c, "select count(*) from " + q(t.name()));
                    if (rows > 0) {
                        out.add("table " + t.name() + " has " + rows + " row(s)");
                    }
                    harmless.addAll(drops);
                }
                continue;
            }
            Table want = desired.table(t.name()).orElse(null);
            if (want == null) {
                continue;
            }
            for (Column col : t.columns()) {
                var wantCol = want.column(col.name());
                if (wantCol.isEmpty()) {
                    List<Change> drops = matching(lossy, "DROP COLUMN", col.name());
                    if (!drops.isEmpty()) {
                        long values = count(c, "select count(*) from " + q(t.name()) + " where " + q(col.name()) + " is not null");
                        if (values > 0) {
                            out.add("column " + t.name() + "." + col.name() + " holds " + values + " value(s)");
                        }
                        harmless.addAll(drops);
                    }
                } else if (wantCol.get().notNull() && !col.notNull()) {
                    long nulls = count(c, "select count(*) from " + q(t.name()) + " where " + q(col.name()) + " is null");
                    if (nulls > 0) {
                        out.add("column " + t.name() + "." + col.name() + " becomes NOT NULL but " + nulls
                                + " row(s) hold null there (the statement would fail)");
                    }
                }
            }
        }
        for (Change ch : lossy) {
            if (!harmless.contains(ch)) {
                ch.hazards().stream().filter(h -> h.kind() == Hazard.Kind.DATA_LOSS)
                        .forEach(h -> out.add(h.description()));
            }
        }
        return out;
    }

    private static List<Change> matching(List<Change> changes, String verb, String name) {
        return changes.stream().filter(ch -> ch.sql().toUpperCase(java.util.Locale.ROOT).contains(verb)
                && (ch.sql().contains("\"" + name + "\"") || ch.sql().matches("(?s).*[\\s.]" + java.util.regex.Pattern.quote(name) + "\\b.*")))
                .toList();
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String q(QualifiedName name) {
        return q(name.schema()) + "." + q(name.name());
    }

    private static String q(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
