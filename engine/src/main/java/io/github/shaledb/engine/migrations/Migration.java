package io.github.shaledb.engine.migrations;

import java.nio.file.Path;

/**
 * One migration on disk. {@code when} is the journal's epoch millis (for the journal-less layout,
 * the folder's timestamp); {@code hash} the SHA-256 hex of {@code sql}, as drizzle-orm computes it.
 * {@code downFile} may be null or name a file that does not exist.
 */
public record Migration(int idx, String tag, long when, Path file, Path downFile, String sql, String hash,
                        boolean breakpoints) {
}
