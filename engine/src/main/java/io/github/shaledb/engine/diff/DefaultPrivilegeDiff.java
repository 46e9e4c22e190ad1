package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.DefaultPrivileges;
import io.github.shaledb.engine.schema.ObjectKind;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * {@code ALTER DEFAULT PRIVILEGES … IN SCHEMA … GRANT / REVOKE}, in the last steps: after the objects of this
 * plan are created, so what they get at creation is what the source's default privileges give (see
 * {@link PrivilegeDiff}). Those of a schema that goes go with it.
 */
final class DefaultPrivilegeDiff extends KindDiff {
    DefaultPrivilegeDiff(SchemaDiffer differ) {
        super(differ);
    }

    @Override
    public void run() {
        Set<DefaultPrivileges.Key> keys = new TreeSet<>();
        from.all(ObjectKind.DEFAULT_PRIVILEGES).forEach(d -> keys.add(d.key()));
        to.all(ObjectKind.DEFAULT_PRIVILEGES).forEach(d -> keys.add(d.key()));
        for (DefaultPrivileges.Key key : keys) {
            if (to.schema(key.schema()).isEmpty()) {
                continue; // DROP SCHEMA drops them
            }
            List<io.github.shaledb.engine.schema.Grant> old = from.find(ObjectKind.DEFAULT_PRIVILEGES, key)
                    .map(DefaultPrivileges::granted).orElse(List.of());
            List<io.github.shaledb.engine.schema.Grant> target = to.find(ObjectKind.DEFAULT_PRIVILEGES, key)
                    .map(DefaultPrivileges::granted).orElse(List.of());
            if (Objects.equals(old, target)) {
                continue;
            }
            String prefix = "ALTER DEFAULT PRIVILEGES " + (key.role() == null ? "" : "FOR ROLE " + quote(key.role()) + " ")
                    + "IN SCHEMA " + quote(key.schema()) + " ";
            AclChanges.write(old, target, List.of(), new AclChanges.Statements() {
                @Override
                public void grant(String grantee, List<String> privileges, boolean withGrantOption) {
                    plan.add(Phase.GRANTS, prefix + "GRANT " + String.join(", ", privileges) + " ON " + key.objects()
                            + " TO " + grantee(key, grantee) + (withGrantOption ? " WITH GRANT OPTION" : ""));
                }

                @Override
                public void revoke(String grantee, List<String> privileges, boolean grantOptionOnly) {
                    plan.add(Phase.GRANTS, prefix + "REVOKE " + (grantOptionOnly ? "GRANT OPTION FOR " : "")
                            + String.join(", ", privileges) + " ON " + key.objects() + " FROM " + grantee(key, grantee));
                }
            });
        }
    }

    /** An entry without a grantee is the role's own. */
    private static String grantee(DefaultPrivileges.Key key, String grantee) {
        return grantee == null && key.role() != null ? quote(key.role()) : PrivilegeDiff.grantee(grantee);
    }
}
