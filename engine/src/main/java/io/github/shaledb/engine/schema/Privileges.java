package io.github.shaledb.engine.schema;

import java.util.List;
import java.util.Objects;

/**
 * The privileges granted on one object, as {@code pg_dump} sees them: against the object's default access
 * control list ({@code acldefault()} for its owner, or its initial privileges such as those of schema
 * {@code public}), which entries of the default are gone and which entries were added. An object whose list
 * equals its default (or is null) has no record. The order of the added entries is that of the list
 * ({@code GRANT} to a new grantee appends), which {@code pg_dump} prints; the owner's name and the grantor are
 * left out (owners differ per environment and are not diffed; a grant made by another grantor is read as the
 * owner's).
 *
 * @param object  the {@link ObjectId} of the object: {@code table}, {@code view} (and materialized view),
 *                {@code sequence}, {@code column}, {@code function} (and procedure, aggregate), {@code type}
 *                (enum, domain, composite, range) or {@code schema}
 * @param type    the word {@code GRANT … ON} names it with: {@code TABLE} (tables, views, materialized views
 *                and columns), {@code SEQUENCE}, {@code FUNCTION}, {@code PROCEDURE}, {@code TYPE} or {@code SCHEMA}
 * @param schema  the schema the object is in, or the schema itself
 * @param name    the object's name; null for a schema
 * @param arguments the argument types of a function ({@code integer, text}); else null
 * @param column  the column of a column's privileges; else null
 * @param revoked entries of the default that the list lacks as they are (a {@code REVOKE}), in the default's order
 * @param granted entries the default lacks (a {@code GRANT}, or an entry of the default with other privileges), in
 *                the list's order
 */
public record Privileges(String object, String type, String schema, String name, String arguments, String column,
                         List<Grant> revoked, List<Grant> granted) {
    public Privileges {
        Objects.requireNonNull(object, "object");
        revoked = Sorted.kept(revoked);
        granted = Sorted.kept(granted);
    }

    /** The same privileges on the object renamed or moved: {@code object} and the names that spell it in SQL. */
    public Privileges on(String object, String schema, String name, String column) {
        return new Privileges(object, type, schema, name, arguments, column, revoked, granted);
    }
}
