package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.SchemaModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordered statements that turn one schema into another. Creates follow a dependency graph,
 * drops run in reverse, foreign keys break cycles by coming last; objects that exist in both get
 * online-safe forms ({@code CREATE INDEX CONCURRENTLY}, {@code NOT VALID} + {@code VALIDATE},
 * {@code SET NOT NULL} through a validated check). The reverse diff renders {@code down.sql}.
 *
 * @param changes     the statements, in execution order
 * @param undecided   rename candidates the decider left undecided; non-empty means {@code changes}
 *                    treats them as drop + create and the caller must stop unless forced
 */
public record SchemaDiff(List<Change> changes, List<RenameCandidate> undecided) {

    public SchemaDiff {
        changes = List.copyOf(changes);
        undecided = List.copyOf(undecided);
    }

    /** For a server of unknown version: only statements every supported PostgreSQL (13 and later) takes. */
    public static SchemaDiff between(SchemaModel from, SchemaModel to, RenameDecider renames) {
        return between(from, to, renames, 0);
    }

    /**
     * @param serverMajorVersion the major version of the server the statements will run on (e.g. 17), or 0
     *                           when unknown; newer servers get in-place forms older ones lack
     */
    public static SchemaDiff between(SchemaModel from, SchemaModel to, RenameDecider renames, int serverMajorVersion) {
        SchemaDiffer differ = SchemaDiffer.run(from, to, renames, serverMajorVersion);
        return new SchemaDiff(differ.plan.changes(), differ.renames.undecided);
    }

    /**
     * The down script's diff: {@code between(to, from, …)} with the renames mirrored, so a table or
     * column the up diff renamed is renamed back. {@code renames} is the decider the up diff was given.
     */
    public static SchemaDiff reverse(SchemaModel from, SchemaModel to, RenameDecider renames) {
        return reverse(from, to, renames, 0);
    }

    /** {@link #reverse(SchemaModel, SchemaModel, RenameDecider)} for a server of the given major version (0: unknown). */
    public static SchemaDiff reverse(SchemaModel from, SchemaModel to, RenameDecider renames, int serverMajorVersion) {
        Renames up = Renames.decide(from, to, renames, new Plan());
        return between(to, from, candidate -> up.reverses(candidate)
                ? RenameDecider.Decision.RENAME : RenameDecider.Decision.DROP_AND_CREATE, serverMajorVersion);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<Change> dataLoss() {
        return changes.stream().filter(Change::losesData).toList();
    }

    /** migration.sql text: hazard comments above each statement, statements separated by breakpoint lines. */
    public String render() {
        List<String> parts = new ArrayList<>();
        for (Change c : changes) {
            StringBuilder part = new StringBuilder();
            c.hazards().forEach(h -> part.append(h.comment()).append('\n'));
            part.append(c.sql());
            parts.add(part.toString());
        }
        return parts.isEmpty() ? "" : String.join("\n--> statement-breakpoint\n", parts) + "\n";
    }
}
