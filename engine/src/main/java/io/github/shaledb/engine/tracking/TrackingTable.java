package io.github.shaledb.engine.tracking;

import io.github.shaledb.engine.api.TrackingTableException;
import io.github.shaledb.engine.migrations.Migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Drizzle-compatible tracking table, {@code drizzle.__drizzle_migrations} by default:
 * drizzle-orm 0.x reads id/hash/created_at, 1.x matches by name, and Shale writes all of them.
 */
public final class TrackingTable {
    private final String schema;
    private final String table;
    private final String qualified;

    public TrackingTable(String schema, String table) {
        this.schema = schema;
        this.table = table;
        this.qualified = Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }

    public String qualifiedName() {
        return qualified;
    }

    /**
     * Creates the table, or adds what an older table lacks: the columns drizzle-orm 0.x does not write
     * ({@code name}, {@code applied_at}), the scripts as applied ({@code down_sql}, {@code up_sql}) and the unique
     * guard on {@code name}, so that no migration can be recorded twice whatever the lock does. Call under the
     * lock. A table that has them all is not altered: an ALTER would queue behind every reader of the table.
     *
     * @throws TrackingTableException when a migration is already recorded twice (the guard cannot be added)
     */
    public void ensure(Connection c) throws SQLException, TrackingTableException {
        List<String> statements = ensureStatements(c);
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The statements {@link #ensure} runs on this database now, without running them (a dry run's script shows them). */
    public List<String> ensureStatements(Connection c) throws SQLException, TrackingTableException {
        Set<String> columns = columns(c);
        List<String> statements = new ArrayList<>();
        if (columns.isEmpty()) {
            statements.add("create schema if not exists " + Identifiers.quote(schema));
            statements.add("create table if not exists " + qualified + " (id serial primary key, hash text not null, "
                    + "created_at bigint, name text, applied_at timestamptz default now(), down_sql text, up_sql text)");
            statements.add("create unique index if not exists " + Identifiers.quote(guardName()) + " on " + qualified + " (name)");
            return statements;
        }
        List<String> missing = new ArrayList<>();
        for (String column : List.of("name text", "applied_at timestamptz default now()", "down_sql text", "up_sql text")) {
            if (!columns.contains(column.substring(0, column.indexOf(' ')))) {
                missing.add("add column if not exists " + column);
            }
        }
        if (!missing.isEmpty()) {
            statements.add("alter table " + qualified + " " + String.join(", ", missing));
        }
        // Without a name column yet (drizzle-orm 0.x), there is no guard and no name recorded twice.
        boolean named = columns.contains("name");
        if (!named || !hasGuard(c)) {
            if (named) {
                refuseDuplicates(c);
            }
            statements.add("create unique index if not exists " + Identifiers.quote(guardName()) + " on " + qualified + " (name)");
        }
        return statements;
    }

    /** The unique index's name: the table's, suffixed, within PostgreSQL's 63 bytes. */
    private String guardName() {
        String suffix = "_name_key";
        String base = table.length() + suffix.length() > 63 ? table.substring(0, 63 - suffix.length()) : table;
        return base + suffix;
    }

    /** Whether a unique index on exactly {@code name} exists, whatever it is called. */
    private boolean hasGuard(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select exists (select from pg_index i"
                + " join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace"
                + " join pg_attribute a on a.attrelid = t.oid and a.attnum = i.indkey[0]"
                + " where n.nspname = ? and t.relname = ? and i.indisunique and i.indisvalid and i.indnkeyatts = 1"
                + " and i.indexprs is null and i.indpred is null and a.attname = 'name')")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void refuseDuplicates(Connection c) throws SQLException, TrackingTableException {
        List<String> duplicates = new ArrayList<>();
        List<String> laterIds = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select name, array_agg(id order by id)::text, "
                + "(array_agg(id order by id))[2:]::text from " + qualified + " where name is not null group by name"
                + " having count(*) > 1 order by min(id)")) {
            while (rs.next()) {
                duplicates.add(rs.getString(1) + " (rows " + rs.getString(2) + ")");
                String later = rs.getString(3);
                laterIds.add(later.substring(1, later.length() - 1));
            }
        }
        if (!duplicates.isEmpty()) {
            throw new TrackingTableException(qualified, qualified + " records " + duplicates.size()
                    + " migration(s) more than once, so the unique guard on name that stops a migration being applied"
                    + " twice cannot be added: " + String.join(", ", duplicates) + ". Two runs that did not exclude each"
                    + " other (a transaction-pooling proxy, or another db.lockId) applied them both.",
                    "check that the schema holds each migration's changes once, then remove the later copies: run"
                            + " 'mvn db:repair', or by hand: delete from " + qualified + " where id in ("
                            + String.join(", ", laterIds) + ")");
        }
    }

    /** All rows in id order; empty when the table does not exist yet. */
    public List<AppliedRow> rows(Connection c) throws SQLException {
        Set<String> columns = columns(c);
        if (columns.isEmpty()) {
            return List.of();
        }
        List<AppliedRow> rows = new ArrayList<>();
        boolean hasName = columns.contains("name");
        boolean hasAppliedAt = columns.contains("applied_at");
        String sql = "select id, hash, created_at, " + (hasName ? "name" : "null") + ", "
                + (hasAppliedAt ? "applied_at" : "null::timestamptz") + ", "
                + (columns.contains("down_sql") ? "down_sql is not null" : "false") + " from " + qualified + " order by id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long createdAt = rs.getLong(3);
                rows.add(new AppliedRow(rs.getInt(1), rs.getString(2), rs.wasNull() ? null : createdAt, rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getBoolean(6)));
            }
        }
        return rows;
    }

    /**
     * {@link #rows} in one round trip when the table has every column Shale writes (a table of drizzle-orm 0.x or of an
     * older Shale takes a second one); empty when the table or its schema does not exist. For a fleet's quick look
     * at each target before any lock is taken.
     */
    public List<AppliedRow> rowsInOneTrip(Connection c) throws SQLException {
        List<AppliedRow> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, hash, created_at, name, applied_at,"
                + " down_sql is not null from " + qualified + " order by id")) {
            while (rs.next()) {
                long createdAt = rs.getLong(3);
                rows.add(new AppliedRow(rs.getInt(1), rs.getString(2), rs.wasNull() ? null : createdAt, rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getBoolean(6)));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                return List.of(); // no table (or schema) yet: nothing applied
            }
            if ("42703".equals(e.getSQLState())) {
                return rows(c); // an older table without some of the columns
            }
            throw e;
        }
        return rows;
    }

    /** The table's column names; none when it does not exist. One catalog query. */
    private Set<String> columns(Connection c) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select a.attname from pg_attribute a"
                + " join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace"
                + " where n.nspname = ? and t.relname = ? and a.attnum > 0 and not a.attisdropped")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /**
     * Records {@code m} as applied, with the scripts as they were applied (either may be null). Fails with the
     * unique guard's SQLSTATE 23505 when another run recorded it first.
     */
    public void insert(Connection c, Migration m, String upSql, String downSql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + qualified
                + " (hash, created_at, name, up_sql, down_sql) values (?, ?, ?, ?, ?)")) {
            ps.setString(1, m.hash());
            ps.setLong(2, m.when());
            ps.setString(3, m.tag());
            ps.setString(4, upSql);
            ps.setString(5, downSql);
            ps.executeUpdate();
        }
    }

    /** The statement {@link #insert} runs, with its values as SQL literals (a dry run's script shows it). */
    public String insertStatement(Migration m, String upSql, String downSql) {
        return "insert into " + qualified + " (hash, created_at, name, up_sql, down_sql) values (" + literal(m.hash())
                + ", " + m.when() + ", " + literal(m.tag()) + ", " + literal(upSql) + ", " + literal(downSql) + ")";
    }

    /** The statement {@link #delete} runs (a dry run's script shows it). */
    public String deleteStatement(int id) {
        return "delete from " + qualified + " where id = " + id;
    }

    /** A string literal as PostgreSQL reads it with standard_conforming_strings on (its default since 9.1). */
    private static String literal(String value) {
        return value == null ? "null" : "'" + value.replace("'", "''") + "'";
    }

    /** How far an interrupted run of a migration outside a transaction got: the statements that had run, in order. */
    public record Progress(String hash, List<String> statements, OffsetDateTime updatedAt) {
    }

    /**
     * The table beside the tracking table that remembers, while a migration runs outside a transaction, which of
     * its statements have run: a rerun after a kill resumes after them and can say what the interrupted run left.
     * Only Shale reads it; it is created the first time such a migration runs.
     */
    public String progressTable() {
        String suffix = "_progress";
        return table.length() + suffix.length() > 63 ? table.substring(0, 63 - suffix.length()) + suffix : table + suffix;
    }

    private String progressQualified() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(progressTable());
    }

    /** The progress an interrupted run of {@code tag} left, or null. */
    public Progress progress(Connection c, String tag) throws SQLException {
        if (!progressTableExists(c)) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("select hash, statements, updated_at from " + progressQualified()
                + " where name = ?")) {
            ps.setString(1, tag);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String[] statements = (String[]) rs.getArray(2).getArray();
                return new Progress(rs.getString(1), List.of(statements), rs.getObject(3, OffsetDateTime.class));
            }
        }
    }

    private boolean progressTableExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
            ps.setString(1, progressQualified());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Records the statements of {@code m} that have run (autocommit, after each statement). */
    public void recordProgress(Connection c, Migration m, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists " + progressQualified() + " (name text primary key, hash text not null,"
                    + " statements text[] not null, updated_at timestamptz not null default now())");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + progressQualified() + " (name, hash, statements)"
                + " values (?, ?, ?) on conflict (name) do update set hash = excluded.hash,"
                + " statements = excluded.statements, updated_at = now()")) {
            ps.setString(1, m.tag());
            ps.setString(2, m.hash());
            ps.setArray(3, c.createArrayOf("text", statements.toArray()));
            ps.executeUpdate();
        }
    }

    /** Forgets the progress of {@code tag}: it has been recorded as applied. */
    public void clearProgress(Connection c, String tag) throws SQLException {
        if (!progressTableExists(c)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("delete from " + progressQualified() + " where name = ?")) {
            ps.setString(1, tag);
            ps.executeUpdate();
        }
    }

    /**
     * The lock key the runs on this table use, kept in the table's comment by the first run that finds none.
     * Returns the key recorded before, or null when none was (or it could not be read or written).
     */
    public Long recordLockKey(Connection c, long key) throws SQLException {
        String comment;
        try (PreparedStatement ps = c.prepareStatement("select obj_description(to_regclass(?), 'pg_class')")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                comment = rs.getString(1);
            }
        }
        String prefix = "Migrations applied by Shale and drizzle-orm. Shale migration lock key: ";
        if (comment != null && comment.startsWith(prefix)) {
            try {
                return Long.parseLong(comment.substring(prefix.length()).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (comment == null) {
            try (Statement s = c.createStatement()) {
                s.execute("comment on table " + qualified + " is '" + prefix + key + "'");
            }
        }
        return null;
    }

    /** The down script stored with row {@code id}, or null. */
    public String downScript(Connection c, int id) throws SQLException {
        return text(c, "down_sql", id);
    }

    /** The up script as applied, stored with row {@code id}, or null. */
    public String upScript(Connection c, int id) throws SQLException {
        return text(c, "up_sql", id);
    }

    private String text(Connection c, String column, int id) throws SQLException {
        if (!columns(c).contains(column)) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("select " + column + " from " + qualified + " where id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Re-records the hash (and the script as now on disk) of an applied migration whose file changed. */
    public void updateHash(Connection c, int id, String hash, String upSql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualified + " set hash = ?, up_sql = ? where id = ?")) {
            ps.setString(1, hash);
            ps.setString(2, upSql);
            ps.setInt(3, id);
            ps.executeUpdate();
        }
    }

    /** Gives a row the tag it was matched to: rows of drizzle-orm 0.x have none, rows from before drizzle-kit up an old one. */
    public void setName(Connection c, int id, String tag) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + qualified + " set name = ? where id = ?")) {
            ps.setString(1, tag);
            ps.setInt(2, id);
            ps.executeUpdate();
        }
    }

    public void delete(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + qualified + " where id = ?")) {
            ps.setInt(1, id);
            ps.executeUpdate();
        }
    }
}
