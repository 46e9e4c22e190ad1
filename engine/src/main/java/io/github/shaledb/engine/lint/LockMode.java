package io.github.shaledb.engine.lint;

import java.util.Locale;

/**
 * PostgreSQL's table-level lock modes, weakest first (the table in "Explicit Locking" of the manual). The order is the
 * order of strength used here: a stronger mode conflicts with at least what a weaker one does.
 */
public enum LockMode {
    ACCESS_SHARE,
    ROW_SHARE,
    ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    EXCLUSIVE,
    ACCESS_EXCLUSIVE;

    /** @return the mode as the manual and {@code LOCK TABLE} write it, e.g. {@code SHARE ROW EXCLUSIVE} */
    public String sqlName() {
        return name().replace('_', ' ');
    }

    /** @return the mode named as {@code pg_locks.mode} names it ({@code AccessExclusiveLock}), or null */
    public static LockMode fromPgLocks(String mode) {
        if (mode == null || !mode.endsWith("Lock")) {
            return null;
        }
        String words = mode.substring(0, mode.length() - 4).replaceAll("([a-z])([A-Z])", "$1_$2");
        try {
            return valueOf(words.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAMode) {
            return null;
        }
    }

    /** @return whether plain {@code SELECT}s on the table wait while this is held */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** @return whether {@code INSERT}/{@code UPDATE}/{@code DELETE} on the table wait while this is held */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** @return what it blocks, for a finding: "reads and writes", "writes", or "other schema changes" */
    public String blocks() {
        if (blocksReads()) {
            return "reads and writes";
        }
        return blocksWrites() ? "writes" : "other schema changes and VACUUM";
    }

    /** @return the stronger of the two; null counts as weaker than any mode */
    public static LockMode max(LockMode a, LockMode b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
