package io.github.shaledb.engine.api;

import java.nio.file.Path;

/**
 * The migrations folder is inconsistent: malformed journal, missing folder or file, a modified
 * applied migration, an out-of-order migration, a missing down script.
 */
public final class MigrationFileException extends ShaleException {
    private final Path file;

    /**
     * @param file    the file or folder at fault, or null when the problem spans several
     * @param message what is wrong, naming the file
     * @param fix     what to do, or null
     */
    public MigrationFileException(Path file, String message, String fix) {
        this(file, message, fix, null);
    }

    /** As {@link #MigrationFileException(Path, String, String)}, with the underlying failure. */
    public MigrationFileException(Path file, String message, String fix, Throwable cause) {
        super(message, fix, cause);
        this.file = file;
    }

    /** The file or folder at fault, or null when the problem spans several. */
    public Path file() {
        return file;
    }

    @Override
    public boolean isUserError() {
        return true;
    }
}
