package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Sequence;
import io.github.shaledb.engine.schema.SequenceOptions;
import io.github.shaledb.engine.schema.Table;

import java.util.Objects;

import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/** Sequences of their own; the owned and identity ones come and go with their columns (see {@link TableDiff}). */
final class SequenceDiff extends KindDiff {


    SequenceDiff(SchemaDiffer differ) {
        super(differ);
    }

    @Override
    public void run() {
        diffSequences();
    }

    private void diffSequences() {
        for (Sequence s : to.sequences()) {
            if (s.identity()) {
                continue; // created and changed with its identity column
            }
            Sequence old = from.sequences().stream().filter(o -> differ.sequenceName(o.name()).equals(s.name())).findFirst()
                    .filter(o -> o.ownedBy() == null || !ownerGoes(o)).orElse(null);
            boolean afterDropIdentity = false;
            if (old != null && old.identity()) {
                // An identity's sequence of this name goes with the identity; the table diff creates this one
                // right after its DROP IDENTITY.
                afterDropIdentity = identityDropped(old);
                old = null;
            }
            if (old == null && !afterDropIdentity) {
                plan.add(Phase.SEQUENCES, createSequence(differ, s));
            } else if (old != null && !old.options().equals(s.options())) {
                plan.add(Phase.SEQUENCES, "ALTER SEQUENCE " + qualified(s.name()) + sequenceOptions(s.options())
                        + restart(old.options(), s.options()));
            }
            if (s.ownedBy() != null && (old == null || !Objects.equals(old.ownedBy(), s.ownedBy()))) {
                plan.add(Phase.SEQUENCE_OWNERSHIP, "ALTER SEQUENCE " + qualified(s.name()) + " OWNED BY "
                        + qualified(s.ownedBy().table()) + "." + quote(s.ownedBy().column()));
            } else if (s.ownedBy() == null && old != null && old.ownedBy() != null) {
                plan.add(Phase.SEQUENCE_OWNERSHIP, "ALTER SEQUENCE " + qualified(s.name()) + " OWNED BY NONE");
            }
            differ.comment(() -> "SEQUENCE " + qualified(s.name()), old == null ? null : old.comment(), s.comment());
        }
        for (Sequence s : from.sequences()) {
            if (s.identity() || differ.sequenceRenames.containsKey(s.name()) || to.sequence(s.name()).isPresent()) {
                continue;
            }
            if (s.ownedBy() != null && ownerGoes(s)) {
                continue; // dropped with its column
            }
            plan.add(Phase.DROP_SEQUENCES, "DROP SEQUENCE " + qualified(s.name()));
        }
    }

    /**
     * {@code CREATE SEQUENCE}; {@code UNLOGGED} (PostgreSQL 15+) for a sequence owned by a column of an unlogged
     * table, as {@code serial} in such a table makes it.
     */
    static String createSequence(SchemaDiffer differ, Sequence s) {
        boolean unlogged = differ.serverMajorVersion >= 15 && s.ownedBy() != null
                && differ.to.table(s.ownedBy().table()).map(Table::unlogged).orElse(false);
        return "CREATE " + (unlogged ? "UNLOGGED " : "") + "SEQUENCE " + qualified(s.name()) + sequenceOptions(s.options());
    }

    /** Whether the identity sequence's column stays but loses its identity (DROP IDENTITY drops the sequence). */
    private boolean identityDropped(Sequence identitySequence) {
        if (identitySequence.ownedBy() == null) {
            return false;
        }
        Table old = from.table(identitySequence.ownedBy().table()).orElse(null);
        Table table = to.table(identitySequence.ownedBy().table()).orElse(null);
        return old != null && table != null && !TableDiff.recreated(old, table)
                && table.column(identitySequence.ownedBy().column()).map(c -> c.identity() == null).orElse(false);
    }

    /** Whether the owning column is dropped, or its table dropped or recreated: that drops the sequence with it. */
    private boolean ownerGoes(Sequence s) {
        Table table = to.table(s.ownedBy().table()).orElse(null);
        return table == null || table.column(s.ownedBy().column()).isEmpty()
                || TableDiff.recreated(from.table(s.ownedBy().table()).orElse(null), table);
    }

    /**
     * {@code RESTART} when the old start lies outside the new bounds: the sequence's current value is then
     * most likely outside them too, and PostgreSQL refuses the change without a restart.
     */
    static String restart(SequenceOptions old, SequenceOptions next) {
        return old.start() < next.min() || old.start() > next.max() ? " RESTART" : "";
    }

    static String sequenceOptions(SequenceOptions o) {
        return " AS " + o.type() + identityOptions(o);
    }

    /** The options an identity column takes in parentheses, and a sequence after its name (without AS). */
    static String identityOptions(SequenceOptions o) {
        return " INCREMENT BY " + o.increment() + " MINVALUE " + o.min() + " MAXVALUE " + o.max()
                + " START WITH " + o.start() + " CACHE " + o.cache() + (o.cycle() ? " CYCLE" : " NO CYCLE");
    }

}
