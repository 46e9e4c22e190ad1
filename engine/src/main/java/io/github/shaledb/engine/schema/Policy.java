package io.github.shaledb.engine.schema;

import java.util.List;

/**
 * A row-level security policy of a table.
 *
 * @param permissive false for {@code AS RESTRICTIVE}
 * @param roles      the roles it applies to, by name and sorted; {@code public} (which no role can be called)
 *                   for {@code PUBLIC}
 * @param using      {@code pg_get_expr(polqual, polrelid)}, the {@code USING} expression, else null
 * @param withCheck  {@code pg_get_expr(polwithcheck, polrelid)}, the {@code WITH CHECK} expression, else null
 */
public record Policy(QualifiedName table, String name, boolean permissive, Command command, List<String> roles,
                     String using, String withCheck, String comment) {
    public Policy {
        roles = Sorted.natural(roles);
    }

    public TableScopedName key() {
        return new TableScopedName(table, name);
    }

    /** What a policy applies to: {@code FOR ALL}, {@code FOR SELECT}, … ({@code polcmd}). */
    public enum Command {
        ALL, SELECT, INSERT, UPDATE, DELETE
    }
}
