package io.github.shaledb.engine.run;

import io.github.shaledb.engine.diff.Change;
import io.github.shaledb.engine.diff.Hazard;
import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a diff changes, one line per object rather than per statement: {@code + table public.orders},
 * {@code ~ column public.users.email: type text → citext}, {@code - index public.users_email}, each with its
 * hazards beside it. Read from the statements the differ wrote, so every kind it can write has a line; a statement
 * it cannot place is shown by its first words.
 */
final class ChangeSummary {
    private static final Set<String> KINDS = Set.of("TABLE", "VIEW", "INDEX", "SEQUENCE", "TYPE", "DOMAIN", "SCHEMA",
            "EXTENSION", "FUNCTION", "PROCEDURE", "TRIGGER", "POLICY", "COLLATION", "AGGREGATE", "RULE", "CONSTRAINT");
    private static final Set<String> MODIFIERS = Set.of("OR", "REPLACE", "UNIQUE", "UNLOGGED", "MATERIALIZED", "RECURSIVE",
            "EVENT", "TEMP", "TEMPORARY", "GLOBAL", "LOCAL", "DEFAULT", "TRUSTED", "PROCEDURAL");

    /** One object's line; {@code hazardous} when a statement about it carries a hazard. */
    record Line(String text, boolean hazardous) {
    }

    private static final class Entry {
        final String label;
        char first;
        String table;
        boolean created;
        boolean dropped;
        final List<String> parts = new ArrayList<>();
        final Set<String> details = new LinkedHashSet<>();
        final Set<String> hazards = new LinkedHashSet<>();

        Entry(String label) {
            this.label = label;
        }
    }

    private ChangeSummary() {
    }

    /** @param from the schema the changes start from, for what a column's type was */
    static List<Line> of(List<Change> changes, SchemaModel from) {
        Map<String, Entry> objects = new LinkedHashMap<>();
        for (Change change : changes) {
            Target t = target(change.sql(), from);
            Entry e = objects.computeIfAbsent(t.label, Entry::new);
            if (e.first == 0) {
                e.first = t.verb;
                e.table = t.table;
            }
            if (t.verb == '+') {
                e.created = true;
            } else if (t.verb == '-') {
                e.dropped = true;
            }
            if (t.detail != null) {
                e.details.add(t.detail);
            }
            for (Hazard h : change.hazards()) {
                e.hazards.add(h.kind() + ": " + h.description());
            }
        }
        // A new table's own indexes and constraints are named on its line: 500 new tables read as 500 lines.
        for (Entry e : objects.values()) {
            Entry table = e.table == null ? null : objects.get("table " + e.table);
            if (table != null && table != e && onlyCreated(table) && onlyCreated(e) && e.hazards.isEmpty()) {
                table.parts.add(e.label.substring(0, e.label.indexOf(' ')) + " " + e.label.substring(e.label.lastIndexOf('.') + 1));
                e.first = 'x';
            }
        }
        List<Line> lines = new ArrayList<>();
        for (Entry e : objects.values()) {
            if (e.first == 'x' || e.first == '+' && e.dropped && e.hazards.isEmpty()) {
                // Folded into its table's line, or made and dropped within the migration (the check behind SET NOT NULL).
                continue;
            }
            char verb = e.created && e.dropped ? '~' : e.created ? '+' : e.dropped ? '-' : '~';
            List<String> details = new ArrayList<>(e.details);
            if (e.created && e.dropped) {
                details.add(0, "recreated");
            }
            StringBuilder text = new StringBuilder().append(verb).append(' ').append(e.label);
            if (!e.parts.isEmpty()) {
                text.append(" with ").append(String.join(", ", e.parts));
            }
            if (!details.isEmpty() && verb == '~') {
                text.append(": ").append(String.join(", ", details));
            }
            if (!e.hazards.isEmpty()) {
                text.append("  [hazard ").append(String.join("; ", e.hazards)).append(']');
            }
            lines.add(new Line(text.toString(), !e.hazards.isEmpty()));
        }
        return lines;
    }

    /** @param table the table an index, constraint, trigger or policy belongs to; null for other objects */
    private static boolean onlyCreated(Entry e) {
        return e.created && !e.dropped;
    }

    record Target(char verb, String label, String detail, String table) {
        Target(char verb, String label, String detail) {
            this(verb, label, detail, null);
        }
    }

