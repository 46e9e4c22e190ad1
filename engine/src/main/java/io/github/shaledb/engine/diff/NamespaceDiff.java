package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Schema;


import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/** The managed schemas themselves: created, dropped, commented. */
final class NamespaceDiff extends KindDiff {


    NamespaceDiff(SchemaDiffer differ) {
        super(differ);
    }

    @Override
    public void run() {
        diffSchemas();
    }

    private void diffSchemas() {
        for (Schema s : to.schemas()) {
            Schema old = from.schema(s.name()).orElse(null);
            if (old == null) {
                plan.add(Phase.CREATE_SCHEMAS, "CREATE SCHEMA " + quote(s.name()));
            }
            differ.comment(() -> "SCHEMA " + quote(s.name()), old == null ? null : old.comment(), s.comment());
        }
        for (Schema s : from.schemas()) {
            if (to.schema(s.name()).isEmpty()) {
                plan.add(Phase.DROP_SCHEMAS, "DROP SCHEMA " + quote(s.name()),
                        new Hazard(Hazard.Kind.DATA_LOSS, "drops schema " + s.name()));
            }
        }
    }

}
