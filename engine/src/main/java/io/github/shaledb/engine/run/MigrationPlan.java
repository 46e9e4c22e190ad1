package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.StatusResult.State;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.tracking.AppliedRow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Disk migrations matched against the tracking table. A migration is applied when a row carries its
 * tag (or, for drizzle-orm 0.x rows without a name, its {@code when} or hash) — not when it is older
 * than the newest row, so migrations merged from another branch are never skipped silently. A row
 * named after a journal tag ({@code 0000_x}) also matches the folder {@code drizzle-kit up} moved it to.
 */
final class MigrationPlan {

    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    record Entry(Migration migration, AppliedRow row, State state) {
    }

    private final List<Entry> entries;
    private final List<AppliedRow> missing;

    private MigrationPlan(List<Entry> entries, List<AppliedRow> missing) {
        this.entries = entries;
        this.missing = missing;
    }

    static MigrationPlan of(List<Migration> migrations, List<AppliedRow> rows) {
        Set<String> tags = new HashSet<>();
        for (Migration m : migrations) {
            tags.add(m.tag());
        }
        Map<String, AppliedRow> byName = new HashMap<>();
        Map<String, AppliedRow> byUpgradedName = new HashMap<>();
        List<AppliedRow> nameless = new ArrayList<>();
        for (AppliedRow row : rows) {
            if (row.name() == null) {
                nameless.add(row);
            } else {
                byName.putIfAbsent(row.name(), row);
                if (!tags.contains(row.name()) && row.createdAt() != null) {
                    byUpgradedName.putIfAbsent(upgradedName(row.name(), row.createdAt()), row);
                }
            }
        }
        Set<Integer> matched = new HashSet<>();
        List<AppliedRow> matches = new ArrayList<>(migrations.size());
        int lastApplied = -1;
        for (int i = 0; i < migrations.size(); i++) {
            Migration m = migrations.get(i);
            AppliedRow row = byName.get(m.tag());
            if (row == null) {
                row = byUpgradedName.get(m.tag());
            }
            if (row == null && !nameless.isEmpty()) {
                row = matchNameless(m, nameless, matched);
            }
            if (row != null) {
                matched.add(row.id());
                lastApplied = i;
            }
            matches.add(row);
        }
        List<Entry> entries = new ArrayList<>(migrations.size());
        for (int i = 0; i < migrations.size(); i++) {
            Migration m = migrations.get(i);
            AppliedRow row = matches.get(i);
            State state;
            if (row == null) {
                state = i < lastApplied ? State.OUT_OF_ORDER : State.PENDING;
            } else {
                state = row.hash().equals(m.hash()) ? State.APPLIED : State.MODIFIED;
            }
            entries.add(new Entry(m, row, state));
        }
        List<AppliedRow> missing = rows.stream().filter(r -> !matched.contains(r.id())).toList();
        return new MigrationPlan(List.copyOf(entries), missing);
    }

    /**
     * The folder {@code drizzle-kit up} (1.x) makes of journal entry {@code tag}: the UTC second of its
     * {@code when}, then the tag without its {@code 0000_} prefix. drizzle-orm 1.x matches rows by that name.
     */
    static String upgradedName(String tag, long when) {
        int underscore = tag.indexOf('_');
        return FOLDER_TIME.format(Instant.ofEpochMilli(when)) + "_" + (underscore < 0 ? "" : tag.substring(underscore + 1));
    }

    private static AppliedRow matchNameless(Migration m, List<AppliedRow> nameless, Set<Integer> matched) {
        for (AppliedRow row : nameless) {
            if (!matched.contains(row.id()) && row.createdAt() != null && row.createdAt() == m.when()) {
                return row;
            }
        }
        for (AppliedRow row : nameless) {
            if (!matched.contains(row.id()) && row.hash().equals(m.hash())) {
                return row;
            }
        }
        return null;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Rows whose migration is not on disk. */
    List<AppliedRow> missing() {
        return missing;
    }

    List<Entry> withState(State state) {
        return entries.stream().filter(e -> e.state() == state).toList();
    }

    /** Pending and out-of-order migrations, in journal order. */
    List<Entry> unapplied() {
        return entries.stream().filter(e -> e.row() == null).toList();
    }

    /** Applied (or modified) migrations, in journal order. */
    List<Entry> applied() {
        return entries.stream().filter(e -> e.row() != null).toList();
    }

    /** The latest applied tag in journal order, or null. */
    String current() {
        String current = null;
        for (Entry e : entries) {
            if (e.row() != null) {
                current = e.migration().tag();
            }
        }
        return current;
    }
}
