package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs the statements of one script and turns a server error into a message that points into the file. */
final class ScriptRunner {
    private static final int STATEMENT_PREVIEW = 300;

    private final Connection connection;
    private final Path projectDirectory;

    ScriptRunner(Connection connection, Path projectDirectory) {
        this.connection = connection;
        this.projectDirectory = projectDirectory;
    }

    /**
     * Executes every statement in order.
     *
     * @param transactional whether a surrounding transaction will roll back what ran before a failure
     * @param rolledBackNote what the message says remains after a failure inside a transaction
     */
    void run(String tag, Path file, SqlScript script, boolean transactional, String rolledBackNote)
            throws MigrationSqlException, MigrationFileException {
        refuseMetaCommands(file, script);
        List<String> ran = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (SqlStatement sql : script.statements()) {
                try {
                    statement.execute(sql.text());
                } catch (SQLException e) {
                    throw failure(tag, file, sql, e, transactional ? List.of() : ran, transactional, rolledBackNote);
                }
                ran.add(sql.text());
            }
        } catch (SQLException e) {
            throw failure(tag, file, null, e, List.of(), transactional, rolledBackNote);
        }
    }

    /**
     * A psql meta-command is not SQL, and no server would run it: fails naming the line before a statement of
     * the script runs. pg_dump's {@code restrict} lines never get here (the splitter skips them).
     */
    void refuseMetaCommands(Path file, SqlScript script) throws MigrationFileException {
        if (script.metaCommands().isEmpty()) {
            return;
        }
        SqlScript.MetaCommand first = script.metaCommands().get(0);
        String where = display(file) + ":" + first.line() + ":" + first.column();
        String others = script.metaCommands().size() == 1 ? "" : " (and " + (script.metaCommands().size() - 1)
                + " more after it)";
        throw new MigrationFileException(file, where + " holds the psql meta-command " + preview(first.text()) + others
                + ", which is not SQL: Shale sends SQL statements to the server itself, without psql. It skips only"
                + " the \\restrict and \\unrestrict lines pg_dump writes; nothing of the file was run.",
                "remove the line from " + display(file) + ", or write what it does as SQL (a \\set variable: its value"
                        + " written in; \\i or \\ir: the included file's statements as a file of their own)");
    }

    MigrationSqlException failure(String tag, Path file, SqlStatement sql, SQLException e, List<String> ran,
                                          boolean transactional, String rolledBackNote) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        String detail = server == null ? null : server.getDetail();
        String hint = server == null ? null : server.getHint();
        int line = sql == null ? 1 : sql.line();
        int column = sql == null ? 1 : sql.column();
        if (sql != null && server != null && server.getPosition() > 0) {
            SqlStatement.Position p = sql.positionOf(server.getPosition());
            line = p.line();
            column = p.column();
        }
        String where = display(file) + ":" + line + ":" + column;
        StringBuilder text = new StringBuilder();
        text.append(tag).append(" failed at ").append(where).append(": ").append(message)
                .append(" (SQLSTATE ").append(e.getSQLState()).append(')');
        if (sql != null) {
            text.append(System.lineSeparator()).append("  Statement: ").append(preview(sql.text()));
        }
        if (detail != null) {
            text.append(System.lineSeparator()).append("  Detail: ").append(detail);
        }
        if (hint != null) {
            text.append(System.lineSeparator()).append("  Hint: ").append(hint);
        }
        if (server != null && server.getWhere() != null) {
            text.append(System.lineSeparator()).append("  Where: ").append(server.getWhere());
        }
        String fix;
        if (transactional) {
            text.append(System.lineSeparator()).append("  ").append(rolledBackNote);
            fix = "correct the statement in " + where + " and run the goal again";
        } else if (ran.isEmpty()) {
            text.append(System.lineSeparator()).append("  ").append(tag)
                    .append(" runs outside a transaction; none of its statements had run, and it is not recorded as applied.");
            fix = "correct the statement in " + where + " and run the goal again";
        } else {
            text.append(System.lineSeparator()).append("  ").append(tag)
                    .append(" runs outside a transaction, so these statements had already run and remain (it is not recorded as applied):");
            for (int i = 0; i < ran.size(); i++) {
                text.append(System.lineSeparator()).append("    ").append(i + 1).append(") ").append(preview(ran.get(i)));
            }
            fix = "correct the statement in " + where + ", then make the statements that already ran safe to run again "
                    + "(IF NOT EXISTS) or undo them by hand before running the goal again"
                    + (sql != null && sql.text().toUpperCase().contains("CONCURRENTLY")
                    ? "; a failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind: drop it first" : "");
        }
        return new MigrationSqlException(text.toString(), fix, e, file, line, column,
                sql == null ? null : sql.text(), e.getSQLState(), detail, hint, ran);
    }

    private String display(Path file) {
        if (projectDirectory != null && file.isAbsolute() && file.startsWith(projectDirectory)) {
            return projectDirectory.relativize(file).toString();
        }
        return file.toString();
    }

    private static String preview(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= STATEMENT_PREVIEW ? oneLine : oneLine.substring(0, STATEMENT_PREVIEW) + " …";
    }
}
