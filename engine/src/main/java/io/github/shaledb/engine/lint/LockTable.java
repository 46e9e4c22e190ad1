package io.github.shaledb.engine.lint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The table-level lock each statement takes, from PostgreSQL's manual ("Explicit Locking", and each command's page)
 * and its source ({@code AlterTableGetLockLevel}). Where tracing ran, the rules use what {@code pg_locks} showed
 * instead; {@code LockTableTest} proves the two agree. An index is named only when its lock is stronger than the one
 * on its table (as tracing reports it).
 */
public final class LockTable {

    private LockTable() {
    }

    /** @return the relations the statement locks ({@code schema.name}) and how, strongest per relation; empty if none */
    public static Map<String, LockMode> expected(DdlStatement s, SchemaFacts facts) {
        Map<String, LockMode> locks = new LinkedHashMap<>();
        switch (s.kind()) {
            case CREATE_INDEX -> put(locks, s.table(), s.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE);
            case DROP_INDEX -> {
                String table = facts.tableOfIndex(s.objectName());
                LockMode mode = s.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
                put(locks, table, mode);
                if (table == null) {
                    put(locks, s.objectName(), mode); // the index is the one relation known to be locked
                }
            }
            case REINDEX -> {
                if (s.table() != null) {
                    put(locks, s.table(), s.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE);
                } else if (s.objectName() != null && s.value() == null) {
                    String table = facts.tableOfIndex(s.objectName());
                    put(locks, table, s.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE);
                    if (!s.concurrently() || table == null) {
                        // Named when stronger than the table's SHARE, or when the table is unknown.
                        put(locks, s.objectName(), s.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE);
                    }
                }
            }
            case ALTER_TABLE -> alterTable(s, locks);
            case DROP_TABLE, TRUNCATE -> s.tables().forEach(table -> put(locks, table, LockMode.ACCESS_EXCLUSIVE));
            case VACUUM -> s.tables().forEach(table -> put(locks, table,
                    s.full() ? LockMode.ACCESS_EXCLUSIVE : LockMode.SHARE_UPDATE_EXCLUSIVE));
            case CLUSTER -> put(locks, s.table(), LockMode.ACCESS_EXCLUSIVE);
            case CREATE_TRIGGER -> put(locks, s.table(), LockMode.SHARE_ROW_EXCLUSIVE);
            case CREATE_TABLE -> {
                s.columnDefs().stream().filter(c -> c.references() != null)
                        .forEach(c -> put(locks, c.references().refTable(), LockMode.SHARE_ROW_EXCLUSIVE));
                s.constraints().stream().filter(c -> c.type() == ConstraintDef.Type.FOREIGN_KEY)
                        .forEach(c -> put(locks, c.refTable(), LockMode.SHARE_ROW_EXCLUSIVE));
            }
            case REFRESH_MATERIALIZED_VIEW -> put(locks, s.table(),
                    s.concurrently() ? LockMode.EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE);
            case LOCK -> {
                LockMode mode = lockTableMode(s.value());
                s.tables().forEach(table -> put(locks, table, mode));
            }
            case INSERT, UPDATE, DELETE -> put(locks, s.table(), LockMode.ROW_EXCLUSIVE);
            default -> {
            }
        }
        return locks;
    }

    private static void alterTable(DdlStatement s, Map<String, LockMode> locks) {
        for (TableAction a : s.actions()) {
            put(locks, s.table(), actionLock(a));
            if (a.type() == TableAction.Type.ADD_CONSTRAINT && a.constraint().type() == ConstraintDef.Type.FOREIGN_KEY) {
                put(locks, a.constraint().refTable(), LockMode.SHARE_ROW_EXCLUSIVE);
            }
            if (a.type() == TableAction.Type.ADD_COLUMN && a.columnDef().references() != null) {
                put(locks, a.columnDef().references().refTable(), LockMode.SHARE_ROW_EXCLUSIVE);
            }
            if (a.type() == TableAction.Type.VALIDATE_CONSTRAINT) {
                // A foreign key's validation also reads the referenced table (ROW SHARE); not named here: unknown.
                continue;
            }
            if (a.type() == TableAction.Type.ATTACH_PARTITION || a.type() == TableAction.Type.DETACH_PARTITION) {
                put(locks, a.name(), a.type() == TableAction.Type.DETACH_PARTITION && a.concurrently()
                        ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE);
            }
        }
    }

    /** The lock of one ALTER TABLE action on the altered table ({@code AlterTableGetLockLevel}). */
    public static LockMode actionLock(TableAction a) {
        return switch (a.type()) {
            case VALIDATE_CONSTRAINT, SET_STATISTICS, CLUSTER_ON, ATTACH_PARTITION -> LockMode.SHARE_UPDATE_EXCLUSIVE;
            case DETACH_PARTITION -> a.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
            case ADD_CONSTRAINT -> a.constraint().type() == ConstraintDef.Type.FOREIGN_KEY
                    ? LockMode.SHARE_ROW_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
            case TRIGGER_STATE -> LockMode.SHARE_ROW_EXCLUSIVE;
            case SET_OPTIONS -> LockMode.SHARE_UPDATE_EXCLUSIVE;
            default -> LockMode.ACCESS_EXCLUSIVE;
        };
    }

    private static LockMode lockTableMode(String written) {
        if (written == null) {
            return LockMode.ACCESS_EXCLUSIVE;
        }
        try {
            return LockMode.valueOf(written.trim().replace(' ', '_'));
        } catch (IllegalArgumentException unknown) {
            return LockMode.ACCESS_EXCLUSIVE;
        }
    }

    private static void put(Map<String, LockMode> locks, String relation, LockMode mode) {
        if (relation != null) {
            locks.merge(relation, mode, LockMode::max);
        }
    }
}
