package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.StudioNextChange;
import io.github.shaledb.engine.diff.Change;
import io.github.shaledb.engine.diff.Hazard;
import io.github.shaledb.engine.diff.RenameCandidate;
import io.github.shaledb.engine.diff.RenameDecider;
import io.github.shaledb.engine.diff.SchemaDiff;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.migrations.MigrationDirectory;
import io.github.shaledb.engine.run.Snapshots;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.SchemaSnapshot;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The next-change page: the schema files against the database (db:push) and against the last snapshot (db:generate). */
final class NextChangeView {
    /** What a statement is about: its verb's object kind and name, e.g. {@code TABLE "public"."orders"}. */
    private static final Pattern SUBJECT = Pattern.compile("(?is)^\\s*(?:CREATE(?:\\s+OR\\s+REPLACE)?|ALTER|DROP|COMMENT\\s+ON)"
            + "\\s+((?:UNIQUE\\s+)?(?:MATERIALIZED\\s+VIEW|EVENT\\s+TRIGGER|DEFAULT\\s+PRIVILEGES|[A-Z]+)"
            + "(?:\\s+CONCURRENTLY)?)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?((?:\"(?:[^\"]|\"\")*\"|[\\w$]+)(?:\\.(?:\"(?:[^\"]|\"\")*\"|[\\w$]+))?)");

    private NextChangeView() {
    }

    /**
     * @param desired   the model of the schema files
     * @param unmanaged what the schema files hold that Shale does not manage, one line each
     * @param live      the model of the database
     */
    static StudioNextChange of(SchemaModel desired, List<String> unmanaged, SchemaModel live, Path migrations, int major)
            throws ShaleException {
        SchemaDiff push = SchemaDiff.between(live, desired, RenameDecider.NONE, major);
        MigrationDirectory directory = MigrationDirectory.read(migrations);
        List<Migration> history = directory.migrations();
        SchemaModel base = SchemaModel.EMPTY;
        String baseTag = null;
        if (!history.isEmpty()) {
            Migration last = history.get(history.size() - 1);
            SchemaSnapshot snapshot = Snapshots.readIfPresent(last);
            baseTag = last.tag();
            base = snapshot == null ? null : snapshot.model();
        }
        SchemaDiff generate = base == null ? null : SchemaDiff.between(base, desired, RenameDecider.NONE, major);
        Set<String> undecided = new LinkedHashSet<>();
        push.undecided().stream().map(RenameCandidate::hint).forEach(undecided::add);
        if (generate != null) {
            generate.undecided().stream().map(RenameCandidate::hint).forEach(undecided::add);
        }
        return new StudioNextChange(null, steps(push), generate == null ? List.of() : steps(generate),
                baseTag, List.copyOf(undecided), unmanaged);
    }

    static StudioNextChange unavailable(String reason) {
        return new StudioNextChange(reason, List.of(), List.of(), null, List.of(), List.of());
    }

    private static List<StudioNextChange.Step> steps(SchemaDiff diff) {
        return diff.changes().stream().map(c -> new StudioNextChange.Step(subject(c.sql()), c.sql(),
                c.hazards().stream().map(NextChangeView::hazard).toList())).toList();
    }

    private static String hazard(Hazard h) {
        return h.kind() + ": " + h.description();
    }

    /** {@code TABLE "public"."orders"} for a statement about that table; else its first line. */
    static String subject(String sql) {
        Matcher m = SUBJECT.matcher(sql);
        if (m.find()) {
            return m.group(1).replaceAll("\\s+", " ").toUpperCase(java.util.Locale.ROOT).replace(" CONCURRENTLY", "")
                    .replace("UNIQUE ", "") + " " + m.group(2);
        }
        return sql.strip().lines().findFirst().orElse("");
    }
}
