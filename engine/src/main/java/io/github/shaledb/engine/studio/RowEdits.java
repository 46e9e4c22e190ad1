package io.github.shaledb.engine.studio;

import io.github.shaledb.engine.api.StudioEdit;
import io.github.shaledb.engine.api.StudioRequestException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A row change of the data page as one statement with every value a literal, so that what the page shows for
 * confirmation is exactly what runs. Updates and deletes name the row by its whole key and must touch one row.
 */
final class RowEdits {
    private RowEdits() {
    }

    /** The statement for {@code request}; fails naming what is wrong (unknown column, no key, a view). */
    static String sql(Connection c, StudioEdit.Request request) throws SQLException, StudioRequestException {
        if (request.operation() == null) {
            throw new StudioRequestException("A change names its operation: INSERT, UPDATE or DELETE.", null, null);
        }
        Relation r = Relation.read(c, request.schema(), request.table());
        if (!r.isTable()) {
            throw new StudioRequestException(r.schema() + "." + r.name() + " is a view; the studio changes rows of tables only.",
                    "change the rows of the table it reads", null);
        }
        requireStandardStrings(c);
        return switch (request.operation()) {
            case INSERT -> insert(r, request.values());
            case UPDATE -> "update " + r.qualified() + " set " + assignments(r, request.values()) + " where "
                    + keyCondition(r, request.key()) + ";";
            case DELETE -> "delete from " + r.qualified() + " where " + keyCondition(r, request.key()) + ";";
        };
    }

    /** Runs the statement and returns the rows it changed; fails, changing nothing, unless that is exactly one. */
    static int apply(Connection c, String sql) throws SQLException, StudioRequestException {
        int changed;
        try (Statement s = c.createStatement()) {
            changed = s.executeUpdate(sql);
        }
        if (changed != 1) {
            throw new StudioRequestException("The change would have touched " + changed + " rows, not one, so it was rolled"
                    + " back: " + sql, "reload the rows: the row may have been changed or deleted meanwhile", null);
        }
        return changed;
    }

    private static String insert(Relation r, Map<String, String> values) throws StudioRequestException {
        if (values.isEmpty()) {
            return "insert into " + r.qualified() + " default values;";
        }
        List<String> columns = new ArrayList<>();
        List<String> literals = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            columns.add(r.column(e.getKey()));
            literals.add(literal(e.getValue()));
        }
        return "insert into " + r.qualified() + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", literals) + ");";
    }

    private static String assignments(Relation r, Map<String, String> values) throws StudioRequestException {
        if (values.isEmpty()) {
            throw new StudioRequestException("The update of " + r.schema() + "." + r.name() + " sets no column.", null, null);
        }
        List<String> set = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            set.add(r.column(e.getKey()) + " = " + literal(e.getValue()));
        }
        return String.join(", ", set);
    }

    private static String keyCondition(Relation r, Map<String, String> key) throws StudioRequestException {
        if (r.key().isEmpty()) {
            throw new StudioRequestException(r.schema() + "." + r.name() + " has no primary key or unique key of NOT NULL"
                    + " columns, so the studio cannot name one row of it.", "change its rows in the SQL box (write mode)"
                    + " with a WHERE clause of your own, or give the table a primary key", null);
        }
        if (!key.keySet().equals(new java.util.HashSet<>(r.key()))) {
            throw new StudioRequestException("A row of " + r.schema() + "." + r.name() + " is named by its key columns "
                    + r.key() + ", not " + key.keySet() + ".", "reload the rows and try again", null);
        }
        List<String> conditions = new ArrayList<>();
        for (String column : r.key()) {
            String value = key.get(column);
            conditions.add(value == null ? r.column(column) + " is null" : r.column(column) + " = " + literal(value));
        }
        return String.join(" and ", conditions);
    }

    /** A string literal the column's type reads as the value; {@code NULL} for null. */
    static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** {@link #literal} doubles quotes only: with standard_conforming_strings off a backslash would escape. */
    private static void requireStandardStrings(Connection c) throws SQLException, StudioRequestException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show standard_conforming_strings")) {
            if (rs.next() && !"on".equals(rs.getString(1))) {
                throw new StudioRequestException("The server has standard_conforming_strings off, so the studio cannot"
                        + " write values as plain literals.", "turn standard_conforming_strings on (the default)", null);
            }
        }
    }
}
