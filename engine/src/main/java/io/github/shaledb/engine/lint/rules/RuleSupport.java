package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.lint.ColumnDef;
import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.DdlStatement.Kind;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.TableAction;
import io.github.shaledb.engine.sql.SqlToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What several of the lock rules share: names for SQL, what earlier statements defined, what rewrites or scans. */
final class RuleSupport {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "both", "case", "cast", "check", "collate", "column", "constraint", "create", "default", "desc",
            "distinct", "do", "else", "end", "except", "false", "for", "foreign", "from", "grant", "group", "having",
            "in", "into", "leading", "limit", "not", "null", "offset", "on", "only", "or", "order", "primary",
            "references", "select", "table", "then", "to", "true", "union", "unique", "user", "using", "when",
            "where", "window", "with");
    private static final Pattern VOLATILE = Pattern.compile("(?i)\\b(random|clock_timestamp|gen_random_uuid|"
            + "uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|uuid_generate_v7|uuidv4|uuidv7|nextval|timeofday|"
            + "gen_random_bytes|setseed|txid_current|pg_current_xact_id)\\s*\\(");

    private RuleSupport() {
    }

    /** {@code public.orders} as SQL: {@code orders}; other schemas kept; parts quoted when they need it. */
    static String sql(String qualified) {
        if (qualified == null) {
            return null;
        }
        String name = qualified.startsWith("public.") ? qualified.substring("public.".length()) : qualified;
        StringBuilder out = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            out.append(out.length() > 0 ? "." : "").append(ident(part));
        }
        return out.toString();
    }

    /** One identifier as SQL, quoted when the server would not read it back as written. */
    static String ident(String name) {
        if (name == null) {
            return null;
        }
        return PLAIN_NAME.matcher(name).matches() && !RESERVED.contains(name) ? name
                : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The unqualified name of {@code schema.name}. */
    static String local(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    /** The statement's text without the trailing semicolon, trimmed. */
    static String text(DdlStatement s) {
        String text = s.sql().text().strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    /** The statement's first line without its semicolon, for messages. */
    static String first(DdlStatement s) {
        return s.firstLine().replaceAll(";\\s*$", "");
    }

    /** The statement's text with {@code insert} put right after its token {@code tokenIndex}. */
    static String insertAfter(DdlStatement s, int tokenIndex, String insert) {
        SqlToken token = s.tokens().get(tokenIndex);
        String text = s.sql().text();
        int at = token.offset() + token.text().length();
        return (text.substring(0, at) + insert + text.substring(at)).strip().replaceAll(";\\s*$", "");
    }

    /** The index of the first token that is {@code keyword} at depth 0, or -1. */
    static int token(DdlStatement s, String keyword) {
        List<SqlToken> tokens = s.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).depth() == 0 && tokens.get(i).is(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** All statements before {@code s}: every earlier migration's, then this one's up to {@code s}. */
    static List<DdlStatement> history(LintedMigration m, DdlStatement s) {
        List<DdlStatement> all = new ArrayList<>(m.earlier());
        all.addAll(m.statements().subList(0, s.index()));
        return all;
    }

    /** The table of {@code index}: from the facts, else the last {@code CREATE INDEX} of it before {@code s}. */
    static String tableOfIndex(LintedMigration m, DdlStatement s, String index) {
        if (index == null) {
            return null;
        }
        String known = m.before().tableOfIndex(index);
        List<DdlStatement> history = history(m, s);
        for (int i = history.size() - 1; i >= 0; i--) {
            DdlStatement h = history.get(i);
            if (h.kind() == Kind.CREATE_INDEX && index.equals(h.objectName())) {
                return h.table();
            }
        }
        return known;
    }

    /** Whether the index was created by a statement of this migration before {@code s}. */
    static boolean indexCreatedHere(LintedMigration m, DdlStatement s, String index) {
        return m.statements().subList(0, s.index()).stream()
                .anyMatch(h -> h.kind() == Kind.CREATE_INDEX && index != null && index.equals(h.objectName()));
    }

    /** Whether the statement's table is partitioned, as the statements before it created it. */
    static boolean partitioned(LintedMigration m, DdlStatement s, String table) {
        boolean partitioned = false;
        for (DdlStatement h : history(m, s)) {
            if (h.kind() == Kind.CREATE_TABLE && table.equals(h.table())) {
                partitioned = false;
                List<SqlToken> t = h.tokens();
                for (int i = 0; i + 1 < t.size(); i++) {
                    if (t.get(i).depth() == 0 && t.get(i).is("partition") && t.get(i + 1).is("by")) {
                        partitioned = true;
                    }
                }
            }
        }
        return partitioned;
    }

    /** The partitions of {@code parent} the statements before {@code s} created or attached. */
    static List<String> partitions(LintedMigration m, DdlStatement s, String parent) {
        Set<String> out = new LinkedHashSet<>();
        for (DdlStatement h : history(m, s)) {
            List<SqlToken> t = h.tokens();
            if (h.kind() == Kind.CREATE_TABLE) {
                for (int i = 0; i + 2 < t.size(); i++) {
                    if (t.get(i).depth() == 0 && t.get(i).is("partition") && t.get(i + 1).is("of")) {
                        String of = t.get(i + 2).identifier();
                        if (i + 4 < t.size() && t.get(i + 3).isSymbol('.')) {
                            of = of + "." + t.get(i + 4).identifier();
                        } else {
                            of = "public." + of;
                        }
                        if (of.equals(parent)) {
                            out.add(h.table());
                        }
                    }
                }
            }
            if (h.kind() == Kind.ALTER_TABLE && parent.equals(h.table())) {
                h.actions(TableAction.Type.ATTACH_PARTITION).forEach(a -> out.add(a.name()));
                h.actions(TableAction.Type.DETACH_PARTITION).forEach(a -> out.remove(a.name()));
            }
            if (h.kind() == Kind.DROP_TABLE) {
                h.tables().forEach(out::remove);
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The column's type before {@code s}: as this migration last defined it, else the facts, else as an earlier
     * migration last defined it; null when unknown.
     */
    static String columnType(LintedMigration m, DdlStatement s, String table, String column) {
        Map<String, String> types = new HashMap<>();
        Set<String> definedHere = new java.util.HashSet<>();
        List<DdlStatement> history = history(m, s);
        int firstHere = m.earlier().size();
        for (int i = 0; i < history.size(); i++) {
            DdlStatement h = history.get(i);
            define(h, types, i >= firstHere ? definedHere : new java.util.HashSet<>());
        }
        String key = table + "|" + column;
        if (definedHere.contains(key)) {
            return types.get(key);
        }
        String fact = m.before().columnType(table, column);
        return fact != null ? fact : types.get(key);
    }

    private static void define(DdlStatement h, Map<String, String> types, Set<String> touched) {
        if (h.kind() == Kind.CREATE_TABLE && h.table() != null) {
            String prefix = h.table() + "|";
            types.keySet().removeIf(k -> k.startsWith(prefix));
            for (ColumnDef c : h.columnDefs()) {
                types.put(prefix + c.name(), c.type());
                touched.add(prefix + c.name());
            }
        } else if (h.kind() == Kind.DROP_TABLE) {
            for (String table : h.tables()) {
                types.keySet().removeIf(k -> k.startsWith(table + "|"));
            }
        } else if (h.kind() == Kind.ALTER_TABLE && h.table() != null) {
            String prefix = h.table() + "|";
            for (TableAction a : h.actions()) {
                switch (a.type()) {
                    case ADD_COLUMN -> {
                        types.put(prefix + a.column(), a.columnDef().type());
                        touched.add(prefix + a.column());
                    }
                    case ALTER_COLUMN_TYPE -> {
                        types.put(prefix + a.column(), a.dataType());
                        touched.add(prefix + a.column());
                    }
                    case DROP_COLUMN -> types.remove(prefix + a.column());
                    case RENAME_COLUMN -> {
                        String type = types.remove(prefix + a.column());
                        if (type != null) {
                            types.put(prefix + a.name(), type);
                        }
                        touched.add(prefix + a.name());
                    }
                    case RENAME_TABLE -> {
                        String schema = h.table().substring(0, h.table().lastIndexOf('.') + 1);
                        Map<String, String> moved = new HashMap<>();
                        types.entrySet().removeIf(e -> {
                            if (e.getKey().startsWith(prefix)) {
                                moved.put(schema + a.name() + "|" + e.getKey().substring(prefix.length()), e.getValue());
                                return true;
                            }
                            return false;
                        });
                        types.putAll(moved);
                    }
                    default -> {
                    }
                }
            }
        }
    }

    /** An expression read from tokens (one space apart) as one would write it: {@code now()}, not {@code now ( )}. */
    static String expr(String expression) {
        if (expression == null) {
            return null;
        }
        return expression.replaceAll("([\\w\"])\\s+\\(", "$1(").replaceAll("\\(\\s+", "(").replaceAll("\\s+\\)", ")")
                .replaceAll("\\s+,", ",").replaceAll("\\s*::\\s*", "::");
    }

    /** Whether a {@code DEFAULT} expression is volatile (evaluated per row, so adding the column rewrites the table). */
    static boolean volatileDefault(String expression) {
        return expression != null && VOLATILE.matcher(expression).find();
    }

    /** Why adding this column rewrites the table, or null when it does not (a stable or constant default does not). */
    static String addColumnRewrite(ColumnDef c) {
        if (c.serial()) {
            return "a " + c.type() + " column takes its default from a sequence, one new value per row";
        }
        if (c.identity()) {
            return "an identity column fills every existing row with a new value";
        }
        if (c.generatedStored()) {
            return "a stored generated column is computed and written for every existing row";
        }
        if (volatileDefault(c.defaultExpr())) {
            return "the default " + expr(c.defaultExpr()) + " is volatile: it is evaluated and written for every existing row";
        }
        return null;
    }

    /** Whether a {@code CHECK} expression is exactly {@code column IS NOT NULL}. */
    static boolean isNotNullCheck(String expression, String column) {
        if (expression == null) {
            return false;
        }
        String e = expression.replaceAll("[()\\s\"]", "").toLowerCase(Locale.ROOT);
        return e.equals(column.replace("\"", "").toLowerCase(Locale.ROOT) + "isnotnull");
    }

    /**
     * Whether a validated {@code CHECK (column IS NOT NULL)} holds on the table when {@code s} runs: the facts say so,
     * or a statement before it added one without {@code NOT VALID} or validated it, and it was not dropped since.
     */
    static boolean validatedNotNullCheck(LintedMigration m, DdlStatement s, String table, String column) {
        if (Boolean.TRUE.equals(m.before().hasValidatedNotNullCheck(table, column))) {
            return true;
        }
        Map<String, Boolean> checks = new HashMap<>();
        boolean anonymousValid = false;
        for (DdlStatement h : history(m, s)) {
            if (h.kind() == Kind.CREATE_TABLE && table.equals(h.table())) {
                checks.clear();
                anonymousValid = false;
                for (ConstraintDef c : h.constraints()) {
                    if (c.type() == ConstraintDef.Type.CHECK && isNotNullCheck(c.expression(), column)) {
                        if (c.name() == null) {
                            anonymousValid = true;
                        } else {
                            checks.put(c.name(), true);
                        }
                    }
                }
                for (ColumnDef c : h.columnDefs()) {
                    if (c.name().equals(column) && isNotNullCheck(c.check(), column)) {
                        anonymousValid = true;
                    }
                }
            }
            if (h.kind() != Kind.ALTER_TABLE || !table.equals(h.table())) {
                continue;
            }
            for (TableAction a : h.actions()) {
                if (a.type() == TableAction.Type.ADD_CONSTRAINT && a.constraint().type() == ConstraintDef.Type.CHECK
                        && isNotNullCheck(a.constraint().expression(), column)) {
                    if (a.constraint().name() == null) {
                        anonymousValid |= !a.constraint().notValid();
                    } else {
                        checks.put(a.constraint().name(), !a.constraint().notValid());
                    }
                } else if (a.type() == TableAction.Type.VALIDATE_CONSTRAINT && checks.containsKey(a.name())) {
                    checks.put(a.name(), true);
                } else if (a.type() == TableAction.Type.DROP_CONSTRAINT) {
                    checks.remove(a.name());
                } else if (a.type() == TableAction.Type.DROP_COLUMN && column.equals(a.column())) {
                    checks.clear();
                    anonymousValid = false;
                }
            }
        }
        return anonymousValid || checks.containsValue(true);
    }

    /** The constraint's name as the server would choose it when none is written ({@code orders_customer_id_fkey}). */
    static String constraintName(String table, ConstraintDef c) {
        if (c.name() != null) {
            return c.name();
        }
        String cols = c.columns().isEmpty() ? "" : "_" + String.join("_", c.columns());
        String suffix = switch (c.type()) {
            case FOREIGN_KEY -> "fkey";
            case PRIMARY_KEY -> "pkey";
            case UNIQUE -> "key";
            case EXCLUDE -> "excl";
            default -> "check";
        };
        return local(table) + (c.type() == ConstraintDef.Type.PRIMARY_KEY ? "" : cols) + "_" + suffix;
    }

    /** The body of an {@code ADD [CONSTRAINT name] …} action as written, without {@code ADD} and the name. */
    static String constraintBody(TableAction a) {
        return a.text().replaceFirst("(?is)^add\\s+(constraint\\s+(\"(?:[^\"]|\"\")*\"|\\S+)\\s+)?", "").strip();
    }

    /** Whether the statement is {@code INSERT … SELECT} (reads another table, possibly for long). */
    static boolean insertSelect(DdlStatement s) {
        return s.kind() == Kind.INSERT && s.tokens().stream().anyMatch(t -> t.depth() == 0 && t.is("select"));
    }

    /** Whether the statement needs to run outside a transaction block because of {@code CONCURRENTLY}. */
    static boolean concurrentStatement(DdlStatement s) {
        return switch (s.kind()) {
            case CREATE_INDEX, DROP_INDEX, REINDEX -> s.concurrently();
            case ALTER_TABLE -> s.actions().stream()
                    .anyMatch(a -> a.type() == TableAction.Type.DETACH_PARTITION && a.concurrently());
            default -> false;
        };
    }

    /**
     * The {@code ALTER TABLE} statements a {@code DO} block runs (as drizzle-kit wrapped foreign keys:
     * {@code DO $$ BEGIN ALTER TABLE … ADD CONSTRAINT …; EXCEPTION WHEN duplicate_object THEN null; END $$;}), read
     * with the block's index and position; empty for any other statement.
     */
    static List<DdlStatement> doBlockStatements(DdlStatement s) {
        List<SqlToken> tokens = s.tokens();
        if (tokens.isEmpty() || !tokens.get(0).is("do")) {
            return List.of();
        }
        List<DdlStatement> out = new ArrayList<>();
        for (SqlToken token : tokens) {
            if (token.kind() != SqlToken.Kind.STRING || !token.text().startsWith("$")) {
                continue;
            }
            java.util.regex.Matcher m = DO_ALTER.matcher(token.text());
            while (m.find()) {
                out.add(io.github.shaledb.engine.lint.DdlParser.parse(new io.github.shaledb.engine.sql.SqlStatement(
                        m.group(), s.sql().offset(), s.sql().line(), s.sql().column(), false), s.index()));
            }
        }
        return out;
    }

    private static final Pattern DO_ALTER = Pattern.compile("(?is)\\balter\\s+table\\b[^;]*");

    /** Shown at the head of a second migration in a safe rewrite. */
    static String nextMigration(String what) {
        return "-- next migration" + (what == null ? "" : " (" + what + ")") + ":\n";
    }
}
