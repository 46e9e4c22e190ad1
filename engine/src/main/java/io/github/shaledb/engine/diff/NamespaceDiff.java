package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.EnumType;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.Schema;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Sequence;
import io.github.shaledb.engine.schema.SequenceOptions;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.View;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/** The managed schemas themselves: created, dropped, commented. */
final class NamespaceDiff implements KindDiff {
    private final SchemaDiffer differ;
    private final SchemaModel from;
    private final SchemaModel to;
    private final Plan plan;


    NamespaceDiff(SchemaDiffer differ) {
        this.differ = differ;
        this.from = differ.from;
        this.to = differ.to;
        this.plan = differ.plan;
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
