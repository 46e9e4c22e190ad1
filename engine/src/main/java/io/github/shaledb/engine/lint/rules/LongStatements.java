package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.DdlStatement.Kind;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.TableAction;
import io.github.shaledb.engine.lint.TracedStatement;

/** Which statements and {@code ALTER TABLE} actions read or rewrite a whole table, and so run long on a big one. */
final class LongStatements {

    private LongStatements() {
    }

    /** What makes the action of {@code s} (on an existing table) rewrite or scan the table; null when it does neither. */
    static String action(LintedMigration m, DdlStatement s, TableAction a) {
        String table = s.table();
        return switch (a.type()) {
            case ALTER_COLUMN_TYPE -> {
                Boolean traced = m.rewrote(s, table);
                Boolean rewrites = traced != null ? traced
                        : ColumnTypeRewrite.rewrites(RuleSupport.columnType(m, s, table, a.column()), a);
                yield Boolean.TRUE.equals(rewrites) ? "the type change of " + a.column() + " rewrites the table" : null;
            }
            case ADD_COLUMN -> RuleSupport.addColumnRewrite(a.columnDef()) == null ? null
                    : "adding " + a.column() + " rewrites the table";
            case SET_NOT_NULL -> RuleSupport.validatedNotNullCheck(m, s, table, a.column()) ? null
                    : "SET NOT NULL of " + a.column() + " reads every row";
            case ADD_CONSTRAINT -> {
                ConstraintDef c = a.constraint();
                yield switch (c.type()) {
                    case CHECK, FOREIGN_KEY -> c.notValid() ? null : "the new constraint is checked on every row";
                    case UNIQUE, PRIMARY_KEY -> c.usingIndex() != null ? null : "the new constraint builds an index";
                    case EXCLUDE -> "the exclusion constraint builds an index";
                    default -> null;
                };
            }
            case VALIDATE_CONSTRAINT -> "VALIDATE CONSTRAINT reads every row";
            case ADD_GENERATED -> "a new generation expression rewrites the table";
            case SET_TABLESPACE, SET_LOGGED -> "it rewrites the table";
            default -> null;
        };
    }

    /** What makes {@code s} run long (a rewrite or a scan of a table that holds rows); null when it is quick. */
    static String statement(LintedMigration m, DdlStatement s) {
        TracedStatement trace = m.trace(s);
        if (trace != null && !trace.rewritten().isEmpty()) {
            return "tracing saw it rewrite " + String.join(", ", trace.rewritten());
        }
        boolean existing = s.table() != null && m.existing(s.table(), s.index());
        return switch (s.kind()) {
            case ALTER_TABLE -> {
                if (!existing) {
                    yield null;
                }
                for (TableAction a : s.actions()) {
                    String why = action(m, s, a);
                    if (why != null) {
                        yield why;
                    }
                }
                yield null;
            }
            case CREATE_INDEX -> existing && !s.concurrently() && !onOnly(s) ? "it builds an index of a table" : null;
            case REINDEX -> s.concurrently() ? null : "it rebuilds indexes";
            case UPDATE, DELETE -> existing ? "it " + s.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + "s rows of a table" : null;
            case INSERT -> RuleSupport.insertSelect(s) ? "INSERT … SELECT reads a table" : null;
            case CREATE_TABLE_AS -> "it reads a query's rows";
            case REFRESH_MATERIALIZED_VIEW -> "it re-runs the view's query";
            case VACUUM -> s.full() ? "VACUUM FULL rewrites tables" : null;
            case CLUSTER -> "CLUSTER rewrites tables";
            default -> null;
        };
    }

    static boolean onOnly(DdlStatement s) {
        int on = RuleSupport.token(s, "on");
        return on >= 0 && on + 1 < s.tokens().size() && s.tokens().get(on + 1).is("only");
    }

    /** Whether the statement is transaction control that ends the transaction (and releases its locks). */
    static boolean ends(DdlStatement s) {
        return s.kind() == Kind.COMMIT || s.kind() == Kind.ROLLBACK;
    }
}
