package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Domain;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Domains. Default, NOT NULL and checks change in place ({@code ALTER DOMAIN}); a new check on a domain that exists
 * is added {@code NOT VALID} and validated after, as on a table; a changed check is dropped and added. A new base type
 * or collation has no {@code ALTER}: the domain is created again (see {@link TypeRecreation}), its columns cast over.
 */
final class DomainDiff extends KindDiff {
    DomainDiff(SchemaDiffer differ) {
        super(differ);
    }

    /** Domains whose base type or collation changes, or that cannot check their values in place, and domains that go. */
    @Override
    public Set<String> replaced() {
        Set<String> ids = new TreeSet<>();
        for (Domain old : from.domains()) {
            Domain target = to.find(ObjectKind.DOMAINS, old.name()).orElse(null);
            if (target == null || ownChangeRecreates(old, target)) {
                ids.add(ObjectId.type(old.name()));
            }
        }
        return ids;
    }

    /**
     * A new base type or collation, which {@code ALTER DOMAIN} cannot change; or a change that checks the values of
     * the domain (NOT NULL, a validated check) while an array, composite or range holds it, for which PostgreSQL
     * refuses {@code ALTER DOMAIN} ("cannot alter type … because column … uses it"): the columns are cast over to a
     * new domain instead, which checks every value.
     */
    private boolean ownChangeRecreates(Domain old, Domain target) {
        return !old.baseType().equals(target.baseType()) || !Objects.equals(old.collation(), target.collation())
                || checksValues(old, target) && heldInContainers(old.name());
    }

