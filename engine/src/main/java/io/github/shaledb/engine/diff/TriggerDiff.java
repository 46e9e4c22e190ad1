package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.TableScopedName;
import io.github.shaledb.engine.schema.Trigger;
import io.github.shaledb.engine.schema.TriggerState;

import java.util.HashSet;
import java.util.Set;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Triggers of tables, partitioned tables and views. A new one is created once its table and function exist;
 * a changed one is {@code CREATE OR REPLACE}d where the server has it (14+) and it is no constraint trigger,
 * else dropped early and created late; its enabled state is {@code ALTER TABLE … ENABLE/DISABLE TRIGGER}.
 * One whose table is dropped goes with it, and one whose table, view or function is dropped and created again
 * is created again after them.
 */
final class TriggerDiff extends KindDiff {
    private final RelationParts parts;

    TriggerDiff(SchemaDiffer differ, RelationParts parts) {
        super(differ);
        this.parts = parts;
    }

    @Override
    public void run() {
        Set<TableScopedName> dropped = new HashSet<>();
        for (Trigger old : from.all(ObjectKind.TRIGGERS)) {
            Trigger target = to.find(ObjectKind.TRIGGERS, old.key()).orElse(null);
            String id = ObjectId.trigger(old.table(), old.name());
            boolean relationGoes = parts.relationGoes(old.table());
            if (target != null && !relationGoes && !parts.mustRecreate(id)
                    && (old.definition().equals(target.definition()) || replaceable(old, target))) {
                continue;
            }
            dropped.add(old.key());
            if (!relationGoes || !parts.goesWithRelation(id, old.table())) {
                plan.add(Phase.DROP_TRIGGERS, "DROP TRIGGER " + quote(old.name()) + " ON " + qualified(old.table()));
            }
            if (target != null) {
                differ.recreated.add(id);
            }
        }
        for (Trigger target : to.all(ObjectKind.TRIGGERS)) {
            Trigger old = dropped.contains(target.key()) ? null : from.find(ObjectKind.TRIGGERS, target.key()).orElse(null);
            TriggerState state = old == null ? TriggerState.ENABLED : old.state();
            if (old == null) {
                plan.add(Phase.TRIGGERS, target.definition());
            } else if (!old.definition().equals(target.definition())) {
                plan.add(Phase.TRIGGERS, "CREATE OR REPLACE TRIGGER " + target.definition().substring("CREATE TRIGGER ".length()));
                state = TriggerState.ENABLED; // CREATE OR REPLACE enables it again
            }
            if (state != target.state()) {
                plan.add(Phase.TRIGGERS, "ALTER TABLE " + qualified(target.table()) + " " + target.state().sql()
                        + " TRIGGER " + quote(target.name()));
            }
            differ.comment(() -> "TRIGGER " + quote(target.name()) + " ON " + qualified(target.table()),
                    old == null ? null : old.comment(), target.comment());
        }
    }

    /** Whether {@code CREATE OR REPLACE TRIGGER} (PostgreSQL 14+) can turn {@code old} into {@code target}. */
    private boolean replaceable(Trigger old, Trigger target) {
        return differ.serverMajorVersion >= 14 && !old.constraint() && !target.constraint()
                && target.definition().startsWith("CREATE TRIGGER ");
    }
}
