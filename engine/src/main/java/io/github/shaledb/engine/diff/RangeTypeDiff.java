package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.RangeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Range types. PostgreSQL has no {@code ALTER} for any of their parts: a change creates the type again (see
 * {@link TypeRecreation}), with its multirange type, and with what depends on it.
 */
final class RangeTypeDiff extends KindDiff {
    RangeTypeDiff(SchemaDiffer differ) {
        super(differ);
    }

    /** Range types that change in anything but their comment, and those that go. */
    @Override
    public Set<String> replaced() {
        Set<String> ids = new TreeSet<>();
        for (RangeType old : from.rangeTypes()) {
            RangeType target = to.find(ObjectKind.RANGE_TYPES, old.name()).orElse(null);
            if (target == null || changed(old, target)) {
                ids.add(ObjectId.type(old.name()));
            }
        }
        return ids;
    }

    private static boolean changed(RangeType old, RangeType target) {
        return !withoutComment(old).equals(withoutComment(target));
    }

    private static RangeType withoutComment(RangeType r) {
        return new RangeType(r.name(), r.subtype(), r.subtypeOpclass(), r.collation(), r.canonical(), r.subtypeDiff(),
                r.multirange(), null);
    }

    @Override
    public void run() {
        for (RangeType target : to.rangeTypes()) {
            String id = ObjectId.type(target.name());
            RangeType old = from.find(ObjectKind.RANGE_TYPES, target.name()).orElse(null);
            if (old == null) {
                create(target);
                TypeRecreation.moveColumnsFromAnotherKind(differ, target.name());
            } else if (changed(old, target) || differ.replaced(id)) {
                // A function it names that is created again is a reason too: it cannot be dropped under the type.
                recreate(old, target);
            } else {
                differ.comment(() -> "TYPE " + qualified(target.name()), old.comment(), target.comment());
            }
        }
        for (RangeType old : from.rangeTypes()) {
            if (to.find(ObjectKind.RANGE_TYPES, old.name()).isEmpty() && !TypeRecreation.renameAwayForAnotherKind(differ,
                    old.name(), "ALTER TYPE", "DROP TYPE", Phase.DROP_FUNCTIONS_AND_TYPES)) {
                plan.add(Phase.DROP_FUNCTIONS_AND_TYPES, ObjectId.type(old.name()), "DROP TYPE " + qualified(old.name()));
            }
        }
    }

    private void create(RangeType r) {
        List<String> options = new ArrayList<>();
        options.add("subtype = " + r.subtype());
        if (r.subtypeOpclass() != null) {
            options.add("subtype_opclass = " + qualified(r.subtypeOpclass()));
        }
        if (r.collation() != null) {
            options.add("collation = " + qualified(r.collation()));
        }
        if (r.canonical() != null) {
            options.add("canonical = " + r.canonical());
        }
        if (r.subtypeDiff() != null) {
            options.add("subtype_diff = " + r.subtypeDiff());
        }
        if (r.multirange() != null) {
            options.add("multirange_type_name = " + qualified(r.multirange()));
        }
        plan.add(Phase.TYPES_AND_FUNCTIONS, ObjectId.type(r.name()), "CREATE TYPE " + qualified(r.name()) + " AS RANGE (\n    "
                + String.join(",\n    ", options) + "\n)");
        differ.comment(() -> "TYPE " + qualified(r.name()), null, r.comment());
    }

    private void recreate(RangeType old, RangeType target) {
        String id = ObjectId.type(old.name());
        differ.recreated.add(id);
        if (!TypeRecreation.pinned(differ, id)) {
            plan.add(Phase.DROP_REPLACED, id, "DROP TYPE " + qualified(old.name()));
            create(target);
            return;
        }
        // The old type's multirange and the constructor functions keep their names when the type is renamed: they
        // are renamed too, so the new type can create its own.
        QualifiedName away = TypeRecreation.oldName(from, old.name());
        plan.add(Phase.TYPES_AND_FUNCTIONS, id, "ALTER TYPE " + qualified(old.name()) + " RENAME TO " + quote(away.name()));
        String constructor = "ALTER FUNCTION " + qualified(old.name()) + "(" + old.subtype() + ", " + old.subtype();
        plan.add(Phase.TYPES_AND_FUNCTIONS, id, constructor + ") RENAME TO " + quote(away.name()));
        plan.add(Phase.TYPES_AND_FUNCTIONS, id, constructor + ", text) RENAME TO " + quote(away.name()));
        if (old.multirange() != null) {
            QualifiedName multirangeAway = TypeRecreation.oldName(from, old.multirange());
            plan.add(Phase.TYPES_AND_FUNCTIONS, id, "ALTER TYPE " + qualified(old.multirange()) + " RENAME TO "
                    + quote(multirangeAway.name()));
            plan.add(Phase.TYPES_AND_FUNCTIONS, id, "ALTER FUNCTION " + qualified(old.multirange()) + "() RENAME TO "
                    + quote(multirangeAway.name()));
        }
        create(target);
        TypeRecreation.moveColumns(differ, id, target.name(), (column, type) -> column + "::text::" + type, null);
        if (target.multirange() != null && Objects.equals(old.multirange(), target.multirange())) {
            TypeRecreation.moveColumns(differ, id, target.multirange(), (column, type) -> column + "::text::" + type, null);
        }
        plan.add(Phase.DROP_FUNCTIONS_AND_TYPES, id, "DROP TYPE " + qualified(away));
    }
}
