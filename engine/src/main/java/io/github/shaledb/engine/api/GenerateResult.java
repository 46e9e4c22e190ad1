package io.github.shaledb.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code generate} wrote: one migration folder, or several when statements that cannot run in a
 * transaction ({@code CREATE INDEX CONCURRENTLY}) were split into folders of their own, in order. Empty
 * lists when nothing changed and nothing was written.
 *
 * @param tags            every tag written, in journal order
 * @param folders         their folders, in the same order
 * @param statements      the number of statements in all their {@code migration.sql} files
 * @param hazards         the hazard comments of those statements, in order
 * @param custom          whether an empty migration for hand-written SQL was written ({@code db.custom})
 * @param postgresVersion the PostgreSQL major version the statements were written and checked for; 0 when
 *                        nothing was generated
 * @param lint            the lint findings of the migrations written (the rules of {@code db:lint}); null when not
 *                        linted
 */
public record GenerateResult(List<String> tags, List<Path> folders, int statements, List<String> hazards,
                             boolean custom, int postgresVersion, LintResult lint) {
    /** Copies the lists. */
    public GenerateResult {
        tags = List.copyOf(tags);
        folders = List.copyOf(folders);
        hazards = List.copyOf(hazards);
    }

    /** A result without lint findings. */
    public GenerateResult(List<String> tags, List<Path> folders, int statements, List<String> hazards, boolean custom,
                          int postgresVersion) {
        this(tags, folders, statements, hazards, custom, postgresVersion, null);
    }

    /**
     * @param postgresVersion the major version the schema was compared for
     * @return the result of a run that found no change and wrote nothing
     */
    public static GenerateResult nothingChanged(int postgresVersion) {
        return new GenerateResult(List.of(), List.of(), 0, List.of(), false, postgresVersion);
    }

    /** @return whether a migration folder was written */
    public boolean written() {
        return !tags.isEmpty();
    }

    /** The first tag written, or null when nothing was. */
    public String tag() {
        return tags.isEmpty() ? null : tags.get(0);
    }

    /** The first folder written, or null when nothing was. */
    public Path folder() {
        return folders.isEmpty() ? null : folders.get(0);
    }
}
