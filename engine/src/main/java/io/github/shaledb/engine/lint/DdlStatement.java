package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.sql.SqlStatement;
import io.github.shaledb.engine.sql.SqlToken;
import java.util.List;

/**
 * A statement of a migration as the lint rules read it: what kind it is, the table it acts on and, for
 * {@code ALTER TABLE}, its actions. Read from tokens, so nothing inside a string, comment or function body counts.
 * Unknown forms are {@link Kind#OTHER} with the tokens kept; a rule never guesses beyond what is written.
 *
 * @param index        0-based position in its migration
 * @param sql          the statement and where it is in the file
 * @param tokens       its tokens
 * @param kind         what it is
 * @param table        the relation it acts on, {@code schema.name} (unqualified names are read as {@code public});
 *                     null when none or several (see {@code tables})
 * @param tables       every table named, for statements that take a list ({@code DROP TABLE a, b}, {@code TRUNCATE})
 * @param objectName   the index of {@code CREATE}/{@code DROP INDEX} and {@code REINDEX INDEX} ({@code schema.name}),
 *                     the schema of {@code DROP SCHEMA}, the domain or type of {@code ALTER DOMAIN/TYPE}, the
 *                     parameter of {@code SET}/{@code RESET} (lower-cased); else null
 * @param concurrently {@code CONCURRENTLY} is written where the statement takes it
 * @param ifExists     {@code IF EXISTS} or {@code IF NOT EXISTS} is written
 * @param unique       {@code CREATE UNIQUE INDEX}
 * @param full         {@code VACUUM FULL} (also {@code VACUUM (FULL)})
 * @param local        {@code SET LOCAL}
 * @param value        the value of {@code SET name = value} as written, the new label of
 *                     {@code ALTER TYPE … ADD VALUE}, the constraint of {@code ALTER DOMAIN … VALIDATE/DROP}
 * @param positioned   {@code ALTER TYPE … ADD VALUE … BEFORE/AFTER}; {@code ALTER DOMAIN … ADD … NOT VALID}
 * @param columns      the key columns of {@code CREATE INDEX} (plain column names only; expressions are left out)
 * @param columnDefs   the columns of {@code CREATE TABLE}
 * @param constraints  the table constraints of {@code CREATE TABLE}; the constraint of
 *                     {@code ALTER DOMAIN … ADD}
 * @param actions      the actions of {@code ALTER TABLE}
 */
public record DdlStatement(int index, SqlStatement sql, List<SqlToken> tokens, Kind kind, String table,
                           List<String> tables, String objectName, boolean concurrently, boolean ifExists,
                           boolean unique, boolean full, boolean local, String value, boolean positioned,
                           List<String> columns, List<ColumnDef> columnDefs, List<ConstraintDef> constraints,
                           List<TableAction> actions) {

    /** What a statement is, as far as the rules care. */
    public enum Kind {
        CREATE_TABLE, CREATE_TABLE_AS, CREATE_INDEX, DROP_INDEX, REINDEX, ALTER_TABLE, ALTER_INDEX, DROP_TABLE,
        DROP_SCHEMA, TRUNCATE, VACUUM, CLUSTER, CREATE_DOMAIN, ALTER_DOMAIN, CREATE_TYPE, ALTER_TYPE, CREATE_TRIGGER,
        CREATE_VIEW, CREATE_FUNCTION, CREATE_SCHEMA, CREATE_SEQUENCE, CREATE_EXTENSION, REFRESH_MATERIALIZED_VIEW,
        SET, RESET, BEGIN, COMMIT, ROLLBACK, LOCK, INSERT, UPDATE, DELETE, SELECT, COPY, CREATE_OTHER,
        DROP_OTHER, ALTER_OTHER, COMMENT, GRANT, OTHER
    }

    /** Copies the lists. */
    public DdlStatement {
        tokens = List.copyOf(tokens);
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
        columnDefs = List.copyOf(columnDefs);
        constraints = List.copyOf(constraints);
        actions = List.copyOf(actions);
    }

    /** @return the statement's first line, trimmed, for messages */
    public String firstLine() {
        String text = sql.text().strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip() + " …";
    }

    /** @return whether it changes rows rather than the schema ({@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code COPY}) */
    public boolean isDml() {
        return kind == Kind.INSERT || kind == Kind.UPDATE || kind == Kind.DELETE || kind == Kind.COPY;
    }

    /** @return whether the actions include one of {@code type} */
    public boolean has(TableAction.Type type) {
        return actions.stream().anyMatch(a -> a.type() == type);
    }

    /** @return the actions of {@code type}, in order */
    public List<TableAction> actions(TableAction.Type type) {
        return actions.stream().filter(a -> a.type() == type).toList();
    }
}
