package io.github.shaledb.engine.lint.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether {@code ALTER COLUMN … TYPE} rewrites the table, judged from the old and the new type as written: the changes
 * PostgreSQL makes without touching the rows (its binary-coercible casts and length checks that only relax) do not.
 */
final class TypeChange {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"), Map.entry("varchar", "varchar"),
            Map.entry("character", "bpchar"), Map.entry("char", "bpchar"), Map.entry("bpchar", "bpchar"),
            Map.entry("text", "text"), Map.entry("decimal", "numeric"), Map.entry("numeric", "numeric"),
            Map.entry("bit varying", "varbit"), Map.entry("varbit", "varbit"), Map.entry("bit", "bit"),
            Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("int4", "int4"),
            Map.entry("bigint", "int8"), Map.entry("int8", "int8"), Map.entry("smallint", "int2"),
            Map.entry("int2", "int2"), Map.entry("timestamp", "timestamp"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamptz", "timestamptz"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("time", "time"),
            Map.entry("time without time zone", "time"), Map.entry("timetz", "timetz"),
            Map.entry("time with time zone", "timetz"), Map.entry("double precision", "float8"),
            Map.entry("float8", "float8"), Map.entry("float", "float8"), Map.entry("real", "float4"),
            Map.entry("float4", "float4"), Map.entry("boolean", "bool"), Map.entry("bool", "bool"));

    /** A type as {@code base(modifiers)[]}. */
    record Type(String base, List<Integer> modifiers, boolean array) {
        boolean unconstrained() {
            return modifiers.isEmpty();
        }

        int mod(int i) {
            return i < modifiers.size() ? modifiers.get(i) : 0;
        }
    }

    private TypeChange() {
    }

    /** @return the type read, or null when there is none */
    static Type parse(String written) {
        if (written == null || written.isBlank()) {
            return null;
        }
        String t = written.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        t = t.replaceFirst("^pg_catalog\\.", "").replace("\"", "");
        boolean array = false;
        if (t.endsWith("[]") || t.matches(".* array(\\[\\d*])?$")) {
            array = true;
            t = t.replaceAll("(\\[\\d*])+$", "").replaceFirst(" array$", "").strip();
        }
        List<Integer> modifiers = new ArrayList<>();
        int open = t.indexOf('(');
        if (open >= 0) {
            int close = t.indexOf(')', open);
            if (close < 0) {
                return null;
            }
            for (String part : t.substring(open + 1, close).split(",")) {
                try {
                    modifiers.add(Integer.parseInt(part.strip()));
                } catch (NumberFormatException notANumber) {
                    return new Type(t, List.of(), array);
                }
            }
            t = (t.substring(0, open) + " " + t.substring(close + 1)).strip().replaceAll("\\s+", " ");
        }
        String base = ALIASES.getOrDefault(t, t);
        if (base.equals("bpchar") && modifiers.isEmpty() && !t.equals("bpchar")) {
            modifiers.add(1);
        }
        if (base.equals("float8") && t.equals("float") && !modifiers.isEmpty()) {
            base = modifiers.get(0) <= 24 ? "float4" : "float8";
            modifiers.clear();
        }
        return new Type(base, List.copyOf(modifiers), array);
    }

    /**
     * @param using the {@code USING} expression as written, or null
     * @return whether changing {@code column} from {@code oldType} to {@code newType} rewrites the table; null when a
     * type cannot be read
     */
    static Boolean rewrites(String oldType, String newType, String column, String using) {
        Type from = parse(oldType);
        Type to = parse(newType);
        if (from == null || to == null) {
            return null;
        }
        if (using != null && !usesColumnItself(using, column, newType)) {
            return true;
        }
        if (from.equals(to)) {
            return false;
        }
        if (from.array() != to.array()) {
            return true;
        }
        if (from.array()) {
            return true;
        }
        return !relaxes(from, to);
    }

    /** The changes PostgreSQL makes without a rewrite (and without a scan). */
    private static boolean relaxes(Type from, Type to) {
        String a = from.base();
        String b = to.base();
        if (a.equals(b)) {
            return switch (a) {
                case "varchar", "varbit" -> to.unconstrained() || !from.unconstrained() && to.mod(0) >= from.mod(0);
                case "numeric" -> to.unconstrained()
                        || !from.unconstrained() && to.mod(0) >= from.mod(0) && to.mod(1) == from.mod(1);
                case "timestamp", "timestamptz", "time", "timetz", "interval" -> to.unconstrained()
                        || !from.unconstrained() && to.mod(0) >= from.mod(0);
                default -> false;
            };
        }
        if (b.equals("text")) {
            // bpchar to text trims trailing blanks (a function, not a relabel): it rewrites.
            return a.equals("varchar");
        }
        if (b.equals("varchar")) {
            return a.equals("text") && to.unconstrained();
        }
        return a.equals("cidr") && b.equals("inet");
    }

    /** {@code USING col} or {@code USING col::newtype}: the same as no {@code USING}. */
    private static boolean usesColumnItself(String using, String column, String newType) {
        String u = using.toLowerCase(Locale.ROOT).replaceAll("[\\s\"()]", "");
        String c = column.toLowerCase(Locale.ROOT);
        String n = newType.toLowerCase(Locale.ROOT).replaceAll("[\\s\"()]", "");
        return u.equals(c) || u.equals(c + "::" + n);
    }
}
