package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.ShaleEvent;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.diff.RenameCandidate;
import io.github.shaledb.engine.diff.RenameDecider;
import io.github.shaledb.engine.diff.SchemaDiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides rename candidates, never by guessing: a {@code db.renames} hint, else the person at the
 * keyboard, else drop + create when forced, else undecided (the caller stops). Each candidate is
 * decided once, so the reverse diff ({@code down.sql}) does not ask again.
 */
final class Renames implements RenameDecider {
    private static final Pattern IDENTIFIER = Pattern.compile("[^\\s.:,]+");
    static final String RENAME = "rename";
    static final String CREATE = "create";

    private final Set<String> hints;
    private final Set<String> used = new LinkedHashSet<>();
    private final Confirmation confirmation;
    private final boolean force;
    private final Map<String, Decision> decided = new LinkedHashMap<>();

    private Renames(Set<String> hints, Confirmation confirmation, boolean force) {
        this.hints = hints;
        this.confirmation = confirmation;
        this.force = force;
    }

    /**
     * @param confirmation asks interactively; null when there is nobody to ask (batch mode)
     */
    static Renames of(String renames, Confirmation confirmation, boolean force) throws ConfigurationException {
        return new Renames(parse(renames), confirmation, force);
    }

    /** {@code users.name:full_name,orders:purchases}: each entry {@code table.old:new} or {@code oldtable:newtable}. */
    static Set<String> parse(String renames) throws ConfigurationException {
        Set<String> hints = new LinkedHashSet<>();
        if (renames == null || renames.isBlank()) {
            return hints;
        }
        for (String raw : renames.split(",")) {
            String hint = raw.trim();
            if (hint.isEmpty()) {
                continue;
            }
            String[] sides = hint.split(":", -1);
            String[] left = sides[0].split("\\.", -1);
            boolean ok = sides.length == 2 && IDENTIFIER.matcher(sides[1]).matches() && left.length <= 2;
            for (String part : left) {
                ok &= IDENTIFIER.matcher(part).matches();
            }
            if (!ok) {
                throw new ConfigurationException("db.renames", "db.renames entry '" + hint + "' is not a rename hint.",
                        "write table.old_column:new_column for a column and old_table:new_table for a table,"
                                + " comma-separated, e.g. -Ddb.renames=users.name:full_name,orders:purchases");
            }
            hints.add(hint);
        }
        return hints;
    }

    @Override
    public Decision decide(RenameCandidate candidate) {
        // Asked once: the reverse diff for down.sql meets the same candidates again.
        return decided.computeIfAbsent(key(candidate.kind(), candidate.table().toString(), candidate.from(), candidate.to()),
                k -> decideOnce(candidate));
    }

    private Decision decideOnce(RenameCandidate candidate) {
        if (hints.contains(candidate.hint())) {
            used.add(candidate.hint());
            return Decision.RENAME;
        }
        if (confirmation != null) {
            String answer = confirmation.choose(candidate.question(), answers(candidate));
            // No answer (end of input) is no decision: generate and push stop with the hint, never drop on their own.
            return RENAME.equals(answer) ? Decision.RENAME : CREATE.equals(answer) ? Decision.DROP_AND_CREATE
                    : Decision.UNDECIDED;
        }
        return force ? Decision.DROP_AND_CREATE : Decision.UNDECIDED;
    }

    /** The two answers to a rename candidate, each saying what it does to the data. */
    static Map<String, String> answers(RenameCandidate c) {
        String what = c.kind() == RenameCandidate.Kind.TABLE ? "table" : "column";
        String old = c.kind() == RenameCandidate.Kind.TABLE ? c.table().schema() + "." + c.from() : c.table() + "." + c.from();
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(RENAME, "rename " + old + " to " + c.to() + ", keeping its data");
        answers.put(CREATE, "drop " + old + " and its data, and create " + c.to() + " as a new, empty " + what);
        return answers;
    }

    private static String key(RenameCandidate.Kind kind, String table, String from, String to) {
        return kind.name() + "\u0000" + table + "\u0000" + from + "\u0000" + to;
    }

    /** Warns about hints that matched no candidate: a typo there would otherwise silently drop data. */
    void warnUnused(ShaleListener listener) {
        for (String hint : hints) {
            if (!used.contains(hint)) {
                listener.onEvent(ShaleEvent.warn("db.renames hint " + hint + " matches no table or column that"
                        + " disappears while another appears; it was not used."));
            }
        }
    }

    /** Stops when a candidate is undecided: names each and the exact hint that accepts them all. */
    static void requireDecided(SchemaDiff diff, String goal) throws ConfigurationException {
        if (diff.undecided().isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (RenameCandidate c : diff.undecided()) {
            lines.add("  " + c.question());
        }
        String hint = String.join(",", diff.undecided().stream().map(RenameCandidate::hint).toList());
        throw new ConfigurationException("db.renames", goal + " cannot tell a rename from a drop and a create, and"
                + " nobody can be asked in batch mode:" + System.lineSeparator() + String.join(System.lineSeparator(), lines),
                "to rename, pass -Ddb.renames=" + hint + " ; to drop and create instead (losing the old data), pass"
                        + " -Ddb.force=true");
    }
}
