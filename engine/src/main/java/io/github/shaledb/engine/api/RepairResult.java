package io.github.shaledb.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code repair} did to the tracking table (or, in a dry run, would do).
 *
 * @param rerecorded applied migrations whose file changed, now recorded with the file's hash
 * @param forgotten  rows of migrations no longer on disk that {@code db.forget} removed
 * @param duplicates migrations recorded more than once, whose later rows were removed
 * @param dryRun     whether this was a dry run (nothing changed)
 * @param missing    rows of migrations no longer on disk that were left as they are (not named in {@code db.forget})
 */
public record RepairResult(List<Rerecorded> rerecorded, List<Forgotten> forgotten, List<Duplicate> duplicates,
                           List<String> missing, boolean dryRun) {

    /** Copies the lists. */
    public RepairResult {
        rerecorded = List.copyOf(rerecorded);
        forgotten = List.copyOf(forgotten);
        duplicates = List.copyOf(duplicates);
        missing = List.copyOf(missing);
    }

    /** How an applied migration's file differs from the script recorded when it was applied. */
    public enum Change {
        /** The same statements: only comments or whitespace outside literals changed. */
        COMMENTS_OR_WHITESPACE,
        /** The statements differ. */
        STATEMENTS,
        /** The script as applied is not stored (rows written by drizzle or an older Shale), so it cannot be compared. */
        NOT_STORED
    }

    /**
     * @param tag     the applied migration
     * @param file    its {@code migration.sql}
     * @param oldHash the hash recorded before
     * @param newHash the file's hash, now recorded
     * @param change  how the file differs from the script as applied
     * @param diff the line diff from the script as applied to the file, empty when it is not stored
     */
    public record Rerecorded(String tag, Path file, String oldHash, String newHash, Change change, List<String> diff) {
        /** Copies the diff. */
        public Rerecorded {
            diff = List.copyOf(diff);
        }

        /** @return whether the statements (not only comments or whitespace) may have changed */
        public boolean statementsChanged() {
            return change != Change.COMMENTS_OR_WHITESPACE;
        }
    }

    /**
     * A tracking row removed by {@code db.forget}.
     *
     * @param tag  the row's name, or {@code #id} for a nameless row written by drizzle-orm 0.x
     * @param hash the hash it recorded
     */
    public record Forgotten(String tag, String hash) {
    }

    /**
     * A migration recorded more than once.
     *
     * @param tag        the migration
     * @param keptId     the id of the first row, which stays
     * @param removedIds the ids of the later rows; the row with {@code keptId} (the first) stays
     */
    public record Duplicate(String tag, int keptId, List<Integer> removedIds) {
        /** Copies the ids. */
        public Duplicate {
            removedIds = List.copyOf(removedIds);
        }
    }

    /** Whether the tracking table needed (or needs) no change. */
    public boolean nothingRepaired() {
        return rerecorded.isEmpty() && forgotten.isEmpty() && duplicates.isEmpty();
    }
}
