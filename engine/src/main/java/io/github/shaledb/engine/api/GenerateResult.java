package io.github.shaledb.engine.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code generate} wrote. {@code tag} and {@code folder} are null when nothing changed and
 * nothing was written.
 *
 * @param statements the number of statements in {@code migration.sql}
 * @param hazards    the hazard comments of those statements, in order
 */
public record GenerateResult(String tag, Path folder, int statements, List<String> hazards, boolean custom) {
    public GenerateResult {
        hazards = List.copyOf(hazards);
    }

    public static GenerateResult nothingChanged() {
        return new GenerateResult(null, null, 0, List.of(), false);
    }

    public boolean written() {
        return tag != null;
    }
}
