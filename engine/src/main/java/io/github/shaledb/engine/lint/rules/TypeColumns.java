package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.lint.ColumnDef;
import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.TableAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The columns a migration creates (CREATE TABLE, ADD COLUMN) or retypes (ALTER COLUMN TYPE), for the type-* rules. */
final class TypeColumns {

    /**
     * A column as the migration leaves it.
     *
     * @param statement where
     * @param table     its table
     * @param column    its name
     * @param type      the type as written, lower-cased, array brackets and {@code pg_catalog.} removed
     * @param written   the type as written
     * @param key       the table's only PRIMARY KEY column, or an identity or serial column
     * @param retyped   set by {@code ALTER COLUMN … TYPE}
     */
    record Typed(DdlStatement statement, String table, String column, String type, String written, boolean key,
                 boolean retyped) {
    }

    private TypeColumns() {
    }

    static List<Typed> of(LintedMigration m) {
        List<Typed> out = new ArrayList<>();
        for (DdlStatement s : m.statements()) {
            if (s.table() == null) {
                continue;
            }
            if (s.kind() == DdlStatement.Kind.CREATE_TABLE) {
                List<String> pk = s.constraints().stream().filter(c -> c.type() == ConstraintDef.Type.PRIMARY_KEY)
                        .findFirst().map(ConstraintDef::columns).orElse(List.of());
                for (ColumnDef c : s.columnDefs()) {
                    boolean key = c.primaryKey() || c.identity() || c.serial()
                            || pk.size() == 1 && pk.get(0).equals(c.name());
                    add(out, s, c.name(), c.type(), key, false);
                }
            } else if (s.kind() == DdlStatement.Kind.ALTER_TABLE) {
                for (TableAction a : s.actions()) {
                    if (a.type() == TableAction.Type.ADD_COLUMN && a.columnDef() != null) {
                        ColumnDef c = a.columnDef();
                        add(out, s, c.name(), c.type(), c.primaryKey() || c.identity() || c.serial(), false);
                    } else if (a.type() == TableAction.Type.ALTER_COLUMN_TYPE) {
                        add(out, s, a.column(), a.dataType(), false, true);
                    }
                }
            }
        }
        return out;
    }

    private static void add(List<Typed> out, DdlStatement s, String column, String written, boolean key,
                            boolean retyped) {
        if (column == null || written == null) {
            return;
        }
        String type = written.toLowerCase(Locale.ROOT).strip();
        while (type.endsWith("[]")) {
            type = type.substring(0, type.length() - 2).strip();
        }
        if (type.startsWith("pg_catalog.")) {
            type = type.substring("pg_catalog.".length());
        }
        out.add(new Typed(s, s.table(), column, type, written, key, retyped));
    }

    /** The statement with the column's type replaced, or a column definition when the text cannot be matched. */
    static String rewrite(Typed t, String typePattern, String replacement) {
        String text = RulesBSupport.text(t.statement());
        String rewritten = RulesBSupport.retype(text, t.column(), typePattern, replacement);
        return rewritten != null ? rewritten
                : "-- the column as " + RulesBSupport.ident(t.column()) + " " + replacement + "\n" + text;
    }
}