    /** The object a statement is about, what it does to it ({@code + - ~}), and for an alteration, what changed. */
    static Target target(String sql, SchemaModel from) {
        Words w = new Words(sql);
        String first = w.keyword();
        try {
            switch (first) {
                case "CREATE": {
                    String kind = kind(w);
                    if (kind == null) {
                        break;
                    }
                    w.skip("CONCURRENTLY");
                    w.skip("IF", "NOT", "EXISTS");
                    return new Target('+', kind + " " + name(kind, w), null, w.table);
                }
                case "DROP": {
                    String kind = kind(w);
                    if (kind == null) {
                        break;
                    }
                    w.skip("CONCURRENTLY");
                    w.skip("IF", "EXISTS");
                    return new Target('-', kind + " " + name(kind, w), null, w.table);
                }
                case "ALTER": {
                    String kind = kind(w);
                    if (kind == null) {
                        break;
                    }
                    w.skip("IF", "EXISTS");
                    w.skip("ONLY");
                    if (kind.equals("table")) {
                        return alterTable(w, from);
                    }
                    String name = name(kind, w);
                    String action = w.rest(4);
                    return new Target('~', kind + " " + name, action.isEmpty() ? null : action);
                }
                case "COMMENT": {
                    w.skip("ON");
                    String kind = kind(w);
                    if (kind == null && w.peekKeyword().equals("COLUMN")) {
                        w.keyword();
                        kind = "column";
                    }
                    if (kind == null) {
                        break;
                    }
                    return new Target('~', kind + " " + name(kind, w), "comment");
                }
                case "GRANT":
                case "REVOKE": {
                    while (w.more() && !w.peekKeyword().equals("ON")) {
                        w.next();
                    }
                    if (!w.more()) {
                        break;
                    }
                    w.keyword();
                    String kind = kind(w);
                    String name = w.name();
                    return new Target('~', (kind == null ? "table" : kind) + " " + name, "privileges");
                }
                default:
                    break;
            }
        } catch (RuntimeException e) {
            // A form this reader does not know: shown by its first words below.
        }
        return new Target('~', "statement " + new Words(sql).rest(6), null);
    }

    private static Target alterTable(Words w, SchemaModel from) {
        String table = w.name();
        String action = w.keyword();
        switch (action) {
            case "ADD": {
                String what = w.peekKeyword();
                if (what.equals("CONSTRAINT")) {
                    w.keyword();
                    return new Target('+', "constraint " + table + "." + w.name(), null, table);
                }
                if (Set.of("PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE").contains(what)) {
                    return new Target('~', "table " + table, what.toLowerCase(Locale.ROOT) + " constraint added");
                }
                w.skip("COLUMN");
                w.skip("IF", "NOT", "EXISTS");
                return new Target('+', "column " + table + "." + w.name(), null);
            }
            case "DROP": {
                if (w.peekKeyword().equals("CONSTRAINT")) {
                    w.keyword();
                    w.skip("IF", "EXISTS");
                    return new Target('-', "constraint " + table + "." + w.name(), null, table);
                }
                w.skip("COLUMN");
                w.skip("IF", "EXISTS");
                return new Target('-', "column " + table + "." + w.name(), null);
            }
            case "ALTER": {
                if (w.peekKeyword().equals("CONSTRAINT")) {
                    w.keyword();
                    return new Target('~', "constraint " + table + "." + w.name(), w.rest(3));
                }
                w.skip("COLUMN");
                String column = w.name();
                String label = "column " + table + "." + column;
                String change = w.peekKeyword();
                if (change.equals("TYPE") || change.equals("SET") && w.peekKeyword(1).equals("DATA")) {
                    w.skip("SET", "DATA");
                    w.keyword();
                    String type = w.until("USING", "COLLATE");
                    String old = oldType(from, table, column);
                    return new Target('~', label, "type " + (old == null ? "" : old + " → ") + type);
                }
                return new Target('~', label, w.rest(4).toLowerCase(Locale.ROOT));
            }
            case "VALIDATE": {
                w.skip("CONSTRAINT");
                return new Target('~', "constraint " + table + "." + w.name(), "validated", table);
            }
            case "RENAME": {
                if (w.peekKeyword().equals("TO")) {
                    w.keyword();
                    return new Target('~', "table " + table, "renamed to " + w.name());
                }
                String kind = w.peekKeyword().equals("CONSTRAINT") ? "constraint" : "column";
                w.skip("COLUMN");
                w.skip("CONSTRAINT");
                String old = w.name();
                w.skip("TO");
                return new Target('~', kind + " " + table + "." + old, "renamed to " + w.name());
            }
            default:
                w.back();
                return new Target('~', "table " + table, w.rest(4).toLowerCase(Locale.ROOT));
        }
    }

    /** The column's type in the schema the change starts from, or null when it is not there. */
    private static String oldType(SchemaModel from, String table, String column) {
        int dot = table.lastIndexOf('.');
        if (from == null || dot < 0) {
            return null;
        }
        return from.table(QualifiedName.of(table.substring(0, dot), table.substring(dot + 1)))
                .flatMap(t -> t.column(column)).map(Column::type).orElse(null);
    }

    /** The kind after CREATE/DROP/ALTER, modifiers kept where they name another kind ({@code materialized view}). */
    private static String kind(Words w) {
        List<String> kept = new ArrayList<>();
        while (w.more() && MODIFIERS.contains(w.peekKeyword())) {
            String m = w.keyword();
            if (m.equals("MATERIALIZED") || m.equals("EVENT")) {
                kept.add(m.toLowerCase(Locale.ROOT));
            }
        }
        if (!w.more() || !KINDS.contains(w.peekKeyword())) {
            return null;
        }
        kept.add(w.keyword().toLowerCase(Locale.ROOT));
        return String.join(" ", kept);
    }

