package io.github.shaledb.engine.run;

import io.github.shaledb.engine.diff.Change;
import io.github.shaledb.engine.diff.Hazard;
import io.github.shaledb.engine.diff.SchemaDiff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How db:generate writes its statements as migrations that db:lint passes: cut into consecutive folders where one
 * transaction per migration would defeat the online form, and with the type changes of one table in one statement.
 * The plan's statement order is kept; it is only cut.
 */
final class MigrationSplitter {
    private static final String IDENT = "(?:\"(?:[^\"]|\"\")*\"|[^\\s.\"(),;]+)";
    private static final String QUALIFIED = IDENT + "(?:\\." + IDENT + ")?";
    /** {@code ALTER TABLE|DOMAIN x ADD CONSTRAINT c … NOT VALID;} */
    private static final Pattern ADD_NOT_VALID = Pattern.compile("ALTER (TABLE|DOMAIN) (?:ONLY )?(" + QUALIFIED
            + ") ADD CONSTRAINT (" + IDENT + ") .* NOT VALID;", Pattern.DOTALL);
    /** {@code ALTER TABLE|DOMAIN x VALIDATE CONSTRAINT c;} */
    private static final Pattern VALIDATE = Pattern.compile("ALTER (TABLE|DOMAIN) (?:ONLY )?(" + QUALIFIED
            + ") VALIDATE CONSTRAINT (" + IDENT + ");");
    /** {@code ALTER TABLE x ALTER COLUMN c TYPE …;}: group 1 the statement's head, 2 the action, 3 the column. */
    private static final Pattern TYPE_CHANGE = Pattern.compile("(ALTER TABLE (?:ONLY )?" + QUALIFIED + ") (ALTER COLUMN ("
            + IDENT + ") TYPE .*);", Pattern.DOTALL);

    /** What a folder does, which its tag says after the first folder (which keeps the plain name). */
    enum Kind {
        /** Statements that run in one transaction. */
        STATEMENTS(""),
        /** {@code CREATE/DROP INDEX CONCURRENTLY}: outside a transaction, statement by statement. */
        INDEXES("_indexes"),
        /** Starts with the validation of a constraint added {@code NOT VALID} by the folder before. */
        VALIDATE("_validate");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        String suffix() {
            return suffix;
        }
    }

    /** One folder's statements, in plan order. */
    record Run(Kind kind, List<Change> changes) {
        boolean transactional() {
            return kind != Kind.INDEXES;
        }
    }

    private MigrationSplitter() {
    }

    /**
     * The changes cut into consecutive runs. A run starts before the first {@code CONCURRENTLY} statement after
     * ordinary ones and before the first ordinary one after {@code CONCURRENTLY} ones (such a migration runs outside a
     * transaction, and a failure half-way through a mixed one leaves it half applied); and before a
     * {@code VALIDATE CONSTRAINT} of a constraint its run added {@code NOT VALID} (in one transaction the lock of the
     * {@code ADD} would be held through the validating scan). What needs the validated constraint ({@code SET NOT
     * NULL}, the drop of its helper check) follows the {@code VALIDATE} in its run.
     */
    static List<Run> split(List<Change> changes) {
        List<Run> runs = new ArrayList<>();
        List<Change> current = null;
        Set<String> addedNotValid = new HashSet<>();
        for (Change ch : changes) {
            String validated = key(VALIDATE, ch.sql());
            if (current == null || current.get(0).transactional() != ch.transactional()
                    || validated != null && addedNotValid.contains(validated)) {
                current = new ArrayList<>();
                runs.add(new Run(!ch.transactional() ? Kind.INDEXES
                        : validated != null && !runs.isEmpty() ? Kind.VALIDATE : Kind.STATEMENTS, current));
                addedNotValid.clear();
            }
            current.add(ch);
            String added = key(ADD_NOT_VALID, ch.sql());
            if (added != null) {
                addedNotValid.add(added);
            }
        }
        return runs;
    }

    /** "table public.t c" for a statement the pattern matches, else null. */
    private static String key(Pattern pattern, String sql) {
        Matcher m = pattern.matcher(sql);
        return m.matches() ? m.group(1) + " " + m.group(2) + " " + m.group(3) : null;
    }

    /**
     * The text of a migration.sql or down.sql: {@link SchemaDiff#render()} of the changes with consecutive type changes
     * of one table combined; a script with no statement gets one that does nothing, with {@code why} above it, as
     * db:rollback refuses a down.sql without statements.
     */
    static String render(List<Change> changes, String why) {
        if (changes.isEmpty()) {
            return "-- Nothing to undo: " + why + "\n-- db:rollback needs a statement, and this one changes nothing.\n"
                    + "SELECT 1;\n";
        }
        return new SchemaDiff(combined(changes), List.of()).render();
    }

    /**
     * Consecutive {@code ALTER TABLE t ALTER COLUMN … TYPE …} statements of one table, each on another column, as one
     * {@code ALTER TABLE} with several actions: PostgreSQL rewrites the table once for all of them instead of once
     * each. Safe as the diff writes them: each {@code USING} reads only its own column, which in one statement is
     * read from the row before any change, as it would be in its own statement.
     */
    static List<Change> combined(List<Change> changes) {
        List<Change> out = new ArrayList<>();
        String head = null;
        Set<String> columns = new HashSet<>();
        List<String> actions = new ArrayList<>();
        Set<Hazard> hazards = new LinkedHashSet<>();
        for (Change ch : changes) {
            Matcher m = ch.transactional() ? TYPE_CHANGE.matcher(ch.sql()) : null;
            boolean typeChange = m != null && m.matches();
            if (typeChange && m.group(1).equals(head) && columns.add(m.group(3))) {
                actions.add(m.group(2));
                hazards.addAll(ch.hazards());
                out.set(out.size() - 1, new Change(head + " " + String.join(", ", actions) + ";", true,
                        List.copyOf(hazards)));
                continue;
            }
            out.add(ch);
            head = typeChange ? m.group(1) : null;
            columns.clear();
            actions.clear();
            hazards.clear();
            if (typeChange) {
                columns.add(m.group(3));
                actions.add(m.group(2));
                hazards.addAll(ch.hazards());
            }
        }
        return out;
    }
}
