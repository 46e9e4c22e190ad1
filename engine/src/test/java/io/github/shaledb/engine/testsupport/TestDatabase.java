package io.github.shaledb.engine.testsupport;

import io.github.shaledb.engine.sql.SqlScript;
import io.github.shaledb.engine.sql.SqlStatement;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database of its own for one test. {@link #close()} drops it; the JUnit extension does
 * that after each test, other callers (the {@code it} module) use try-with-resources.
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password, String host, int port)
        implements AutoCloseable {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /**
     * Runs one or more statements in autocommit, one at a time as Shale's lexer splits them (the driver's own
     * splitting does not know {@code BEGIN ATOMIC} bodies).
     */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (SqlStatement s : SqlScript.parse(sql).statements()) {
                statement.execute(s.text());
            }
        }
    }

    /** Every row of the query, each as its column values. */
    public List<List<Object>> queryForList(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<Object>> result = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** The first column of every row, as text. */
    public List<String> queryStrings(String sql) throws SQLException {
        return queryForList(sql).stream().map(row -> row.get(0) == null ? null : row.get(0).toString()).toList();
    }

    /** Tables (including partitioned ones) outside the system schemas, as {@code schema.table}, sorted. */
    public List<String> tables() throws SQLException {
        return queryStrings("select table_schema || '.' || table_name from information_schema.tables"
                + " where table_type = 'BASE TABLE'"
                + " and table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg_toast%'"
                + " order by 1");
    }

    /** Drops the database, ending its sessions. */
    @Override
    public void close() throws SQLException {
        TestPostgres.drop(this);
    }
}
