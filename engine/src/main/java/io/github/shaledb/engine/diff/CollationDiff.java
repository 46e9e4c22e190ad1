package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Collation;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Collations of the managed schemas. Created before the columns and domains that use them; a changed collation has
 * no {@code ALTER} and is created again (see {@link TypeRecreation}), the columns that use it moved over to it.
 */
final class CollationDiff extends KindDiff {
    CollationDiff(SchemaDiffer differ) {
        super(differ);
    }

    /** Collations that change in anything but their comment, and those that go. */
    @Override
    public Set<String> replaced() {
        Set<String> ids = new TreeSet<>();
        for (Collation old : from.collations()) {
            Collation target = to.find(ObjectKind.COLLATIONS, old.name()).orElse(null);
            if (target == null || changed(old, target)) {
                ids.add(ObjectId.collation(old.name()));
            }
        }
        return ids;
    }

    private static boolean changed(Collation old, Collation target) {
        return !withoutComment(old).equals(withoutComment(target));
    }

    private static Collation withoutComment(Collation c) {
        return new Collation(c.name(), c.provider(), c.locale(), c.lcCollate(), c.lcCtype(), c.deterministic(), c.rules(), null);
    }

    @Override
    public void run() {
        for (Collation target : to.collations()) {
            Collation old = from.find(ObjectKind.COLLATIONS, target.name()).orElse(null);
            if (old == null) {
                create(target);
            } else if (changed(old, target)) {
                recreate(old, target);
            } else {
                differ.comment(() -> "COLLATION " + qualified(target.name()), old.comment(), target.comment());
            }
        }
        for (Collation old : from.collations()) {
            if (to.find(ObjectKind.COLLATIONS, old.name()).isEmpty()) {
                plan.add(Phase.DROP_FUNCTIONS_AND_TYPES, ObjectId.collation(old.name()), "DROP COLLATION " + qualified(old.name()));
            }
        }
    }

    /** As pg_dump writes it: the provider, then what differs from the defaults. */
    private void create(Collation c) {
        List<String> options = new ArrayList<>();
        options.add("provider = " + c.provider());
        if (!c.deterministic()) {
            options.add("deterministic = false");
        }
        if (c.locale() != null) {
            options.add("locale = " + literal(c.locale()));
        } else {
            options.add("lc_collate = " + literal(c.lcCollate()));
            options.add("lc_ctype = " + literal(c.lcCtype()));
        }
        if (c.rules() != null) {
            options.add("rules = " + literal(c.rules()));
        }
        plan.add(Phase.TYPES_AND_FUNCTIONS, ObjectId.collation(c.name()), "CREATE COLLATION " + qualified(c.name())
                + " (" + String.join(", ", options) + ")");
        differ.comment(() -> "COLLATION " + qualified(c.name()), null, c.comment());
    }

    private void recreate(Collation old, Collation target) {
        String id = ObjectId.collation(old.name());
        differ.recreated.add(id);
        if (!TypeRecreation.pinned(differ, id)) {
            plan.add(Phase.DROP_REPLACED, id, "DROP COLLATION " + qualified(old.name()));
            create(target);
            return;
        }
        QualifiedName away = TypeRecreation.oldName(from, old.name());
        plan.add(Phase.TYPES_AND_FUNCTIONS, id, "ALTER COLLATION " + qualified(old.name()) + " RENAME TO " + quote(away.name()));
        create(target);
        TypeRecreation.moveCollatedColumns(differ, id, target.name());
        plan.add(Phase.DROP_FUNCTIONS_AND_TYPES, id, "DROP COLLATION " + qualified(away));
    }
}
