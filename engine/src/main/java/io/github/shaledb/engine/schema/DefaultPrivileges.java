package io.github.shaledb.engine.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Privileges given to the objects a role creates in a managed schema from then on:
 * {@code ALTER DEFAULT PRIVILEGES [FOR ROLE r] IN SCHEMA s GRANT … ON TABLES TO …} ({@code pg_default_acl}).
 * Those of a schema only add to the defaults, so every entry is a grant, in the list's order.
 *
 * @param role    the role whose new objects get them; null for the role that introspected (the one that
 *                runs the migrations), so that they are written without {@code FOR ROLE}
 * @param schema  the managed schema
 * @param objects {@code TABLES} (also views), {@code SEQUENCES}, {@code FUNCTIONS} (also procedures) or {@code TYPES}
 * @param granted the entries; a {@link Grant#grantee()} of null is {@code role} itself
 */
public record DefaultPrivileges(String role, String schema, String objects, List<Grant> granted) {
    public DefaultPrivileges {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(objects, "objects");
        granted = Sorted.kept(granted);
    }

    public Key key() {
        return new Key(schema, objects, role);
    }

    /** What default privileges are found and ordered by: schema, object type, role (the introspecting one first). */
    public record Key(String schema, String objects, String role) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::schema).thenComparing(Key::objects)
                .thenComparing(Key::role, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }

        /** For messages: {@code for role app_admin in schema app on TABLES}. */
        @Override
        public String toString() {
            return (role == null ? "" : "for role " + role + " ") + "in schema " + schema + " on " + objects;
        }
    }
}
