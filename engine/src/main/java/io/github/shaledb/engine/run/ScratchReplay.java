package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.sql.SqlScript;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs scripts on a scratch database as {@code db:migrate} and {@code db:rollback} run them: a script in one
 * transaction, committed, or statement by statement when it cannot run in one ({@code CONCURRENTLY},
 * {@code -- db:no-transaction}). So what fails only inside a transaction (a new enum value used in the
 * migration that adds it) fails here too. {@code db:check} and {@code db:generate} replay through it.
 */
final class ScratchReplay {
    private final Connection connection;
    private final ScriptRunner runner;
    private final String note;

    /**
     * @param runner runs the statements on {@code connection} (the shadow's, which creates the roles they name)
     * @param note   what a failure's message adds: only the scratch database saw it
     */
    ScratchReplay(Connection connection, ScriptRunner runner, String note) {
        this.connection = connection;
        this.runner = runner;
        this.note = note;
    }

    void apply(String tag, Path file, SqlScript script) throws MigrationSqlException, MigrationFileException,
            EnvironmentException {
        boolean transactional = !script.requiresNoTransaction();
        try {
            connection.setAutoCommit(!transactional);
            runner.run(tag, file, script, transactional, note);
            if (transactional) {
                try {
                    connection.commit();
                } catch (SQLException e) {
                    // Deferred constraints are checked here.
                    throw runner.failure(tag + " (at commit)", file, null, e, List.of(), true, note);
                }
            }
        } catch (SQLException e) {
            throw new EnvironmentException("The scratch database's connection failed: " + e.getMessage(), null, e);
        } finally {
            end();
        }
    }

    /** Leaves the connection in autocommit with no transaction open, failure or not. */
    private void end() throws EnvironmentException {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new EnvironmentException("The scratch database's connection failed: " + e.getMessage(), null, e);
        }
    }
}
