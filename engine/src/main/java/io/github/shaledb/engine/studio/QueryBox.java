package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.StudioQueryResult;
import io.github.shaledb.engine.api.StudioRequestException;
import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The SQL box: exactly one statement, in the transaction the studio's access allows. */
final class QueryBox {
    /** Statements that would end or nest the transaction the studio runs the statement in. */
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?i)(BEGIN|START\\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE\\s+TRANSACTION)\\b");

    private QueryBox() {
    }

    /** The one statement of {@code sql}; fails when there is none, more than one, or one that controls the transaction. */
    static SqlStatement statement(String sql) throws StudioRequestException {
        List<SqlStatement> statements = sql == null ? List.of() : SqlScript.parse(sql).statements().stream()
                .filter(st -> !st.normalizedText().isBlank()).toList();
        if (statements.isEmpty()) {
            throw new StudioRequestException("There is no statement to run.", "type one statement", null);
        }
        if (statements.size() > 1) {
            throw new StudioRequestException("The SQL box runs one statement at a time; this text holds " + statements.size()
                    + " (the second starts on line " + statements.get(1).line() + ").", "run them one by one", null);
        }
        SqlStatement statement = statements.get(0);
        String text = statement.text();
        if (TRANSACTION_CONTROL.matcher(statement.normalizedText()).lookingAt()) {
            throw new StudioRequestException("The SQL box runs each statement in a transaction of its own, so it does not"
                    + " take transaction control: " + firstLine(text), "run the statement without BEGIN, COMMIT or"
                    + " ROLLBACK", null);
        }
        return statement;
    }

    static StudioQueryResult run(Connection c, SqlStatement statement, boolean readOnly) throws SQLException {
        long start = System.nanoTime();
        String command = firstWord(statement.normalizedText());
        try (Statement s = c.createStatement()) {
            s.setMaxRows(StudioQueryResult.MAX_ROWS + 1);
            boolean rows = s.execute(statement.text());
            if (!rows) {
                return new StudioQueryResult(command, List.of(), List.of(), false, s.getUpdateCount(), readOnly, millis(start));
            }
            try (ResultSet rs = s.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<List<String>> values = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (values.size() == StudioQueryResult.MAX_ROWS) {
                        truncated = true;
                        break;
                    }
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(rs.getString(i));
                    }
                    values.add(row);
                }
                return new StudioQueryResult(command, columns, values, truncated, -1, readOnly, millis(start));
            }
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String firstWord(String statement) {
        String trimmed = statement.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).toUpperCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }
}
