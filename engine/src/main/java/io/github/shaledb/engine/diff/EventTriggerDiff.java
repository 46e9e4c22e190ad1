package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.EventTrigger;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.TriggerState;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Event triggers. Another event, tag list or function drops it early and creates it near the end (so it does
 * not fire on the migration's own statements before it); its enabled state is {@code ALTER EVENT TRIGGER}. One
 * whose function is dropped and created again is created again.
 */
final class EventTriggerDiff extends KindDiff {
    EventTriggerDiff(SchemaDiffer differ) {
        super(differ);
    }

    @Override
    public void run() {
        Set<String> dropped = new HashSet<>();
        for (EventTrigger old : from.all(ObjectKind.EVENT_TRIGGERS)) {
            EventTrigger target = to.find(ObjectKind.EVENT_TRIGGERS, old.name()).orElse(null);
            String id = ObjectId.eventTrigger(old.name());
            if (target != null && !differ.replaced(id) && sameDefinition(old, target)) {
                continue;
            }
            dropped.add(old.name());
            plan.add(Phase.DROP_TRIGGERS, "DROP EVENT TRIGGER " + quote(old.name()));
            if (target != null) {
                differ.recreated.add(id);
            }
        }
        for (EventTrigger target : to.all(ObjectKind.EVENT_TRIGGERS)) {
            EventTrigger old = dropped.contains(target.name()) ? null
                    : from.find(ObjectKind.EVENT_TRIGGERS, target.name()).orElse(null);
            if (old == null) {
                plan.add(Phase.EVENT_TRIGGERS, create(target));
            }
            if ((old == null ? TriggerState.ENABLED : old.state()) != target.state()) {
                plan.add(Phase.EVENT_TRIGGERS, "ALTER EVENT TRIGGER " + quote(target.name()) + " " + target.state().sql());
            }
            differ.comment(() -> "EVENT TRIGGER " + quote(target.name()), old == null ? null : old.comment(),
                    target.comment());
        }
    }

    private static boolean sameDefinition(EventTrigger a, EventTrigger b) {
        return a.event().equals(b.event()) && a.tags().equals(b.tags()) && a.function().equals(b.function());
    }

    private static String create(EventTrigger e) {
        String tags = e.tags().isEmpty() ? ""
                : " WHEN TAG IN (" + e.tags().stream().map(SqlIdentifiers::literal).collect(Collectors.joining(", ")) + ")";
        return "CREATE EVENT TRIGGER " + quote(e.name()) + " ON " + quote(e.event()) + tags + " EXECUTE FUNCTION "
                + qualified(e.function()) + "()";
    }
}
