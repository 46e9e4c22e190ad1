package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.QualifiedName;

import java.util.Set;

/** Identifiers and literals as SQL text: bare where PostgreSQL reads them back unchanged, else double-quoted. */
final class SqlIdentifiers {
    /**
     * The keywords PostgreSQL refuses as a bare column or table name: {@code pg_get_keywords()} categories
     * {@code R} (reserved) and {@code T} (reserved, may be a function or type name).
     */
    static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
            "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading",
            "left", "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset",
            "on", "only", "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning",
            "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
            "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
            "verbose", "when", "where", "window", "with");

    private SqlIdentifiers() {
    }

    static String quote(String identifier) {
        if (isBare(identifier) && !RESERVED.contains(identifier)) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code [a-z_][a-z0-9_]*}, checked by hand: a diff quotes every name it writes, and a regex costs more. */
    private static boolean isBare(String identifier) {
        if (identifier.isEmpty()) {
            return false;
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    static String qualified(QualifiedName name) {
        return quote(name.schema()) + "." + quote(name.name());
    }

    /** A string literal; {@code null} becomes {@code NULL} (as in {@code COMMENT ON … IS NULL}). */
    static String literal(String text) {
        if (text == null) {
            return "NULL";
        }
        // E'' keeps a backslash literal whatever standard_conforming_strings says.
        return text.indexOf('\\') >= 0
                ? "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
                : "'" + text.replace("'", "''") + "'";
    }
}
