package io.github.shaledb.engine.schema;

/**
 * The names {@link Dependency} edges use for objects and parts of objects: {@code table public.users},
 * {@code column public.users.email}, {@code function public.slug(text)}. Names are double-quoted unless
 * they are plain lower-case identifiers, so different objects never share an id.
 */
public final class ObjectId {
    private ObjectId() {
    }

    public static String schema(String name) {
        return "schema " + quote(name);
    }

    public static String extension(String name) {
        return "extension " + quote(name);
    }

    public static String table(QualifiedName name) {
        return "table " + qualified(name);
    }

    public static String view(QualifiedName name) {
        return "view " + qualified(name);
    }

    public static String sequence(QualifiedName name) {
        return "sequence " + qualified(name);
    }

    /** Enums, domains, composite and range types. */
    public static String type(QualifiedName name) {
        return "type " + qualified(name);
    }

    public static String collation(QualifiedName name) {
        return "collation " + qualified(name);
    }

    /** An index of a table or materialized view; index names are unique within their schema. */
    public static String index(QualifiedName name) {
        return "index " + qualified(name);
    }

    public static String column(QualifiedName table, String column) {
        return "column " + qualified(table) + "." + quote(column);
    }

    public static String constraint(QualifiedName table, String name) {
        return "constraint " + qualified(table) + "." + quote(name);
    }

    /** A named check of a domain. */
    public static String domainConstraint(QualifiedName domain, String name) {
        return "domain constraint " + qualified(domain) + "." + quote(name);
    }

    public static String trigger(QualifiedName table, String name) {
        return "trigger " + qualified(table) + "." + quote(name);
    }

    public static String policy(QualifiedName table, String name) {
        return "policy " + qualified(table) + "." + quote(name);
    }

    public static String eventTrigger(String name) {
        return "event trigger " + quote(name);
    }

    /** Functions, procedures and aggregates, by name and argument types. */
    public static String function(Routine.Signature signature) {
        return "function " + qualified(signature.name()) + "(" + signature.argumentTypes() + ")";
    }

    /** The kind word of an id: {@code table}, {@code function}, {@code domain constraint}, … */
    public static String kindOf(String id) {
        for (String kind : new String[]{"domain constraint", "event trigger"}) {
            if (id.startsWith(kind + " ")) {
                return kind;
            }
        }
        int space = id.indexOf(' ');
        return space < 0 ? id : id.substring(0, space);
    }

    private static String qualified(QualifiedName name) {
        return quote(name.schema()) + "." + quote(name.name());
    }

    private static String quote(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c == '_' || i > 0 && c >= '0' && c <= '9')) {
                return '"' + name.replace("\"", "\"\"") + '"';
            }
        }
        return name.isEmpty() ? "\"\"" : name;
    }
}
