package io.github.shaledb.engine.migrations;

import io.github.shaledb.engine.MigrationFileException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A migrations folder, read and checked once. */
public final class MigrationDirectory {

    public static MigrationDirectory read(Path root) throws MigrationFileException {
        throw new UnsupportedOperationException("TODO");
    }

    public Path root() {
        throw new UnsupportedOperationException("TODO");
    }

    public Layout layout() {
        throw new UnsupportedOperationException("TODO");
    }

    /** In journal order (idx), or folder-name order for the journal-less layout. */
    public List<Migration> migrations() {
        throw new UnsupportedOperationException("TODO");
    }

    public Optional<Migration> find(String tag) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The down script's text; fails naming the file when it is missing or has no statement. */
    public String readDown(Migration migration) throws MigrationFileException {
        throw new UnsupportedOperationException("TODO");
    }
}
