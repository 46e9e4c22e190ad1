package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.QualifiedName;

import java.util.Map;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Catalog texts (constraint, index and view definitions, expressions) of the source model as PostgreSQL
 * prints them once a rename ran, so that a table or column rename leaves its dependents alone instead of
 * looking like a change to each of them.
 */
final class RenamedText {
    private RenamedText() {
    }

    /**
     * {@code text} with each column name of {@code renamed} (old to new) replaced where it stands as a column:
     * an identifier outside string literals that is not qualified (after {@code .}), not a type (after
     * {@code ::}), not a function (before {@code (}) and not a collation.
     */
    static String columns(String text, Map<String, String> renamed) {
        if (text == null || renamed.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            int end;
            String name;
            if (ch == '\'') {
                end = skipQuoted(text, i, '\'');
                out.append(text, i, end);
                i = end;
                continue;
            } else if (ch == '"') {
                end = skipQuoted(text, i, '"');
                name = text.substring(i + 1, end - 1).replace("\"\"", "\"");
            } else if (Character.isLetter(ch) || ch == '_') {
                end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                        || text.charAt(end) == '$')) {
                    end++;
                }
                name = text.substring(i, end);
            } else if (Character.isDigit(ch)) {
                end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                out.append(text, i, end);
                i = end;
                continue;
            } else {
                out.append(ch);
                i++;
                continue;
            }
            String replacement = renamed.get(name);
            if (replacement != null && standsAsColumn(text, i, end)) {
                out.append(quote(replacement));
            } else {
                out.append(text, i, end);
            }
            i = end;
        }
        return out.toString();
    }

    /** Every {@code schema.old} as PostgreSQL prints it replaced by {@code schema.new}. */
    static String table(String text, QualifiedName old, QualifiedName next) {
        if (text == null || old.equals(next)) {
            return text;
        }
        String from = qualified(old);
        StringBuilder out = new StringBuilder();
        int at = 0;
        int found;
        while ((found = text.indexOf(from, at)) >= 0) {
            int end = found + from.length();
            boolean whole = (found == 0 || !identifierChar(text.charAt(found - 1)))
                    && (end == text.length() || !identifierChar(text.charAt(end)));
            out.append(text, at, found).append(whole ? qualified(next) : from);
            at = end;
        }
        return out.append(text.substring(at)).toString();
    }

    /**
     * A view's query after its table was renamed: the qualified name, and the column prefix PostgreSQL
     * derives from the table's name when the query gave it no alias ({@code t.a} becomes {@code t2.a}).
     */
    static String viewAfterTableRename(String definition, QualifiedName old, QualifiedName next) {
        String text = table(definition, old, next);
        String prefix = quote(old.name()) + ".";
        StringBuilder out = new StringBuilder();
        int at = 0;
        int found;
        while ((found = text.indexOf(prefix, at)) >= 0) {
            boolean whole = found == 0 || !identifierChar(text.charAt(found - 1)) && text.charAt(found - 1) != '.';
            out.append(text, at, found).append(whole ? quote(next.name()) + "." : prefix);
            at = found + prefix.length();
        }
        return out.append(text.substring(at)).toString();
    }

    /**
     * A trigger's definition ({@code pg_get_triggerdef()}) after its table {@code old} became {@code next} and its
     * columns were renamed ({@code renamed}, old to new): the table after {@code ON}, the {@code UPDATE OF} columns,
     * and the {@code new.x} and {@code old.x} of its {@code WHEN}.
     */
    static String trigger(String definition, QualifiedName old, QualifiedName next, Map<String, String> renamed) {
        String text = table(definition, old, next);
        if (renamed.isEmpty()) {
            return text;
        }
        int on = text.indexOf(" ON " + qualified(next) + " ");
        int when = on < 0 ? -1 : text.indexOf(" WHEN (", on);
        int execute = text.lastIndexOf(" EXECUTE ");
        if (on < 0) {
            return text;
        }
        String events = text.substring(0, on);
        int of = events.indexOf(" UPDATE OF ");
        if (of >= 0) {
            events = events.substring(0, of) + columns(events.substring(of), renamed);
        }
        if (when < 0 || execute < when) {
            return events + text.substring(on);
        }
        return events + text.substring(on, when) + rowColumns(text.substring(when, execute), renamed)
                + text.substring(execute);
    }

    /** {@code new.x} and {@code old.x} of a trigger's {@code WHEN} with each column of {@code renamed} replaced. */
    private static String rowColumns(String text, Map<String, String> renamed) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = skipQuoted(text, i, ch);
                out.append(text, i, end);
                i = end;
                continue;
            }
            boolean row = (text.startsWith("new.", i) || text.startsWith("old.", i))
                    && (i == 0 || !identifierChar(text.charAt(i - 1)) && text.charAt(i - 1) != '.');
            if (!row) {
                out.append(ch);
                i++;
                continue;
            }
            int start = i + 4;
            int end;
            String name;
            if (start < text.length() && text.charAt(start) == '"') {
                end = skipQuoted(text, start, '"');
                name = text.substring(start + 1, end - 1).replace("\"\"", "\"");
            } else {
                end = start;
                while (end < text.length() && identifierChar(text.charAt(end)) && text.charAt(end) != '"') {
                    end++;
                }
                name = text.substring(start, end);
            }
            String replacement = renamed.get(name);
            out.append(text, i, start).append(replacement == null ? text.substring(start, end) : quote(replacement));
            i = end;
        }
        return out.toString();
    }

    private static boolean standsAsColumn(String text, int start, int end) {
        int before = start - 1;
        while (before >= 0 && text.charAt(before) == ' ') {
            before--;
        }
        if (before >= 0 && (text.charAt(before) == '.' || text.charAt(before) == ':')) {
            return false;
        }
        if (text.startsWith("COLLATE", Math.max(0, before - 6)) && before >= 6) {
            return false;
        }
        int after = end;
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        return after >= text.length() || text.charAt(after) != '(' && text.charAt(after) != '.';
    }

    /** The index just past a quoted token starting at {@code start}, doubled quotes inside it included. */
    private static int skipQuoted(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            if (text.charAt(i) == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static boolean identifierChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '$' || ch == '"';
    }
}
