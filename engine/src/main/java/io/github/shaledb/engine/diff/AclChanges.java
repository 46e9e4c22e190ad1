package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Grant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code GRANT}s and {@code REVOKE}s that turn one access control list into another, keeping the order of
 * its entries: a {@code GRANT} to a grantee that holds nothing appends an entry, one to a grantee that holds
 * something changes its entry in place, and a {@code REVOKE} of all an entry holds removes it. So the entries
 * that stay keep their place; when the list cannot be extended into the target's order, the grantees from the
 * first one out of place on are revoked and granted again, in the target's order (as
 * {@link TableDiff#optionsToSet} does for storage options).
 */
final class AclChanges {
    /** Writes the statements for one list. */
    interface Statements {
        /** {@code GRANT privileges … TO grantee [WITH GRANT OPTION]}. */
        void grant(String grantee, List<String> privileges, boolean withGrantOption);

        /** {@code REVOKE [GRANT OPTION FOR] privileges … FROM grantee}. */
        void revoke(String grantee, List<String> privileges, boolean grantOptionOnly);
    }

    private AclChanges() {
    }

    /**
     * @param current   the entries the list holds, in its order (as far as known: entries of the default the diff
     *                  knows nothing of hold as they are and are not touched)
     * @param ordered   the entries the list must hold in this order (those {@code pg_dump} prints, as grants)
     * @param unordered entries it must hold too, wherever they are (the default's, which print nothing)
     */
    static void write(List<Grant> current, List<Grant> ordered, List<Grant> unordered, Statements out) {
        Map<String, Grant> now = byGrantee(current);
        Map<String, Grant> wanted = byGrantee(ordered);
        wanted.putAll(byGrantee(unordered));
        List<String> order = new ArrayList<>(now.keySet());
        int keep = 0;
        int last = -1;
        for (Grant g : ordered) {
            int at = order.indexOf(key(g.grantee()));
            if (at <= last) {
                break;
            }
            last = at;
            keep++;
        }
        List<Grant> moved = ordered.subList(keep, ordered.size());
        Set<String> movedKeys = new LinkedHashSet<>();
        for (Grant g : moved) {
            movedKeys.add(key(g.grantee()));
            Grant had = now.remove(key(g.grantee()));
            if (had != null) {
                out.revoke(had.grantee(), had.privileges(), false);
            }
        }
        Set<String> rest = new LinkedHashSet<>(now.keySet());
        rest.addAll(wanted.keySet());
        rest.removeAll(movedKeys);
        for (String key : rest) {
            change(now.get(key), wanted.get(key), out);
        }
        for (Grant g : moved) {
            grantAll(g, out);
        }
    }

    /** One entry changed in place: what it lacks granted first, so it never empties (which would remove it). */
    private static void change(Grant had, Grant wanted, Statements out) {
        if (wanted == null) {
            if (had != null) {
                out.revoke(had.grantee(), had.privileges(), false);
            }
            return;
        }
        if (had == null) {
            grantAll(wanted, out);
            return;
        }
        if (had.equals(wanted)) {
            return;
        }
        List<String> plain = wanted.privileges().stream()
                .filter(p -> !had.privileges().contains(p) && !wanted.grantable(p)).toList();
        if (!plain.isEmpty()) {
            out.grant(wanted.grantee(), plain, false);
        }
        List<String> withOption = wanted.privileges().stream().filter(p -> wanted.grantable(p) && !had.grantable(p)).toList();
        if (!withOption.isEmpty()) {
            out.grant(wanted.grantee(), withOption, true);
        }
        List<String> extra = had.privileges().stream().filter(p -> !wanted.privileges().contains(p)).toList();
        if (!extra.isEmpty()) {
            out.revoke(had.grantee(), extra, false);
        }
        List<String> optionGoes = had.privileges().stream()
                .filter(p -> had.grantable(p) && wanted.privileges().contains(p) && !wanted.grantable(p)).toList();
        if (!optionGoes.isEmpty()) {
            out.revoke(had.grantee(), optionGoes, true);
        }
    }

    /** A new entry: granted without the grant option first (which appends it), then the rest with it. */
    private static void grantAll(Grant g, Statements out) {
        List<String> plain = g.privileges().stream().filter(p -> !g.grantable(p)).toList();
        if (!plain.isEmpty()) {
            out.grant(g.grantee(), plain, false);
        }
        if (g.grantable() != null) {
            out.grant(g.grantee(), g.grantable(), true);
        }
    }

    private static Map<String, Grant> byGrantee(List<Grant> grants) {
        Map<String, Grant> map = new LinkedHashMap<>();
        grants.forEach(g -> map.put(key(g.grantee()), g));
        return map;
    }

    /** A map key for a grantee: the owner (null) as a text no role name holds. */
    static String key(String grantee) {
        return grantee == null ? "\u0000owner" : grantee;
    }
}
