package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.QualifiedName;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the readers of every object kind share during one introspection: the connection (in the read's
 * transaction, search path empty), the managed schemas as the queries' parameter, one instance per
 * repeated text, and the {@link ObjectOids} the readers fill so dependencies can name their ends.
 */
final class CatalogSession {
    private static final int FETCH_ROWS = 10_000;

    final Connection connection;
    final ObjectOids oids = new ObjectOids();
    private final Map<String, String> texts = new HashMap<>();
    private Array schemaNames;
    private int serverMajorVersion;

    CatalogSession(Connection connection) {
        this.connection = connection;
    }

    /** A read of the catalogs; see {@link #withEmptySearchPath}. */
    interface Read<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code read} in one transaction with an empty {@code search_path}, so that {@code format_type()} and
     * the {@code pg_get_*def()} functions qualify every name outside {@code pg_catalog}. A transaction begun here
     * is rolled back, which ends the change; in the caller's own transaction the caller's path is set back.
     */
    static <T> T withEmptySearchPath(Connection connection, Read<T> read) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            String callerSearchPath;
            try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.EMPTY_SEARCH_PATH);
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                callerSearchPath = rows.getString(1);
            }
            T result = read.run();
            if (!autoCommit) {
                try (PreparedStatement statement = connection.prepareStatement(CatalogQueries.RESTORE_SEARCH_PATH)) {
                    statement.setString(1, callerSearchPath);
                    statement.executeQuery().close();
                }
            }
            return result;
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    void schemas(List<String> names) throws SQLException {
        schemaNames = connection.createArrayOf("text", names.toArray());
    }

    int serverMajorVersion() throws SQLException {
        if (serverMajorVersion == 0) {
            serverMajorVersion = connection.getMetaData().getDatabaseMajorVersion();
        }
        return serverMajorVersion;
    }

    /** A query over the managed schemas: its one {@code ?}, if any, is their names. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        // In batches (the read runs in a transaction, so the driver can): the rows of the largest schemas are
        // not all in memory at once, which keeps the collector's work down.
        statement.setFetchSize(FETCH_ROWS);
        if (sql.contains("?")) {
            statement.setArray(1, schemaNames);
        }
        return statement;
    }

    QualifiedName name(ResultSet rows, String schemaColumn, String nameColumn) throws SQLException {
        return QualifiedName.of(shared(rows.getString(schemaColumn)), rows.getString(nameColumn));
    }

    /**
     * One instance per distinct text: column names, types, defaults and schema names repeat across thousands of
     * tables, and a model holding each once is smaller to keep and cheaper for the collector to copy.
     */
    String shared(String text) {
        return text == null ? null : texts.computeIfAbsent(text, t -> t);
    }

    /** A text array column as a list; nulls inside are kept, a null array is empty. */
    static List<String> strings(ResultSet rows, String column) throws SQLException {
        Array array = rows.getArray(column);
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
