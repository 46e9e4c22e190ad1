package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.Policy;
import io.github.shaledb.engine.schema.TableScopedName;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Row-level security policies. Roles and expressions change in place ({@code ALTER POLICY … TO / USING /
 * WITH CHECK}); another command or permissive/restrictive, or an expression taken away, which
 * {@code ALTER POLICY} cannot do, drops the policy early and creates it after the tables and functions. A policy
 * whose table is dropped goes with it; one whose table or function is dropped and created again is created again.
 */
final class PolicyDiff extends KindDiff {
    private final RelationParts parts;

    PolicyDiff(SchemaDiffer differ, RelationParts parts) {
        super(differ);
        this.parts = parts;
    }

    @Override
    public void run() {
        Set<TableScopedName> dropped = new HashSet<>();
        for (Policy old : from.all(ObjectKind.POLICIES)) {
            Policy target = to.find(ObjectKind.POLICIES, old.key()).orElse(null);
            String id = ObjectId.policy(old.table(), old.name());
            boolean tableGoes = parts.relationGoes(old.table());
            if (target != null && !tableGoes && !parts.mustRecreate(id) && alterable(old, target)) {
                continue;
            }
            dropped.add(old.key());
            if (!tableGoes || !parts.goesWithRelation(id, old.table())) {
                plan.add(Phase.DROP_POLICIES, "DROP POLICY " + quote(old.name()) + " ON " + qualified(old.table()));
            }
            if (target != null) {
                differ.recreated.add(id);
            }
        }
        for (Policy target : to.all(ObjectKind.POLICIES)) {
            Policy old = dropped.contains(target.key()) ? null : from.find(ObjectKind.POLICIES, target.key()).orElse(null);
            if (old == null) {
                plan.add(Phase.POLICIES, create(target));
            } else if (!old.equals(target)) {
                alter(old, target);
            }
            differ.comment(() -> "POLICY " + quote(target.name()) + " ON " + qualified(target.table()),
                    old == null ? null : old.comment(), target.comment());
        }
    }

    /** Whether {@code ALTER POLICY} can turn {@code old} into {@code target}: it cannot take an expression away. */
    private static boolean alterable(Policy old, Policy target) {
        return old.permissive() == target.permissive() && old.command() == target.command()
                && (old.using() == null || target.using() != null)
                && (old.withCheck() == null || target.withCheck() != null);
    }

    private static String create(Policy p) {
        StringBuilder sql = new StringBuilder("CREATE POLICY ").append(quote(p.name())).append(" ON ")
                .append(qualified(p.table()));
        if (!p.permissive()) {
            sql.append(" AS RESTRICTIVE");
        }
        if (p.command() != Policy.Command.ALL) {
            sql.append(" FOR ").append(p.command());
        }
        if (!p.roles().equals(List.of("public"))) {
            sql.append(" TO ").append(roles(p));
        }
        if (p.using() != null) {
            sql.append(" USING (").append(p.using()).append(')');
        }
        if (p.withCheck() != null) {
            sql.append(" WITH CHECK (").append(p.withCheck()).append(')');
        }
        return sql.toString();
    }

    /** One {@code ALTER POLICY} with what differs (the comment aside). */
    private void alter(Policy old, Policy target) {
        StringBuilder sql = new StringBuilder();
        if (!old.roles().equals(target.roles())) {
            sql.append(" TO ").append(roles(target));
        }
        if (!Objects.equals(old.using(), target.using())) {
            sql.append(" USING (").append(target.using()).append(')');
        }
        if (!Objects.equals(old.withCheck(), target.withCheck())) {
            sql.append(" WITH CHECK (").append(target.withCheck()).append(')');
        }
        if (!sql.isEmpty()) {
            plan.add(Phase.POLICIES, "ALTER POLICY " + quote(target.name()) + " ON " + qualified(target.table()) + sql);
        }
    }

    /** {@code public} is the keyword {@code PUBLIC} written bare; a role of that name cannot exist. */
    private static String roles(Policy p) {
        return p.roles().stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
    }
}
