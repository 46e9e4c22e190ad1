package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.MigrationFileException;
import io.github.shaledb.engine.api.MigrationSqlException;
import io.github.shaledb.engine.api.ShaleListener;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;
import org.postgresql.jdbc.PgStatement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the statements of one script and turns a server error into a message that points into the file. */
final class ScriptRunner {
    private static final int STATEMENT_PREVIEW = 300;
    private static final String QUERY_CANCELED = "57014";
    /** The server's message for SQLSTATE 42704 when the object is a role (its English text: the scratch server's). */
    private static final Pattern MISSING_ROLE = Pattern.compile("role \"(.*)\" does not exist");
    /** Table data as pg_dump writes it: psql sends the rows that follow the statement. */
    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)COPY\\b.*\\bFROM\\s+STDIN\\b.*");

    /** Creates a role a statement names and the server lacks; only the scratch server has one. */
    interface MissingRoles {
        void create(String role) throws SQLException;
    }

    /** Called after each statement of a script that runs outside a transaction, with all that have run so far. */
    interface Progress {
        void ran(List<String> statements) throws SQLException;
    }

    private final Connection connection;
    private final Path projectDirectory;
    private final MissingRoles missingRoles;
    private Duration timeout;
    private LockWaits lockWaits;
    private Long deadline;
    private List<String> earlierRun = List.of();
    private boolean resume;
    /** Outside a transaction: drops the INVALID index a killed earlier run left, fails on one this run leaves. */
    private final InvalidIndexes invalidIndexes;

    ScriptRunner(Connection connection, Path projectDirectory) {
        this(connection, projectDirectory, null, ShaleListener.NONE);
    }

    /** @param missingRoles null to fail on a missing role, as on every server but the scratch one */
    ScriptRunner(Connection connection, Path projectDirectory, MissingRoles missingRoles) {
        this(connection, projectDirectory, missingRoles, ShaleListener.NONE);
    }

    /** @param listener hears which INVALID index left by a killed earlier run was dropped */
    ScriptRunner(Connection connection, Path projectDirectory, MissingRoles missingRoles, ShaleListener listener) {
        this.connection = connection;
        this.projectDirectory = projectDirectory;
        this.missingRoles = missingRoles;
        this.invalidIndexes = new InvalidIndexes(connection, listener);
    }

    /**
     * Bounds each script's run by {@code timeout} (db.migrationTimeout; null: none), counted from
     * {@link #startClock()}, and retries statements outside a transaction that gave up on a lock wait.
     */
    ScriptRunner limits(Duration timeout, LockWaits lockWaits) {
        this.timeout = timeout;
        this.lockWaits = lockWaits;
        return this;
    }

    /** Starts the clock of db.migrationTimeout for the next migration. */
    void startClock() {
        deadline = timeout == null ? null : System.nanoTime() + timeout.toNanos();
    }

    /** When the current migration's time runs out, in {@link System#nanoTime()} terms; null: never. */
    Long deadline() {
        return deadline;
    }

    /**
     * The statements an earlier, interrupted run of the next script had run (named if this run fails too); with
     * {@code resume}, they are its first statements and the next run starts after them.
     */
    void earlierRun(List<String> statements, boolean resume) {
        earlierRun = List.copyOf(statements);
        this.resume = resume;
    }

    /**
     * Executes every statement in order.
     *
     * @param transactional whether a surrounding transaction will roll back what ran before a failure
     * @param rolledBackNote what the message says remains after a failure inside a transaction
     */
    void run(String tag, Path file, SqlScript script, boolean transactional, String rolledBackNote)
            throws MigrationSqlException, MigrationFileException {
        run(tag, file, script, transactional, rolledBackNote, null);
    }

    /** As {@link #run(String, Path, SqlScript, boolean, String)}, reporting each statement that ran to {@code progress}. */
    void run(String tag, Path file, SqlScript script, boolean transactional, String rolledBackNote, Progress progress)
            throws MigrationSqlException, MigrationFileException {
        refuseMetaCommands(file, script);
        List<String> ran = new ArrayList<>();
        List<String> done = new ArrayList<>(resume ? earlierRun : List.of());
        try (Statement statement = connection.createStatement()) {
            for (SqlStatement sql : script.statements().subList(done.size(), script.statements().size())) {
                InvalidIndexes.Build indexBuild = null;
                for (int attempt = 1; ; attempt++) {
                    try {
                        if (!transactional && lockWaits != null) {
                            lockWaits.runWithoutLimit(connection, sql.requiresNoTransaction());
                        }
                        indexBuild = transactional ? null : invalidIndexes.before(tag, sql);
                        bound(statement);
                        execute(statement, sql.text());
                        break;
                    } catch (SQLException e) {
                        MigrationSqlException failure = failure(tag, file, sql, e, transactional ? List.of() : ran,
                                transactional, rolledBackNote);
                        if (!transactional && lockWaits != null && LockWaits.isLockTimeout(e)
                                && lockWaits.pause(connection, tag + " at " + where(file, sql), attempt, deadline)) {
                            if (indexBuild != null) {
                                indexBuild.failed(failure); // drops the INVALID index the attempt may have left
                            }
                            continue;
                        }
                        throw indexBuild == null ? failure : indexBuild.failed(failure);
                    }
                }
                if (indexBuild != null) {
                    indexBuild.succeeded(file, display(file), ran);
                }
                ran.add(sql.text());
                done.add(sql.text());
                if (progress != null) {
                    try {
                        progress.ran(done);
                    } catch (SQLException e) {
                        throw failure(tag, file, null, e, ran, transactional, rolledBackNote);
                    }
                }
            }
            if (!transactional && lockWaits != null) {
                lockWaits.runWithoutLimit(connection, false); // the next migration's statements wait briefly again
            }
        } catch (SQLException e) {
            throw failure(tag, file, null, e, List.of(), transactional, rolledBackNote);
        } finally {
            earlierRun = List.of();
            resume = false;
        }
    }

    /** Cancels the statement when the migration's time runs out (the server rolls its transaction back). */
    private void bound(Statement statement) throws SQLException {
        if (deadline == null) {
            return;
        }
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
            throw new SQLException("the migration's time ran out before this statement started", QUERY_CANCELED);
        }
        statement.unwrap(PgStatement.class).setQueryTimeoutMs(remaining);
    }

    /** Whether {@code e} is this runner cancelling a statement because the migration's time ran out. */
    boolean timedOut(MigrationSqlException e) {
        return QUERY_CANCELED.equals(e.sqlState()) && outOfTime();
    }

    private boolean outOfTime() {
        return deadline != null && System.nanoTime() >= deadline - 100_000_000L;
    }

    /** Whether {@code e} means the connection to the server is gone (a restart, pg_terminate_backend, the network). */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    private String where(Path file, SqlStatement sql) {
        return display(file) + ":" + sql.line() + ":" + sql.column();
    }

    /**
     * Runs one statement; with {@link #missingRoles}, a role it names that does not exist is created and the
     * statement runs again (inside a transaction from a savepoint, as the failure aborted it).
     */
    private void execute(Statement statement, String sql) throws SQLException {
        if (missingRoles == null) {
            statement.execute(sql);
            return;
        }
        boolean transaction = !connection.getAutoCommit();
        Set<String> created = new HashSet<>();
        while (true) {
            Savepoint savepoint = transaction ? connection.setSavepoint() : null;
            try {
                statement.execute(sql);
                if (savepoint != null) {
                    connection.releaseSavepoint(savepoint);
                }
                return;
            } catch (SQLException e) {
                String role = missingRole(e);
                if (role == null || !created.add(role)) {
                    throw e;
                }
                if (savepoint != null) {
                    connection.rollback(savepoint);
                }
                missingRoles.create(role);
                if (transaction) {
                    seeNewRoles(statement);
                }
            }
        }
    }

    /**
     * Inside a transaction the server keeps the role it did not find as missing until it reads the messages other
     * sessions sent about the catalogs, which it does when it takes a lock it does not hold yet: reading
     * {@code pg_roles} in a savepoint rolled back (so the lock is not kept for the next time) does that.
     */
    private void seeNewRoles(Statement statement) throws SQLException {
        Savepoint probe = connection.setSavepoint();
        statement.execute("select from pg_catalog.pg_roles where false");
        connection.rollback(probe);
        connection.releaseSavepoint(probe);
    }

    /** The role a statement failed on because it does not exist, else null. */
    static String missingRole(SQLException e) {
        if (!"42704".equals(e.getSQLState())) {
            return null;
        }
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String message = server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
        Matcher m = message == null ? null : MISSING_ROLE.matcher(message);
        return m != null && m.matches() ? m.group(1) : null;
    }

    /**
     * A psql meta-command is not SQL, and no server would run it: fails naming the line before a statement of
     * the script runs. pg_dump's {@code restrict} lines never get here (the splitter skips them).
     */
    void refuseMetaCommands(Path file, SqlScript script) throws MigrationFileException {
        refuseCopyFromStdin(file, script);
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

    /**
     * {@code COPY … FROM stdin} reads the rows that follow it in the file, which only psql sends: what pg_dump writes
     * for table data when it is run without {@code --schema-only}.
     */
    private void refuseCopyFromStdin(Path file, SqlScript script) throws MigrationFileException {
        for (SqlStatement statement : script.statements()) {
            if (COPY_FROM_STDIN.matcher(statement.text()).matches()) {
                String where = display(file) + ":" + statement.line() + ":" + statement.column();
                throw new MigrationFileException(file, where + " holds " + preview(statement.text()) + ", table data"
                        + " that psql sends from the lines after it (pg_dump writes it when run without --schema-only)."
                        + " Shale sends SQL statements to the server itself, without psql; nothing of the file was run.",
                        "dump the schema alone (pg_dump --schema-only), or remove each COPY block up to its \\. line;"
                                + " write rows the application needs as INSERT statements in a migration of its own"
                                + " (mvn db:generate -Ddb.custom=true)");
            }
        }
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
        String role = missingRole(e);
        if (role != null) {
            text.append(System.lineSeparator()).append("  The role ").append(role).append(" does not exist on this server."
                    + " Roles belong to the server, not to a database, and are managed outside migrations.");
        }
        boolean lost = connectionLost(e);
        boolean timedOut = !lost && QUERY_CANCELED.equals(e.getSQLState()) && outOfTime();
        boolean lockWait = !lost && lockWaits != null && lockWaits.enabled() && LockWaits.isLockTimeout(e);
        if (lost) {
            text.append(System.lineSeparator()).append("  The connection to the server was lost (a server restart,"
                    + " pg_terminate_backend, db:unlock -Ddb.force=true, or the network); the server ended this session.");
        } else if (timedOut) {
            text.append(System.lineSeparator()).append("  ").append(tag).append(" ran longer than db.migrationTimeout (")
                    .append(timeout.toSeconds()).append(" s), so its running statement was cancelled.");
        } else if (lockWait) {
            text.append(System.lineSeparator()).append("  Each try waited for a lock longer than db.lockTimeoutPerStatement and"
                    + " gave up rather than hold other queries behind it, until db.migrationTimeout"
                    + (timeout == null ? "" : " (" + timeout.toSeconds() + " s)") + " ran out.");
        }
        String fix;
        String again = lost ? "find why the connection ended, then run the goal again: it continues with " + tag
                : timedOut || lockWait ? "find what the statement waited for (pg_stat_activity, pg_locks: a long transaction"
                + " or a lock held by the application) and let it finish or end it; run the migration when traffic is lower,"
                + " or split a long data change into batches; or raise db.migrationTimeout / MIGRATION_TIMEOUT (seconds,"
                + " 0 = no limit)" + (lockWait ? " or db.lockTimeoutPerStatement" : "") + ", then run the goal again"
                : "correct the statement in " + where + " and run the goal again";
        List<String> earlier = earlierRun;
        if (transactional) {
            text.append(System.lineSeparator()).append("  ").append(rolledBackNote);
            fix = again;
        } else if (ran.isEmpty() && earlier.isEmpty()) {
            text.append(System.lineSeparator()).append("  ").append(tag)
                    .append(" runs outside a transaction; none of its statements had run, and it is not recorded as applied.");
            fix = again;
        } else {
            if (!ran.isEmpty()) {
                text.append(System.lineSeparator()).append("  ").append(tag)
                        .append(" runs outside a transaction, so these statements had already run and remain (it is not recorded as applied):");
                for (int i = 0; i < ran.size(); i++) {
                    text.append(System.lineSeparator()).append("    ").append(i + 1).append(") ").append(preview(ran.get(i)));
                }
            }
            if (!earlier.isEmpty()) {
                text.append(System.lineSeparator()).append("  An earlier run of ").append(tag).append(" that was interrupted"
                        + " had run these statements, which remain unless undone since (it is not recorded as applied):");
                for (int i = 0; i < earlier.size(); i++) {
                    text.append(System.lineSeparator()).append("    ").append(i + 1).append(") ").append(preview(earlier.get(i)));
                }
            }
            fix = (lost || timedOut || lockWait ? again : "correct the statement in " + where) + "; make the statements that"
                    + " already ran safe to run again (IF NOT EXISTS) or undo them by hand before running the goal again";
            // An INVALID index the statement left is InvalidIndexes' to drop and report.
        }
        if (lost && !transactional) {
            text.append(System.lineSeparator()).append("  A rerun runs ").append(tag).append(" again from its first statement.");
        } else if (lost) {
            text.append(System.lineSeparator()).append("  A rerun continues with ").append(tag).append('.');
        }
        if (role != null) {
            fix = "create the role on this server (CREATE ROLE " + quote(role) + " …, as its other environments have it),"
                    + " then run the goal again" + (transactional ? "" : "; " + fix);
        }
        return new MigrationSqlException(text.toString(), fix, e, file, line, column,
                sql == null ? null : sql.text(), e.getSQLState(), detail, hint, ran);
    }

    /** A role's name as SQL, double-quoted: exact whatever its case and characters. */
    static String quote(String role) {
        return '"' + role.replace("\"", "\"\"") + '"';
    }

    private String display(Path file) {
        if (projectDirectory != null && file.isAbsolute() && file.startsWith(projectDirectory)) {
            return projectDirectory.relativize(file).toString();
        }
        return file.toString();
    }

    static String preview(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= STATEMENT_PREVIEW ? oneLine : oneLine.substring(0, STATEMENT_PREVIEW) + " …";
    }
}
