package io.github.shaledb.it;

import io.github.shaledb.engine.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the database holds, read over plain JDBC. */
final class Db {
    private final TestDatabase db;

    Db(TestDatabase db) {
        this.db = db;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** The first column of every row, as text. */
    List<String> strings(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Tables of the user's schemas, qualified, sorted. */
    List<String> tables() throws SQLException {
        return strings("select table_schema || '.' || table_name from information_schema.tables"
                + " where table_schema not in ('pg_catalog', 'information_schema') order by 1");
    }

    boolean trackingTableExists() throws SQLException {
        return strings("select to_regclass('drizzle.__drizzle_migrations')::text").get(0) != null;
    }

    /** Tracking rows as "name hash created_at", in id order. */
    List<String> trackingRows() throws SQLException {
        if (!trackingTableExists()) {
            return List.of();
        }
        return strings("select name || ' ' || hash || ' ' || created_at from drizzle.__drizzle_migrations order by id");
    }

    List<String> appliedNames() throws SQLException {
        if (!trackingTableExists()) {
            return List.of();
        }
        return strings("select name from drizzle.__drizzle_migrations order by id");
    }

    /** Sessions holding an advisory lock on the key. */
    List<String> advisoryLockHolders(long key) throws SQLException {
        return strings("select pid::text from pg_locks where locktype = 'advisory' and granted"
                + " and ((classid::bigint << 32) | objid::bigint) = " + key);
    }
}
