package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.CompositeType;
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
 * Composite types. Attributes are dropped, added at the end and changed in type in place ({@code ALTER TYPE … DROP /
 * ADD / ALTER ATTRIBUTE}). PostgreSQL refuses {@code ALTER ATTRIBUTE … TYPE} while a table column uses the type, and
 * cannot put an attribute anywhere but at the end: such a change creates the type again (see {@link TypeRecreation}),
 * each column's values carried over attribute by attribute, by name.
 */
final class CompositeTypeDiff extends KindDiff {
    CompositeTypeDiff(SchemaDiffer differ) {
        super(differ);
    }

    /** Types whose new attributes cannot be reached in place, and types that go. */
    @Override
    public Set<String> replaced() {
        Set<String> ids = new TreeSet<>();
        for (CompositeType old : from.compositeTypes()) {
            CompositeType target = to.find(ObjectKind.COMPOSITE_TYPES, old.name()).orElse(null);
            if (target == null || !inPlace(old, target)) {
                ids.add(ObjectId.type(old.name()));
            }
        }
        return ids;
    }

    /**
     * Whether dropping attributes, changing the types of those that stay and appending the new ones gives the target:
     * the attributes that stay keep their order ahead of the new ones, and no type changes under a table's column.
     */
    private boolean inPlace(CompositeType old, CompositeType target) {
        List<CompositeType.Attribute> kept = old.attributes().stream().filter(a -> attribute(target, a.name()) != null).toList();
        boolean retyped = false;
        for (int i = 0; i < kept.size(); i++) {
            CompositeType.Attribute next = target.attributes().get(i);
            if (!next.name().equals(kept.get(i).name())) {
                return false;
            }
            retyped |= !sameType(kept.get(i), next);
        }
        return !retyped || !TypeRecreation.pinned(differ, ObjectId.type(old.name()));
    }

    private static boolean sameType(CompositeType.Attribute a, CompositeType.Attribute b) {
        return a.type().equals(b.type()) && Objects.equals(a.collation(), b.collation());
    }

    @Override
    public void run() {
        for (CompositeType target : to.compositeTypes()) {
            String id = ObjectId.type(target.name());
            CompositeType old = from.find(ObjectKind.COMPOSITE_TYPES, target.name()).orElse(null);
            if (old == null) {
                create(target);
                TypeRecreation.moveColumnsFromAnotherKind(differ, target.name());
            } else if (!inPlace(old, target) || TypeRecreation.dependencyRecreated(differ, id)) {
                recreate(old, target);
            } else {
                alter(old, target);
            }
        }
        for (CompositeType old : from.compositeTypes()) {
            if (to.find(ObjectKind.COMPOSITE_TYPES, old.name()).isEmpty() && !TypeRecreation.renameAwayForAnotherKind(differ,
                    old.name(), "ALTER TYPE", "DROP TYPE", Phase.DROP_FUNCTIONS_AND_TYPES)) {
                plan.add(Phase.DROP_FUNCTIONS_AND_TYPES, ObjectId.type(old.name()), "DROP TYPE " + qualified(old.name()));
            }
        }
    }

    private void create(CompositeType t) {
        List<String> attributes = t.attributes().stream().map(CompositeTypeDiff::definition).toList();
        plan.add(Phase.TYPES_AND_FUNCTIONS, ObjectId.type(t.name()), "CREATE TYPE " + qualified(t.name()) + " AS ("
                + (attributes.isEmpty() ? "" : "\n    " + String.join(",\n    ", attributes) + "\n") + ")");
        comments(null, t);
    }

    private static String definition(CompositeType.Attribute a) {
        return quote(a.name()) + " " + a.type() + (a.collation() == null ? "" : " COLLATE " + qualified(a.collation()));
    }

