package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.RowSecurity;
import io.github.shaledb.engine.schema.Table;

import java.util.ArrayList;
import java.util.List;

import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;

/**
 * Row-level security of each table, enabled and forced: one {@code ALTER TABLE} with both changes, after the
 * tables are created and before the policies. A table created again gets its settings again.
 */
final class RowSecurityDiff extends KindDiff {
    private static final RowSecurity NONE = new RowSecurity(null, false, false);


    RowSecurityDiff(SchemaDiffer differ) {
        super(differ);
    }

    @Override
    public void run() {
        for (Table table : to.tables()) {
            RowSecurity target = to.find(ObjectKind.ROW_SECURITY, table.name()).orElse(NONE);
            RowSecurity old = differ.replaced(ObjectId.table(table.name())) ? NONE
                    : from.find(ObjectKind.ROW_SECURITY, table.name()).orElse(NONE);
            List<String> actions = new ArrayList<>(2);
            if (old.enabled() != target.enabled()) {
                actions.add(target.enabled() ? "ENABLE ROW LEVEL SECURITY" : "DISABLE ROW LEVEL SECURITY");
            }
            if (old.forced() != target.forced()) {
                actions.add(target.forced() ? "FORCE ROW LEVEL SECURITY" : "NO FORCE ROW LEVEL SECURITY");
            }
            if (!actions.isEmpty()) {
                plan.add(Phase.ROW_SECURITY, "ALTER TABLE " + qualified(table.name()) + " " + String.join(", ", actions));
            }
        }
    }
}