    /**
     * The object's name; an index is named in its table's schema, a trigger, policy or rule after its table, and an
     * index created without a name by its table.
     */
    private static String name(String kind, Words w) {
        if (kind.equals("index") && w.peekKeyword().equals("ON")) {
            w.keyword();
            w.skip("ONLY");
            w.table = w.name();
            return "on " + w.table;
        }
        String name = w.name();
        if (kind.equals("index") && !name.contains(".")) {
            while (w.more() && !w.peekKeyword().equals("ON")) {
                w.next();
            }
            if (w.more()) {
                w.keyword();
                w.skip("ONLY");
                w.table = w.name();
                int dot = w.table.lastIndexOf('.');
                return dot < 0 ? name : w.table.substring(0, dot) + "." + name;
            }
        }
        if (kind.equals("trigger") || kind.equals("policy") || kind.equals("rule")) {
            while (w.more() && !w.peekKeyword().equals("ON")) {
                w.next();
            }
            if (w.more()) {
                w.keyword();
                w.table = w.name();
                return w.table + "." + name;
            }
        }
        return name;
    }

    /** The words of a statement: identifiers (quotes removed), keywords, and single punctuation characters. */
    private static final class Words {
        private final List<String> tokens = new ArrayList<>();
        private final List<Boolean> quoted = new ArrayList<>();
        private int at;
        /** The table the statement's object belongs to, once {@link ChangeSummary#name} has read it. */
        String table;

        Words(String sql) {
            int i = 0;
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    while (i < n && sql.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '"') {
                    StringBuilder id = new StringBuilder();
                    i++;
                    while (i < n) {
                        if (sql.charAt(i) == '"') {
                            if (i + 1 < n && sql.charAt(i + 1) == '"') {
                                id.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        id.append(sql.charAt(i++));
                    }
                    add(id.toString(), true);
                } else if (c == '\'') {
                    int start = i++;
                    while (i < n) {
                        if (sql.charAt(i) == '\'') {
                            if (i + 1 < n && sql.charAt(i + 1) == '\'') {
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        i++;
                    }
                    add(sql.substring(start, i), true);
                } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                    int start = i;
                    while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                        i++;
                    }
                    add(sql.substring(start, i), false);
                } else {
                    add(String.valueOf(c), false);
                    i++;
                }
            }
        }

        private void add(String token, boolean isQuoted) {
            tokens.add(token);
            quoted.add(isQuoted);
        }

        boolean more() {
            return at < tokens.size() && !tokens.get(at).equals(";");
        }

        String next() {
            return tokens.get(at++);
        }

        void back() {
            at--;
        }

        String keyword() {
            return more() ? next().toUpperCase(Locale.ROOT) : "";
        }

        String peekKeyword() {
            return peekKeyword(0);
        }

        String peekKeyword(int ahead) {
            int i = at + ahead;
            return i < tokens.size() && !quoted.get(i) ? tokens.get(i).toUpperCase(Locale.ROOT) : "";
        }

        /** Consumes the keywords when they all come next. */
        void skip(String... keywords) {
            for (int i = 0; i < keywords.length; i++) {
                if (!peekKeyword(i).equals(keywords[i])) {
                    return;
                }
            }
            at += keywords.length;
        }

        /** A possibly qualified name, {@code a.b.c}, without its quotes. */
        String name() {
            StringBuilder name = new StringBuilder(next());
            while (at + 1 < tokens.size() && tokens.get(at).equals(".")) {
                at++;
                name.append('.').append(next());
            }
            return name.toString();
        }

        /** The text up to one of the keywords (or the end), for a type: {@code character varying(20)}. */
        String until(String... keywords) {
            Set<String> stop = Set.of(keywords);
            List<String> words = new ArrayList<>();
            while (more() && !stop.contains(peekKeyword()) && !tokens.get(at).equals(",")) {
                words.add(next());
            }
            return join(words);
        }

        /** Up to {@code words} further words, to say what an unfamiliar statement or alteration does. */
        String rest(int words) {
            List<String> out = new ArrayList<>();
            int count = 0;
            while (more() && count < words) {
                String t = next();
                out.add(t);
                if (!t.equals(".") && !t.equals("(") && !t.equals(")")) {
                    count++;
                }
            }
            return join(out);
        }

        /** Words with spaces between them, none around {@code . ( ) [ ]}. */
        private static String join(List<String> words) {
            StringBuilder text = new StringBuilder();
            for (String t : words) {
                boolean tight = t.equals("(") || t.equals(")") || t.equals(",") || t.equals("[") || t.equals("]")
                        || t.equals(".");
                char last = text.length() == 0 ? ' ' : text.charAt(text.length() - 1);
                if (text.length() > 0 && !tight && last != '(' && last != '.' && last != '[') {
                    text.append(' ');
                }
                text.append(t);
            }
            return text.toString();
        }
    }
}