    private void alter(CompositeType old, CompositeType target) {
        String id = ObjectId.type(target.name());
        String type = "ALTER TYPE " + qualified(target.name());
        boolean pinned = TypeRecreation.pinned(differ, id);
        boolean disturbs = false;
        for (CompositeType.Attribute a : old.attributes()) {
            if (attribute(target, a.name()) == null) {
                List<Hazard> hazards = pinned ? List.of(new Hazard(Hazard.Kind.DATA_LOSS, "drops attribute " + a.name()
                        + " of " + target.name() + " with its values in the columns of that type")) : List.of();
                plan.add(Phase.TYPES_AND_FUNCTIONS, id, type + " DROP ATTRIBUTE " + quote(a.name()), hazards.toArray(Hazard[]::new));
                disturbs = true;
            }
        }
        for (CompositeType.Attribute a : target.attributes()) {
            CompositeType.Attribute was = attribute(old, a.name());
            if (was == null) {
                plan.add(Phase.TYPES_AND_FUNCTIONS, id, type + " ADD ATTRIBUTE " + definition(a));
            } else if (!sameType(was, a)) {
                plan.add(Phase.TYPES_AND_FUNCTIONS, id, type + " ALTER ATTRIBUTE " + quote(a.name()) + " TYPE " + a.type()
                        + (a.collation() == null ? "" : " COLLATE " + qualified(a.collation())));
                disturbs = true;
            }
        }
        if (disturbs) {
            TypeRecreation.disturbViews(differ, id);
        }
        comments(old, target);
    }

    private void recreate(CompositeType old, CompositeType target) {
        String id = ObjectId.type(old.name());
        differ.recreated.add(id);
        if (TypeRecreation.pinned(differ, id)) {
            QualifiedName away = TypeRecreation.oldName(from, old.name());
            plan.add(Phase.TYPES_AND_FUNCTIONS, id, "ALTER TYPE " + qualified(old.name()) + " RENAME TO " + quote(away.name()));
            create(target);
            boolean samePositions = old.attributes().stream().map(CompositeType.Attribute::name).toList()
                    .equals(target.attributes().stream().map(CompositeType.Attribute::name).toList());
            // An array's elements cannot be mapped by name in USING (it takes no subquery), and through text they
            // would be mapped by position: only when the attributes keep their names and places is that right.
            TypeRecreation.moveColumns(differ, id, target.name(), (column, columnType) -> columnType.endsWith("[]")
                    ? samePositions ? column + "::text::" + columnType : null
                    : "CASE WHEN " + column + " IS NOT DISTINCT FROM NULL THEN NULL ELSE " + row(old, target, column) + " END",
                    "Shale cannot carry the values of an array of " + target.name() + " over to its new attributes");
            plan.add(Phase.DROP_FUNCTIONS_AND_TYPES, id, "DROP TYPE " + qualified(away));
        } else {
            plan.add(Phase.DROP_REPLACED, id, "DROP TYPE " + qualified(old.name()));
            create(target);
        }
    }

    /** The new value of a column: each attribute from the old attribute of its name (through text), else null. */
    private static String row(CompositeType old, CompositeType target, String column) {
        List<String> values = new ArrayList<>();
        for (CompositeType.Attribute a : target.attributes()) {
            CompositeType.Attribute was = attribute(old, a.name());
            String value = was == null ? "NULL" : "(" + column + ")." + quote(a.name());
            // Through text unless a built-in type stays: between a type and its recreated self there is no cast.
            if (was != null && !(was.type().equals(a.type()) && !a.type().contains("."))) {
                value += "::text::" + a.type();
            }
            values.add(value);
        }
        return "ROW(" + String.join(", ", values) + ")::" + qualified(target.name());
    }

    private void comments(CompositeType old, CompositeType target) {
        differ.comment(() -> "TYPE " + qualified(target.name()), old == null ? null : old.comment(), target.comment());
        for (CompositeType.Attribute a : target.attributes()) {
            CompositeType.Attribute was = old == null ? null : attribute(old, a.name());
            differ.comment(() -> "COLUMN " + qualified(target.name()) + "." + quote(a.name()),
                    was == null ? null : was.comment(), a.comment());
        }
    }

    private static CompositeType.Attribute attribute(CompositeType type, String name) {
        for (CompositeType.Attribute a : type.attributes()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
