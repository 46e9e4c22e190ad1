package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Extension;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Extensions, created as pg_dump does ({@code CREATE EXTENSION IF NOT EXISTS … WITH SCHEMA …}, without a version
 * unless the schema files asked for one that is not the server's default), after the schemas and before everything
 * that may use them, in the order of what they require; dropped late, after the columns left their types. A new
 * version is {@code ALTER EXTENSION … UPDATE TO}, a new schema {@code SET SCHEMA}. What PostgreSQL cannot do in
 * place (moving an extension that is not relocatable, going back to an older version, for which the extensions
 * PostgreSQL ships have no scripts) drops and creates it, when that loses nothing that stays.
 */
final class ExtensionDiff extends KindDiff {
    ExtensionDiff(SchemaDiffer differ) {
        super(differ);
    }

    /** Extensions that go, and those dropped and created again. */
    @Override
    public Set<String> replaced() {
        Set<String> ids = new TreeSet<>();
        for (Extension old : from.extensions()) {
            Extension target = to.find(ObjectKind.EXTENSIONS, old.name()).orElse(null);
            if (target == null || recreated(old, target)) {
                ids.add(ObjectId.extension(old.name()));
            }
        }
        return ids;
    }

    private boolean recreated(Extension old, Extension target) {
        return !old.schema().equals(target.schema()) && !old.relocatable()
                || compareVersions(target.version(), old.version()) < 0 && dependents(old).isEmpty();
    }

    /** What the source has that needs the extension: types, functions, columns and indexes using its objects. */
    private List<String> dependents(Extension extension) {
        return new ArrayList<>(differ.sourceDependencies.dependentsOf(ObjectId.extension(extension.name())));
    }

    @Override
    public void run() {
        for (Extension target : to.extensions()) {
            String id = ObjectId.extension(target.name());
            Extension old = from.find(ObjectKind.EXTENSIONS, target.name()).orElse(null);
            if (old != null && recreated(old, target)) {
                List<String> dependents = dependents(old);
                String why = !old.schema().equals(target.schema())
                        ? "to create it in schema " + target.schema() + ": it is not relocatable"
                        : "to create it at the older version " + target.version() + ": PostgreSQL has no downgrade script for it";
                plan.add(Phase.DROP_REPLACED, id, "DROP EXTENSION " + quote(old.name()), new Hazard(Hazard.Kind.DATA_LOSS,
                        "drops extension " + old.name() + " with the objects it owns" + (dependents.isEmpty() ? ""
                                : " and what uses them (" + String.join(", ", dependents) + ")") + ", " + why));
                differ.recreated.add(id);
                old = null;
            }
            if (old == null) {
                schemaFor(target);
                plan.add(Phase.EXTENSIONS, id, "CREATE EXTENSION IF NOT EXISTS " + quote(target.name()) + " WITH SCHEMA "
                        + quote(target.schema()) + (target.defaultVersion() ? "" : " VERSION " + literal(target.version())));
                // CREATE EXTENSION sets the comment of its control file; another one (or none) is written after it.
                if (!target.defaultComment()) {
                    plan.add(Phase.COMMENTS, "COMMENT ON EXTENSION " + quote(target.name()) + " IS " + literal(target.comment()));
                }
                continue;
            }
            if (!old.schema().equals(target.schema())) {
                schemaFor(target);
                plan.add(Phase.EXTENSIONS, id, "ALTER EXTENSION " + quote(target.name()) + " SET SCHEMA " + quote(target.schema()));
            }
            if (!old.version().equals(target.version())) {
                plan.add(Phase.EXTENSIONS, id, "ALTER EXTENSION " + quote(target.name()) + " UPDATE TO " + literal(target.version()));
            }
            differ.comment(() -> "EXTENSION " + quote(target.name()), old.comment(), target.comment());
        }
        for (Extension old : from.extensions()) {
            if (to.find(ObjectKind.EXTENSIONS, old.name()).isEmpty()) {
                plan.add(Phase.DROP_EXTENSIONS, ObjectId.extension(old.name()), "DROP EXTENSION " + quote(old.name()));
            }
        }
    }

    /**
     * An extension may live in a schema Shale does not manage (an {@code extensions} schema, say): that schema is
     * created if it is missing, and never dropped. {@code pg_catalog} always exists.
     */
    private void schemaFor(Extension extension) {
        if (to.schema(extension.schema()).isEmpty() && !extension.schema().equals("pg_catalog")) {
            plan.add(Phase.EXTENSIONS, ObjectId.extension(extension.name()), "CREATE SCHEMA IF NOT EXISTS " + quote(extension.schema()));
        }
    }

    /** Dotted versions by their numbers ({@code 1.10} after {@code 1.9}); other parts as text. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d{1,9}") && q.matches("\\d{1,9}") ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q))
                    : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
