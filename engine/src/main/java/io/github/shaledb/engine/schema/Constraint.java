package io.github.shaledb.engine.schema;

import java.util.List;

/**
 * A table constraint.
 *
 * @param definition       {@code pg_get_constraintdef(oid, true)}, e.g. {@code FOREIGN KEY (a) REFERENCES public.t(id) ON DELETE CASCADE}
 * @param columns          the constrained columns in key order (for a check: the columns it reads, by name)
 * @param nullsNotDistinct {@code UNIQUE NULLS NOT DISTINCT}
 * @param foreignKey       only for {@link Type#FOREIGN_KEY}
 * @param validated        false for a constraint added {@code NOT VALID} and not validated since
 */
public record Constraint(String name, Type type, String definition, List<String> columns, boolean nullsNotDistinct,
                         ForeignKey foreignKey, boolean deferrable, boolean initiallyDeferred, boolean validated,
                         String comment) {
    public Constraint {
        columns = Sorted.kept(columns);
    }

    public enum Type {
        PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY, EXCLUSION
    }
}