    private boolean checksValues(Domain old, Domain target) {
        if (!old.notNull() && target.notNull()) {
            return true;
        }
        for (Domain.Check check : target.checks()) {
            Domain.Check was = check(old, check.name());
            if (check.validated() && (was == null || !was.validated() || !was.definition().equals(check.definition()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an array column, a composite type's attribute or a range type holds values of the domain. */
    private boolean heldInContainers(QualifiedName domain) {
        String scalar = qualified(domain);
        String array = scalar + "[]";
        return from.tables().stream().anyMatch(t -> t.columns().stream().anyMatch(c -> c.type().equals(array)))
                || from.compositeTypes().stream().anyMatch(t -> t.attributes().stream()
                .anyMatch(a -> a.type().equals(scalar) || a.type().equals(array)))
                || from.rangeTypes().stream().anyMatch(r -> r.subtype().equals(scalar));
    }

    @Override
    public void run() {
        for (Domain target : to.domains()) {
            String id = ObjectId.type(target.name());
            Domain old = from.find(ObjectKind.DOMAINS, target.name()).orElse(null);
            if (old == null) {
                create(target);
                TypeRecreation.moveColumnsFromAnotherKind(differ, target.name());
            } else if (ownChangeRecreates(old, target) || TypeRecreation.dependencyRecreated(differ, id)) {
                recreate(old, target);
            } else {
                alter(old, target);
            }
        }
        for (Domain old : from.domains()) {
            if (to.find(ObjectKind.DOMAINS, old.name()).isEmpty() && !TypeRecreation.renameAwayForAnotherKind(differ,
                    old.name(), "ALTER DOMAIN", "DROP DOMAIN", Phase.DROP_FUNCTIONS_AND_TYPES)) {
                plan.add(Phase.DROP_FUNCTIONS_AND_TYPES, ObjectId.type(old.name()), "DROP DOMAIN " + qualified(old.name()));
            }
        }
    }

    /**
     * {@code CREATE DOMAIN} with its checks, after what they call; a check whose function needs the domain itself or
     * a table is added after it, in dependency order, as is one that is {@code NOT VALID}.
     */
    private void create(Domain d) {
        String id = ObjectId.type(d.name());
        StringBuilder sql = new StringBuilder("CREATE DOMAIN ").append(qualified(d.name())).append(" AS ").append(d.baseType());
        if (d.collation() != null) {
            sql.append(" COLLATE ").append(qualified(d.collation()));
        }
        if (d.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(d.defaultExpression());
        }
        if (d.notNull()) {
            sql.append(" NOT NULL");
        }
        List<Domain.Check> later = new ArrayList<>();
        for (Domain.Check check : d.checks()) {
            if (check.validated() && canBeInline(d.name(), check)) {
                sql.append(" CONSTRAINT ").append(quote(check.name())).append(' ').append(check.definition());
            } else {
                later.add(check);
            }
        }
        plan.add(Phase.TYPES_AND_FUNCTIONS, id, sql.toString());
        for (Domain.Check check : later) {
            addCheck(d.name(), check, false);
        }
        differ.comment(() -> "DOMAIN " + qualified(d.name()), null, d.comment());
        for (Domain.Check check : d.checks()) {
            checkComment(d.name(), null, check);
        }
    }

    /**
     * Whether the check can be part of {@code CREATE DOMAIN}: what it needs (a function it calls, a type it names)
     * does not need the domain. Then the domain is created after those, as the check is part of it. (A check added
     * later cannot be validated while an array holds the domain.)
     */
    private boolean canBeInline(QualifiedName domain, Domain.Check check) {
        String self = ObjectId.type(domain);
        List<String> needs = differ.targetDependencies.dependenciesOf(ObjectId.domainConstraint(domain, check.name()))
                .stream().filter(d -> !d.equals(self)).toList();
        if (needs.stream().anyMatch(d -> relation(d) || differ.targetDependencies.needs(d, self::equals)
                || differ.targetDependencies.needs(d, DomainDiff::relation))) {
            return false;
        }
        needs.forEach(d -> differ.targetDependencies.partOf(self, d));
        return true;
    }

    private void recreate(Domain old, Domain target) {
        String id = ObjectId.type(old.name());
        differ.recreated.add(id);
        if (TypeRecreation.pinned(differ, id)) {
            QualifiedName away = TypeRecreation.oldName(from, old.name());
            plan.add(Phase.TYPES_AND_FUNCTIONS, id, "ALTER DOMAIN " + qualified(old.name()) + " RENAME TO " + quote(away.name()));
            create(target);
            TypeRecreation.moveColumns(differ, id, target.name(), (column, type) -> column + "::text::" + type, null);
            plan.add(Phase.DROP_FUNCTIONS_AND_TYPES, id, "DROP DOMAIN " + qualified(away));
        } else {
            plan.add(Phase.DROP_REPLACED, id, "DROP DOMAIN " + qualified(old.name()));
            create(target);
        }
    }

    private void alter(Domain old, Domain target) {
        String id = ObjectId.type(target.name());
        String domain = "ALTER DOMAIN " + qualified(target.name());
        String currentDefault = old.defaultExpression();
        if (differ.replaced(id) && currentDefault != null) {
            // A function the default calls is dropped and created again.
            plan.add(Phase.DROP_REPLACED, id, domain + " DROP DEFAULT");
            currentDefault = null;
        }
        if (!Objects.equals(currentDefault, target.defaultExpression())) {
            plan.add(Phase.TYPES_AND_FUNCTIONS, id, target.defaultExpression() == null ? domain + " DROP DEFAULT"
                    : domain + " SET DEFAULT " + target.defaultExpression());
        }
        if (!old.notNull() && target.notNull()) {
            plan.add(Phase.TYPES_AND_FUNCTIONS, id, domain + " SET NOT NULL");
        } else if (old.notNull() && !target.notNull()) {
            plan.add(Phase.TYPES_AND_FUNCTIONS, id, domain + " DROP NOT NULL");
        }
        for (Domain.Check check : old.checks()) {
            Domain.Check next = check(target, check.name());
            if (next == null || mustRecreate(target.name(), check, next)) {
                plan.add(Phase.DROP_REPLACED, ObjectId.domainConstraint(old.name(), check.name()),
                        domain + " DROP CONSTRAINT " + quote(check.name()));
            }
        }
        for (Domain.Check check : target.checks()) {
            Domain.Check was = check(old, check.name());
            if (was == null || mustRecreate(target.name(), was, check)) {
                addCheck(target.name(), check, true);
                was = null;
            } else if (!was.validated() && check.validated()) {
                plan.add(Phase.TYPES_AND_FUNCTIONS, ObjectId.domainConstraint(target.name(), check.name()),
                        domain + " VALIDATE CONSTRAINT " + quote(check.name()));
            }
            checkComment(target.name(), was, check);
        }
        differ.comment(() -> "DOMAIN " + qualified(target.name()), old.comment(), target.comment());
    }

    private boolean mustRecreate(QualifiedName domain, Domain.Check was, Domain.Check check) {
        return !was.definition().equals(check.definition()) || was.validated() && !check.validated()
                || differ.replaced(ObjectId.domainConstraint(domain, was.name()));
    }

    /**
     * {@code ADD CONSTRAINT}; on a domain that has columns already, {@code NOT VALID} and then validated, as a table's
     * check is. After the functions it calls, and after the tables when it reads one.
     */
    private void addCheck(QualifiedName domain, Domain.Check check, boolean existing) {
        String id = ObjectId.domainConstraint(domain, check.name());
        Phase phase = differ.targetDependencies.needs(id, DomainDiff::relation) ? Phase.CREATE_VIEWS : Phase.TYPES_AND_FUNCTIONS;
        String alter = "ALTER DOMAIN " + qualified(domain);
        String add = alter + " ADD CONSTRAINT " + quote(check.name()) + " " + check.definition();
        if (!check.validated()) {
            plan.add(phase, id, add + " NOT VALID");
        } else if (existing) {
            plan.add(phase, id, add + " NOT VALID");
            plan.add(phase, id, alter + " VALIDATE CONSTRAINT " + quote(check.name()));
        } else {
            plan.add(phase, id, add);
        }
    }

    private void checkComment(QualifiedName domain, Domain.Check was, Domain.Check check) {
        differ.comment(() -> "CONSTRAINT " + quote(check.name()) + " ON DOMAIN " + qualified(domain),
                was == null ? null : was.comment(), check.comment());
    }

    private static Domain.Check check(Domain domain, String name) {
        for (Domain.Check check : domain.checks()) {
            if (check.name().equals(name)) {
                return check;
            }
        }
        return null;
    }

    private static boolean relation(String id) {
        String kind = ObjectId.kindOf(id);
        return kind.equals("table") || kind.equals("view") || kind.equals("column");
    }
}
