package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.TableAction;
import io.github.shaledb.engine.sql.SqlToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the RULES-B rules share: names as SQL, the statements before one, token look-ups. */
final class RulesBSupport {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private RulesBSupport() {
    }

    /** {@code public.orders} → {@code orders}, {@code app.Orders} → {@code app."Orders"}: the name as SQL. */
    static String sql(String qualified) {
        if (qualified == null) {
            return "?";
        }
        int dot = qualified.indexOf('.');
        if (dot < 0) {
            return ident(qualified);
        }
        String schema = qualified.substring(0, dot);
        String name = qualified.substring(dot + 1);
        return schema.equals("public") ? ident(name) : ident(schema) + "." + ident(name);
    }

    /** An identifier as SQL: quoted unless plain lower case. */
    static String ident(String name) {
        return name != null && PLAIN.matcher(name).matches() ? name : "\"" + String.valueOf(name).replace("\"", "\"\"") + "\"";
    }

    /** The last part of {@code schema.name}. */
    static String simple(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    /** The schema of {@code schema.name}. */
    static String schemaOf(String qualified) {
        int dot = qualified.indexOf('.');
        return dot < 0 ? "public" : qualified.substring(0, dot);
    }

    /** The statements of earlier migrations, then those of this one before {@code index}. */
    static List<DdlStatement> before(LintedMigration m, int index) {
        List<DdlStatement> out = new ArrayList<>(m.earlier());
        for (DdlStatement s : m.statements()) {
            if (s.index() < index) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether {@code column} was added to {@code table} by a statement of this migration before {@code index}. */
    static boolean columnAddedHere(LintedMigration m, String table, String column, int index) {
        for (DdlStatement s : m.statements()) {
            if (s.index() >= index) {
                break;
            }
            if (s.kind() == DdlStatement.Kind.ALTER_TABLE && table.equals(s.table())) {
                for (TableAction a : s.actions(TableAction.Type.ADD_COLUMN)) {
                    if (column != null && column.equals(a.column())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The position of the first top-level keyword {@code word} in the statement, or -1. */
    static int find(DdlStatement s, String word) {
        List<SqlToken> t = s.tokens();
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).depth() == 0 && t.get(i).is(word)) {
                return i;
            }
        }
        return -1;
    }

    /** The (possibly qualified) name after token {@code from}, skipping {@code IF [NOT] EXISTS}; {@code public.} added. */
    static String nameAfter(DdlStatement s, int from) {
        List<SqlToken> t = s.tokens();
        int p = from + 1;
        if (p < t.size() && t.get(p).is("if")) {
            p++;
            if (p < t.size() && t.get(p).is("not")) {
                p++;
            }
            p++;
        }
        if (p >= t.size() || !t.get(p).isName()) {
            return null;
        }
        String name = t.get(p).identifier();
        if (p + 2 < t.size() && t.get(p + 1).isSymbol('.') && t.get(p + 2).isName()) {
            return name + "." + t.get(p + 2).identifier();
        }
        return name;
    }

    /** Whether {@code IF NOT EXISTS} / {@code IF EXISTS} is written at the top level. */
    static boolean hasIfExists(DdlStatement s) {
        List<SqlToken> t = s.tokens();
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i).depth() == 0 && t.get(i).is("if") && (t.get(i + 1).is("exists") || t.get(i + 1).is("not"))) {
                return true;
            }
        }
        return false;
    }

    /** The schema a {@code CREATE SCHEMA} creates, or null. */
    static String createdSchema(DdlStatement s) {
        if (s.kind() != DdlStatement.Kind.CREATE_SCHEMA) {
            return null;
        }
        int at = find(s, "schema");
        String name = at < 0 ? null : nameAfter(s, at);
        if (name != null && name.equals("authorization")) {
            return null;
        }
        return name;
    }

    /** The view a {@code CREATE [OR REPLACE] VIEW} creates, {@code schema.name}; null for others. */
    static String createdView(DdlStatement s) {
        if (s.kind() != DdlStatement.Kind.CREATE_VIEW) {
            return null;
        }
        int at = find(s, "view");
        String name = at < 0 ? null : nameAfter(s, at);
        return name == null ? null : name.contains(".") ? name : "public." + name;
    }

    /** Replaces, in a statement's text, the type written after {@code column} ({@code typePattern}) with {@code type}. */
    static String retype(String text, String column, String typePattern, String type) {
        String col = "(?:\"" + Pattern.quote(column) + "\"|" + Pattern.quote(column) + ")";
        Pattern p = Pattern.compile("((?<![\\w\"])" + col + "\\s+(?:set\\s+data\\s+)?(?:type\\s+)?)(?:" + typePattern
                + ")(?![\\w])", Pattern.CASE_INSENSITIVE);
        Matcher m = p.matcher(text);
        if (m.find()) {
            return text.substring(0, m.start()) + m.group(1) + type + text.substring(m.end());
        }
        return null;
    }

    /** A statement's text, trimmed, ending with a semicolon. */
    static String text(DdlStatement s) {
        String text = s.sql().text().strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        return text + ";";
    }

    /** Whether a constraint is a foreign key. */
    static boolean fk(ConstraintDef c) {
        return c != null && c.type() == ConstraintDef.Type.FOREIGN_KEY;
    }

    /**
     * The column's type before statement {@code index}: from the schema facts, else from the last definition
     * (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE) in earlier migrations and this one; null when unknown.
     */
    static String columnType(LintedMigration m, String table, String column, int index) {
        List<DdlStatement> here = new ArrayList<>();
        for (DdlStatement s : m.statements()) {
            if (s.index() < index) {
                here.add(s);
            }
        }
        String type = lastType(here, table, column);
        if (type == null) {
            type = m.before().columnType(table, column);
        }
        return type != null ? type : lastType(m.earlier(), table, column);
    }

    private static String lastType(List<DdlStatement> statements, String table, String column) {
        String type = null;
        for (DdlStatement s : statements) {
            if (!table.equals(s.table())) {
                continue;
            }
            if (s.kind() == DdlStatement.Kind.CREATE_TABLE) {
                type = null;
                for (var c : s.columnDefs()) {
                    if (column.equals(c.name())) {
                        type = c.type();
                    }
                }
            } else if (s.kind() == DdlStatement.Kind.ALTER_TABLE) {
                for (TableAction a : s.actions()) {
                    if (column.equals(a.column())) {
                        if (a.type() == TableAction.Type.ADD_COLUMN && a.columnDef() != null) {
                            type = a.columnDef().type();
                        } else if (a.type() == TableAction.Type.ALTER_COLUMN_TYPE) {
                            type = a.dataType();
                        }
                    }
                }
            }
        }
        return type;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
