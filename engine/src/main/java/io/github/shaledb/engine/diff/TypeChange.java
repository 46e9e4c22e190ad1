package io.github.shaledb.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What changing a column from one {@code format_type()} text to another needs and risks. */
record TypeChange(String from, String to) {
    private static final Pattern MODIFIED = Pattern.compile("([a-z ]+)\\((\\d+)(?:,(\\d+))?\\)");
    private static final Map<String, Integer> INTEGER_WIDTH = Map.of("smallint", 2, "integer", 4, "bigint", 8);
    private static final List<String> STRINGS = List.of("text", "character varying", "character");
    private static final List<String> NUMBERS = List.of("smallint", "integer", "bigint", "numeric", "real", "double precision");
    private static final List<String> TIMES = List.of("date", "timestamp without time zone", "timestamp with time zone");

    /** False where PostgreSQL has an implicit or assignment cast, so a plain {@code TYPE} works. */
    boolean needsUsing() {
        String f = base(from);
        String t = base(to);
        if (from.endsWith("[]") || to.endsWith("[]")) {
            return !(from.endsWith("[]") && to.endsWith("[]") && sameFamily(base(element(from)), base(element(to))));
        }
        return !(STRINGS.contains(t) || sameFamily(f, t));
    }

    /**
     * The {@code USING} expression over {@code column} (quoted): a scalar becomes a one-element array
     * ({@code ARRAY[b]}), an array its first element ({@code b[1]}), as no cast turns one into the other; else a
     * cast.
     */
    String using(String column) {
        boolean fromArray = from.endsWith("[]");
        boolean toArray = to.endsWith("[]");
        if (!fromArray && toArray) {
            return "ARRAY[" + column + "]::" + to;
        }
        if (fromArray && !toArray) {
            return "(" + column + ")[1]::" + to;
        }
        return column + "::" + to;
    }

    private static boolean sameFamily(String f, String t) {
        return f.equals(t) || STRINGS.contains(f) && STRINGS.contains(t) || NUMBERS.contains(f) && NUMBERS.contains(t)
                || TIMES.contains(f) && TIMES.contains(t);
    }

    /**
     * Whether a foreign key over the column can stay through the change: the old and new types compare
     * with each other (integers of any width, text and varchar), as the other end still has the old one.
     */
    boolean keepsKeysComparable() {
        String f = base(from);
        String t = base(to);
        return f.equals(t) && from.endsWith("[]") == to.endsWith("[]")
                || INTEGER_WIDTH.containsKey(f) && INTEGER_WIDTH.containsKey(t)
                || List.of("text", "character varying").containsAll(List.of(f, t));
    }

    List<Hazard> hazards(String column) {
        List<Hazard> hazards = new ArrayList<>();
        if (!widensInPlace()) {
            hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "changes the type of " + column + " from " + from
                    + " to " + to + " under an ACCESS EXCLUSIVE lock"));
        }
        if (from.endsWith("[]") && !to.endsWith("[]")) {
            hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, "keeps only the first element of each array in " + column
                    + " (" + from + " to " + to + ")"));
        }
        if (narrows()) {
            hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, "narrows " + column + " from " + from + " to " + to
                    + ": values that do not fit are cut or fail"));
        }
        return hazards;
    }

    /** varchar(n) to a longer varchar or to text, numeric(p,s) to an unconstrained numeric: no rewrite. */
    private boolean widensInPlace() {
        String f = base(from);
        String t = base(to);
        if (f.equals("character varying") && (t.equals("text") || t.equals("character varying") && length(to) >= length(from))) {
            return true;
        }
        return f.equals("numeric") && to.equals("numeric");
    }

    private boolean narrows() {
        String f = base(from);
        String t = base(to);
        if (INTEGER_WIDTH.containsKey(f) && INTEGER_WIDTH.containsKey(t)) {
            return INTEGER_WIDTH.get(t) < INTEGER_WIDTH.get(f);
        }
        if (STRINGS.contains(f) && STRINGS.contains(t)) {
            return length(to) < length(from);
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            return precision(to, 2) < precision(from, 2) || precision(to, 3) < precision(from, 3);
        }
        return (f.equals("numeric") || f.equals("double precision") || f.equals("bigint")) && INTEGER_WIDTH.containsKey(t)
                || f.equals("double precision") && t.equals("real");
    }

    /** The type name without modifiers: {@code character varying(10)} → {@code character varying}. */
    static String base(String type) {
        int paren = type.indexOf('(');
        return paren < 0 ? type : type.substring(0, paren);
    }

    private static String element(String arrayType) {
        return arrayType.substring(0, arrayType.length() - 2);
    }

    /** The length limit of a string type; unlimited when there is none. */
    private static long length(String type) {
        Matcher m = MODIFIED.matcher(type);
        if (m.matches()) {
            return Long.parseLong(m.group(2));
        }
        return base(type).equals("character") ? 1 : Long.MAX_VALUE;
    }

    private static long precision(String type, int group) {
        Matcher m = MODIFIED.matcher(type);
        if (m.matches() && m.group(group) != null) {
            return Long.parseLong(m.group(group));
        }
        return group == 2 ? Long.MAX_VALUE : (m.matches() ? 0 : Long.MAX_VALUE);
    }
}
