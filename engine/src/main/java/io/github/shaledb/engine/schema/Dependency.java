package io.github.shaledb.engine.schema;

import java.util.Comparator;

/**
 * {@code object} needs {@code dependsOn} to exist: a column's type or default, a check's function, a
 * function's argument type, a trigger's function. Both are {@link ObjectId}s. Read from
 * {@code pg_depend}, so the diff can create in dependency order and drop in the reverse.
 */
public record Dependency(String object, String dependsOn) implements Comparable<Dependency> {
    private static final Comparator<Dependency> ORDER =
            Comparator.comparing(Dependency::object).thenComparing(Dependency::dependsOn);

    /** For messages: {@code column public.users.email -> function public.lower_email(text)}. */
    @Override
    public String toString() {
        return object + " -> " + dependsOn;
    }

    @Override
    public int compareTo(Dependency other) {
        return ORDER.compare(this, other);
    }
}
