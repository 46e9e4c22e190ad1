package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.DefaultPrivileges;
import io.github.shaledb.engine.schema.Grant;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.Privileges;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.Routine;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Sequence;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.View;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Privileges on schemas, tables, views, sequences, columns, functions and types: {@code GRANT} and
 * {@code REVOKE} in the last steps, once every object exists. An object this plan creates, or drops and creates
 * again ({@link SchemaDiffer#recreated}), starts from its default list and the source's default privileges
 * for the role that runs the migration, which the server gives it when it is created; so a recreated view gets
 * its grants back in the same migration. Privileges of an object that goes go with it.
 */
final class PrivilegeDiff extends KindDiff {
    /** The source's sequences by the name they have once owned sequences followed their renamed tables. */
    private final Map<QualifiedName, Sequence> sourceSequences = new HashMap<>();
    /** Privileges a {@code REVOKE} on a table or view took from a grantee, by relation and grantee. */
    private final Map<QualifiedName, Map<String, Revoked>> tableRevokes = new HashMap<>();

    private record Revoked(Set<String> privileges, Set<String> grantOptions) {
    }

    PrivilegeDiff(SchemaDiffer differ) {
        super(differ);
        from.sequences().forEach(q -> sourceSequences.put(differ.sequenceName(q.name()), q));
    }

    @Override
    public void run() {
        Map<String, Privileges> source = new HashMap<>();
        for (Privileges p : from.all(ObjectKind.PRIVILEGES)) {
            Privileges renamed = afterSequenceRename(p);
            source.put(renamed.object(), renamed);
        }
        Map<String, Privileges> objects = new TreeMap<>(defaultedObjects());
        objects.putAll(source);
        to.all(ObjectKind.PRIVILEGES).forEach(p -> objects.put(p.object(), p));
        // Columns after their tables: a REVOKE on a table revokes the privilege on its columns too.
        List<Privileges> inOrder = new ArrayList<>(objects.values());
        inOrder.sort(Comparator.comparing((Privileges p) -> p.column() != null));
        for (Privileges listed : inOrder) {
            Privileges any = asInTarget(listed);
            String object = any.object();
            Privileges target = to.find(ObjectKind.PRIVILEGES, object).orElse(null);
            Privileges old = source.get(object);
            if (!exists(to, any)) {
                continue; // dropped with its object
            }
            boolean fresh = fresh(any);
            if (!fresh && Objects.equals(old, target) && (any.column() == null
                    || !tableRevokes.containsKey(QualifiedName.of(any.schema(), any.name())))) {
                continue;
            }
            diff(any, fresh ? null : old, target, fresh ? creationGrants(any, target) : List.of());
        }
    }

    /** A column's entries as they are once the REVOKEs on its table ran, which revoke on the columns too. */
    private List<Grant> afterTableRevokes(Privileges column, List<Grant> entries) {
        Map<String, Revoked> revoked = tableRevokes.get(QualifiedName.of(column.schema(), column.name()));
        if (revoked == null) {
            return entries;
        }
        List<Grant> left = new ArrayList<>();
        for (Grant g : entries) {
            Revoked r = revoked.get(AclChanges.key(g.grantee()));
            if (r == null) {
                left.add(g);
                continue;
            }
            List<String> privileges = g.privileges().stream().filter(p -> !r.privileges().contains(p)).toList();
            List<String> grantable = g.grantable() == null ? List.of() : g.grantable().stream()
                    .filter(p -> privileges.contains(p) && !r.grantOptions().contains(p)).toList();
            if (!privileges.isEmpty()) {
                left.add(new Grant(g.grantee(), privileges, grantable));
            }
        }
        return left;
    }

    /**
     * One object's list from {@code old} (null: its default, plus {@code created}, the grants its creation gave)
     * to {@code target} (null: its default).
     */
    private void diff(Privileges object, Privileges old, Privileges target, List<Grant> created) {
        // The default's entries either side changed, in the default's order.
        Map<String, Grant> defaults = new LinkedHashMap<>();
        for (Privileges p : new Privileges[]{old, target}) {
            if (p != null) {
                p.revoked().forEach(g -> defaults.put(AclChanges.key(g.grantee()), g));
            }
        }
        // The entries of the default the list holds unchanged come first (GRANTs append after them), then the rest.
        List<Grant> current = new ArrayList<>();
        List<Grant> granted = old == null ? created : old.granted();
        Set<String> inGranted = keys(granted);
        Set<String> oldRevoked = old == null ? Set.of() : keys(old.revoked());
        defaults.forEach((key, g) -> {
            if (!inGranted.contains(key) && !oldRevoked.contains(key)) {
                current.add(g);
            }
        });
        current.addAll(granted);
        List<Grant> now = object.column() == null ? current : afterTableRevokes(object, current);
        List<Grant> ordered = target == null ? List.of() : target.granted();
        Set<String> inOrdered = keys(ordered);
        Set<String> targetRevoked = target == null ? Set.of() : keys(target.revoked());
        List<Grant> unordered = new ArrayList<>();
        defaults.forEach((key, g) -> {
            if (!inOrdered.contains(key) && !targetRevoked.contains(key)) {
                unordered.add(g);
            }
        });
        String on = on(object);
        Map<String, Revoked> revokes = object.type().equals("TABLE") && object.column() == null
                ? tableRevokes.computeIfAbsent(QualifiedName.of(object.schema(), object.name()), n -> new HashMap<>()) : null;
        AclChanges.write(now, ordered, unordered, new AclChanges.Statements() {
            @Override
            public void grant(String grantee, List<String> privileges, boolean withGrantOption) {
                plan.add(Phase.GRANTS, "GRANT " + privileges(object, privileges) + " ON " + on + " TO " + grantee(grantee)
                        + (withGrantOption ? " WITH GRANT OPTION" : ""));
            }

            @Override
            public void revoke(String grantee, List<String> privileges, boolean grantOptionOnly) {
                plan.add(Phase.GRANTS, "REVOKE " + (grantOptionOnly ? "GRANT OPTION FOR " : "")
                        + privileges(object, privileges) + " ON " + on + " FROM " + grantee(grantee));
                if (revokes != null) {
                    Revoked r = revokes.computeIfAbsent(AclChanges.key(grantee),
                            k -> new Revoked(new TreeSet<>(), new TreeSet<>()));
                    (grantOptionOnly ? r.grantOptions() : r.privileges()).addAll(privileges);
                }
            }
        });
    }

    private static Set<String> keys(List<Grant> grants) {
        Set<String> keys = new TreeSet<>();
        grants.forEach(g -> keys.add(AclChanges.key(g.grantee())));
        return keys;
    }

    /**
     * What the server adds to the default list of an object the plan creates: the source's default privileges
     * of its schema for the role that runs the migration (they change only later in the plan). The server sorts
     * them by role; they are taken to stand in the target's order, as the scratch server sorted them.
     */
    private List<Grant> creationGrants(Privileges object, Privileges target) {
        String objects = switch (object.type()) {
            case "TABLE" -> object.column() == null ? "TABLES" : null;
            case "SEQUENCE" -> "SEQUENCES";
            case "FUNCTION", "PROCEDURE" -> "FUNCTIONS";
            case "TYPE" -> "TYPES";
            default -> null;
        };
        if (objects == null) {
            return List.of();
        }
        DefaultPrivileges defaults = from.find(ObjectKind.DEFAULT_PRIVILEGES,
                new DefaultPrivileges.Key(object.schema(), objects, null)).orElse(null);
        if (defaults == null) {
            return List.of();
        }
        // The owner's and PUBLIC's default entries already hold what default privileges can give them.
        boolean publicByDefault = !objects.equals("TABLES") && !objects.equals("SEQUENCES");
        List<Grant> grants = new ArrayList<>(defaults.granted().stream()
                .filter(g -> !g.toOwner() && !(publicByDefault && Grant.PUBLIC.equals(g.grantee()))).toList());
        List<String> targetOrder = target == null ? List.of()
                : target.granted().stream().map(g -> AclChanges.key(g.grantee())).toList();
        grants.sort(Comparator.comparingInt(g -> {
            int at = targetOrder.indexOf(AclChanges.key(g.grantee()));
            return at < 0 ? Integer.MAX_VALUE : at;
        }));
        return grants;
    }

    /**
     * The target's objects in schemas where the source has default privileges for the role that runs the migration,
     * with none of their own: created by the plan, they get grants the target may not have.
     */
    private Map<String, Privileges> defaultedObjects() {
        Map<String, Privileges> objects = new HashMap<>();
        Set<String> schemas = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        for (DefaultPrivileges d : from.all(ObjectKind.DEFAULT_PRIVILEGES)) {
            if (d.role() == null) {
                schemas.add(d.schema());
                kinds.add(d.objects());
            }
        }
        if (schemas.isEmpty()) {
            return objects;
        }
        if (kinds.contains("TABLES")) {
            to.tables().stream().filter(t -> schemas.contains(t.name().schema()))
                    .forEach(t -> put(objects, ObjectId.table(t.name()), "TABLE", t.name(), null));
            to.views().stream().filter(v -> schemas.contains(v.name().schema()))
                    .forEach(v -> put(objects, ObjectId.view(v.name()), "TABLE", v.name(), null));
        }
        if (kinds.contains("SEQUENCES")) {
            to.sequences().stream().filter(q -> schemas.contains(q.name().schema()))
                    .forEach(q -> put(objects, ObjectId.sequence(q.name()), "SEQUENCE", q.name(), null));
        }
        if (kinds.contains("FUNCTIONS")) {
            to.functions().stream().filter(f -> schemas.contains(f.name().schema()))
                    .forEach(f -> put(objects, ObjectId.function(f.signature()),
                            f.kind() == Routine.Kind.PROCEDURE ? "PROCEDURE" : "FUNCTION", f.name(),
                            f.signature().argumentTypes()));
        }
        if (kinds.contains("TYPES")) {
            to.enums().stream().filter(e -> schemas.contains(e.name().schema()))
                    .forEach(e -> put(objects, ObjectId.type(e.name()), "TYPE", e.name(), null));
            to.all(ObjectKind.DOMAINS).stream().filter(d -> schemas.contains(d.name().schema()))
                    .forEach(d -> put(objects, ObjectId.type(d.name()), "TYPE", d.name(), null));
            to.all(ObjectKind.COMPOSITE_TYPES).stream().filter(c -> schemas.contains(c.name().schema()))
                    .forEach(c -> put(objects, ObjectId.type(c.name()), "TYPE", c.name(), null));
            to.all(ObjectKind.RANGE_TYPES).stream().filter(r -> schemas.contains(r.name().schema()))
                    .forEach(r -> put(objects, ObjectId.type(r.name()), "TYPE", r.name(), null));
        }
        return objects;
    }

    private static void put(Map<String, Privileges> objects, String id, String type, QualifiedName name, String arguments) {
        objects.put(id, new Privileges(id, type, name.schema(), name.name(), arguments, null, List.of(), List.of()));
    }

    /** A routine's privileges name it as the target has it: a function that becomes a procedure is granted on as one. */
    private Privileges asInTarget(Privileges p) {
        if (!p.type().equals("FUNCTION") && !p.type().equals("PROCEDURE")) {
            return p;
        }
        String type = to.function(new Routine.Signature(QualifiedName.of(p.schema(), p.name()), p.arguments()))
                .map(r -> r.kind() == Routine.Kind.PROCEDURE ? "PROCEDURE" : "FUNCTION").orElse(p.type());
        return type.equals(p.type()) ? p
                : new Privileges(p.object(), type, p.schema(), p.name(), p.arguments(), p.column(), p.revoked(), p.granted());
    }

    /** The source's privileges of a sequence that follows a renamed table under its new name. */
    private Privileges afterSequenceRename(Privileges p) {
        if (!p.type().equals("SEQUENCE")) {
            return p;
        }
        QualifiedName name = differ.sequenceName(QualifiedName.of(p.schema(), p.name()));
        return name.name().equals(p.name()) ? p : p.on(ObjectId.sequence(name), name.schema(), name.name(), null);
    }

    /** Whether the object is created by the plan, or dropped and created again: its list starts from its default. */
    private boolean fresh(Privileges p) {
        if (differ.recreated.contains(p.object()) || !exists(from, p)) {
            return true;
        }
        QualifiedName name = p.name() == null ? null : QualifiedName.of(p.schema(), p.name());
        if (p.column() != null) {
            return differ.recreated.contains(ObjectId.table(name)) || differ.recreated.contains(ObjectId.view(name));
        }
        if (p.type().equals("SEQUENCE")) {
            Sequence target = to.sequence(name).orElseThrow();
            Sequence old = sourceSequences.get(name);
            return old.identity() != target.identity() || old.ownedBy() != null && ownerRecreated(old);
        }
        return false;
    }

    /** Whether the column that owns a sequence is dropped or added again, or its table recreated: the sequence with it. */
    private boolean ownerRecreated(Sequence s) {
        QualifiedName table = s.ownedBy().table();
        Table target = to.table(table).orElse(null);
        return target == null || target.column(s.ownedBy().column()).isEmpty()
                || differ.recreated.contains(ObjectId.table(table))
                || differ.recreated.contains(ObjectId.column(table, s.ownedBy().column()));
    }

    /** Whether the object the privileges are on is in the model. */
    private boolean exists(SchemaModel model, Privileges p) {
        if (p.type().equals("SCHEMA")) {
            return model.schema(p.schema()).isPresent();
        }
        QualifiedName name = QualifiedName.of(p.schema(), p.name());
        return switch (p.type()) {
            case "TABLE" -> switch (ObjectId.kindOf(p.object())) {
                case "table" -> model.table(name).isPresent();
                case "view" -> model.view(name).isPresent();
                default -> model.table(name).map(Table::columns).or(() -> model.view(name).map(View::columns))
                        .map(columns -> columns.stream().anyMatch(c -> c.name().equals(p.column()))).orElse(false);
            };
            case "SEQUENCE" -> model == from ? sourceSequences.containsKey(name) : model.sequence(name).isPresent();
            case "FUNCTION", "PROCEDURE" -> model.function(new Routine.Signature(name, p.arguments())).isPresent();
            // Enums, domains, composite and range types are kinds of the model; a multirange is known by what depends
            // on it or its privileges.
            default -> model.enumType(name).isPresent() || model.find(ObjectKind.DOMAINS, name).isPresent()
                    || model.find(ObjectKind.COMPOSITE_TYPES, name).isPresent()
                    || model.find(ObjectKind.RANGE_TYPES, name).isPresent()
                    || model.find(ObjectKind.PRIVILEGES, p.object()).isPresent()
                    || model.dependencies().stream().anyMatch(d -> d.object().equals(p.object())
                    || d.dependsOn().equals(p.object()));
        };
    }

    /** How {@code GRANT … ON} names the object: {@code TABLE public.t}, {@code FUNCTION public.f(integer)}. */
    static String on(Privileges p) {
        if (p.type().equals("SCHEMA")) {
            return "SCHEMA " + quote(p.schema());
        }
        String name = qualified(QualifiedName.of(p.schema(), p.name()));
        return p.type() + " " + name + (p.arguments() == null ? "" : "(" + p.arguments() + ")");
    }

    /** {@code SELECT, UPDATE}, or for a column {@code SELECT (a), UPDATE (a)}. */
    private static String privileges(Privileges p, List<String> privileges) {
        String column = p.column() == null ? "" : " (" + quote(p.column()) + ")";
        return String.join(", ", privileges.stream().map(privilege -> privilege + column).toList());
    }

    /** {@code PUBLIC}; {@code CURRENT_USER} for the owner, the role that runs the migration and created what it did. */
    static String grantee(String grantee) {
        return grantee == null ? "CURRENT_USER" : Grant.PUBLIC.equals(grantee) ? "PUBLIC" : quote(grantee);
    }
}
