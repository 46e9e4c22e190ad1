package io.github.shaledb.engine.schema;

import java.util.Collection;
import java.util.List;

/**
 * One entry of an access control list: the privileges a grantee holds on an object, as its owner granted them.
 * Owners differ per environment, so neither the owner's name nor the grantor is kept (see {@link Privileges}).
 *
 * @param grantee     the role; {@value #PUBLIC} for PUBLIC (a name no role can have); null for the object's
 *                    owner (the role a default privilege is for), whoever that is in a database
 * @param privileges  the privileges as SQL names ({@code SELECT}, {@code EXECUTE}, …) in the catalog's order
 * @param grantable   those of them held {@code WITH GRANT OPTION}; null when none
 */
public record Grant(String grantee, List<String> privileges, List<String> grantable) {
    /** The grantee standing for PUBLIC: PostgreSQL reserves the role name {@code public}. */
    public static final String PUBLIC = "public";

    /** The privileges in the order of their bits in an ACL entry, which is the order the catalog lists them in. */
    private static final List<String> ORDER = List.of("INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
            "TRIGGER", "EXECUTE", "USAGE", "CREATE", "TEMPORARY", "CONNECT", "SET", "ALTER SYSTEM", "MAINTAIN");

    public Grant {
        privileges = Sorted.kept(privileges);
        grantable = grantable == null || grantable.isEmpty() ? null : List.copyOf(grantable);
    }

    /** The privileges in the catalog's order; names it does not know (of a newer server) last, as given. */
    public static List<String> inOrder(Collection<String> privileges) {
        return privileges.stream().sorted(java.util.Comparator.comparingInt(p -> {
            int i = ORDER.indexOf(p);
            return i < 0 ? ORDER.size() : i;
        })).toList();
    }

    /** Whether the grantee is the object's owner. */
    public boolean toOwner() {
        return grantee == null;
    }

    /** Whether {@code privilege} is held with the grant option. */
    public boolean grantable(String privilege) {
        return grantable != null && grantable.contains(privilege);
    }
}
