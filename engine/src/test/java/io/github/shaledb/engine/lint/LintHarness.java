package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.Shale;
import io.github.shaledb.engine.api.LintFinding;
import io.github.shaledb.engine.api.LintResult;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes migrations into a folder (drizzle-kit's journal-less layout, {@code 20250101120000_m0/migration.sql} …) and
 * lints them as {@code db:lint} would with no database URL, untraced unless the settings ask for tracing.
 */
public final class LintHarness {

    private LintHarness() {
    }

    /** Writes the scripts as consecutive migrations {@code m0, m1, …} under {@code folder}. */
    public static Path write(Path folder, List<String> scripts) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < scripts.size(); i++) {
            Path dir = folder.resolve(String.format("202501011200%02d_m%d", i, i));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("migration.sql"), scripts.get(i));
        }
        return folder;
    }

    /** Lints every migration of {@code scripts} (the tag of the i-th is {@code 202501011200ii_mi}). */
    public static LintResult lint(Path folder, List<String> scripts, UnaryOperator<ShaleSettings.Builder> settings)
            throws IOException, ShaleException {
        write(folder, scripts);
        // Untraced unless the caller asks: a traced run starts a scratch server.
        ShaleSettings.Builder builder = ShaleSettings.builder().projectDirectory(folder).migrationsDirectory(folder)
                .environment(java.util.Map.of()).lintTrace(false);
        return new Shale().lint(settings.apply(builder).build());
    }

    /** The findings of {@code ruleId} in the last migration of the run, suppressed ones included. */
    public static List<LintFinding> findingsOf(LintResult result, String ruleId) {
        String last = result.linted().isEmpty() ? null : result.linted().get(result.linted().size() - 1);
        return result.findings().stream().filter(f -> f.ruleId().equals(ruleId) && f.migration().equals(last)).toList();
    }
}
