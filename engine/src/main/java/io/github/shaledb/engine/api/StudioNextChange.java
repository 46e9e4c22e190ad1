package io.github.shaledb.engine.api;

import java.util.List;

/**
 * What the schema files would change now.
 *
 * @param unavailable  why nothing can be said (no schema files), else null
 * @param push         what {@code db:push} would run on the database, in order
 * @param generate     what {@code db:generate} would write after the last migration's snapshot, in order
 * @param generateBase the migration whose snapshot {@code generate} starts from, or null for the first migration
 * @param undecided    rename candidates nobody decided: both lists drop and create them; each entry is the
 *                     {@code db.renames} hint that makes it a rename
 * @param unmanaged    objects of the schema files that Shale does not manage, one line each; neither list has them
 */
public record StudioNextChange(String unavailable, List<Step> push, List<Step> generate, String generateBase,
                               List<String> undecided, List<String> unmanaged) {
    /** Copies the lists. */
    public StudioNextChange {
        push = List.copyOf(push);
        generate = List.copyOf(generate);
        undecided = List.copyOf(undecided);
        unmanaged = List.copyOf(unmanaged);
    }

    /**
     * One statement.
     *
     * @param object  what it is about, e.g. {@code TABLE "public"."orders"}
     * @param sql     the statement
     * @param hazards one line per hazard: {@code DATA_LOSS: drops column "email" of …}
     */
    public record Step(String object, String sql, List<String> hazards) {
        /** Copies the list. */
        public Step {
            hazards = List.copyOf(hazards);
        }

        /** @return whether a hazard loses data */
        public boolean losesData() {
            return hazards.stream().anyMatch(h -> h.startsWith("DATA_LOSS"));
        }
    }
}
