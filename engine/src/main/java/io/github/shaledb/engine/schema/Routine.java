package io.github.shaledb.engine.schema;

import java.util.Comparator;

/**
 * A function, procedure or aggregate (a routine, in SQL's word), told apart from its overloads by its {@link Signature}.
 *
 * @param arguments  {@code pg_get_function_arguments()}: names, modes, types and defaults as declared
 * @param result     {@code pg_get_function_result()}: {@code integer}, {@code SETOF public.users},
 *                   {@code TABLE(id integer)}; null for a procedure
 * @param language   the language's name ({@code sql}, {@code plpgsql}, …); {@code internal} for an aggregate
 * @param definition the whole statement that creates it: {@code pg_get_functiondef()}
 *                   ({@code CREATE OR REPLACE FUNCTION …}) for functions and procedures, a
 *                   {@code CREATE AGGREGATE} assembled from {@code pg_aggregate} for an aggregate
 */
public record Routine(Signature signature, Kind kind, String arguments, String result, String language,
                       String definition, String comment) {

    /**
     * The name and the input argument types as {@code format_type()} prints them, comma-separated:
     * what PostgreSQL tells overloads apart by ({@code public.add(integer, integer)}).
     */
    public record Signature(QualifiedName name, String argumentTypes) implements Comparable<Signature> {
        private static final Comparator<Signature> ORDER =
                Comparator.comparing(Signature::name).thenComparing(Signature::argumentTypes);

        @Override
        public int compareTo(Signature other) {
            return ORDER.compare(this, other);
        }

        /** For messages: {@code public.add(integer, integer)}. */
        @Override
        public String toString() {
            return name + "(" + argumentTypes + ")";
        }
    }

    public enum Kind {
        FUNCTION("FUNCTION"), PROCEDURE("PROCEDURE"), AGGREGATE("AGGREGATE"), WINDOW("FUNCTION");

        private final String sql;

        Kind(String sql) {
            this.sql = sql;
        }

        /** The word DDL uses for it: {@code DROP FUNCTION}, {@code DROP PROCEDURE}, {@code DROP AGGREGATE}. */
        public String sql() {
            return sql;
        }
    }

    public QualifiedName name() {
        return signature.name();
    }
}
