package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.View;

import java.util.Set;
import java.util.TreeSet;

import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/** Views and materialized views: recreated when their query, options or what they read change. */
final class ViewDiff extends KindDiff {


    ViewDiff(SchemaDiffer differ) {
        super(differ);
    }

    @Override
    public void run() {
        diffViews();
    }

    private void diffViews() {
        DependencyGraph<QualifiedName> before = viewGraph(from);
        DependencyGraph<QualifiedName> after = viewGraph(to);
        Set<QualifiedName> changed = new TreeSet<>(differ.disturbedTables);
        changed.addAll(differ.disturbedViews);
        for (View v : from.views()) {
            View target = to.view(v.name()).orElse(null);
            if (target == null || !sameShape(v, target)) {
                changed.add(v.name());
            }
        }
        Set<QualifiedName> dropped = new TreeSet<>();
        Set<QualifiedName> affected = before.dependentsOf(changed);
        for (QualifiedName name : before.reverseOrder()) {
            if (affected.contains(name) && from.view(name).isPresent()) {
                dropped.add(name);
                View v = from.view(name).get();
                plan.add(Phase.DROP_VIEWS, ObjectId.view(name), "DROP " + kind(v) + " " + qualified(name));
            }
        }
        differ.droppedViews.addAll(dropped);
        for (QualifiedName name : after.order()) {
            View v = to.view(name).orElse(null);
            if (v == null) {
                continue;
            }
            View old = dropped.contains(name) ? null : from.view(name).orElse(null);
            if (dropped.contains(name)) {
                differ.recreated.add(ObjectId.view(name));
            }
            if (old == null) {
                createView(v);
            } else {
                TableDiff.diffIndexes(differ, v.name(), old.indexes(), v.indexes(), true);
            }
            viewComments(old, v);
        }
    }

    private static DependencyGraph<QualifiedName> viewGraph(SchemaModel model) {
        DependencyGraph<QualifiedName> graph = new DependencyGraph<>();
        for (View v : model.views()) {
            graph.add(v.name());
            for (QualifiedName d : v.dependsOn()) {
                // Only the tables a view reads can move it in the order; the others would be isolated nodes.
                if (model.table(d).isPresent()) {
                    graph.add(d);
                }
                graph.dependsOn(v.name(), d);
            }
        }
        return graph;
    }

    private static boolean sameShape(View a, View b) {
        return a.materialized() == b.materialized() && a.definition().equals(b.definition())
                && a.options().equals(b.options())
                && a.columns().stream().map(c -> c.name() + " " + c.type() + " " + c.defaultExpression()).toList()
                .equals(b.columns().stream().map(c -> c.name() + " " + c.type() + " " + c.defaultExpression()).toList());
    }

    private static String kind(View v) {
        return v.materialized() ? "MATERIALIZED VIEW" : "VIEW";
    }

    private void createView(View v) {
        String query = v.definition().strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        String options = v.options().isEmpty() ? "" : " WITH (" + String.join(", ", v.options()) + ")";
        String id = ObjectId.view(v.name());
        plan.add(Phase.CREATE_VIEWS, id, "CREATE " + kind(v) + " " + qualified(v.name()) + options + " AS\n" + query);
        for (Column c : v.columns()) {
            if (c.defaultExpression() != null) {
                plan.add(Phase.CREATE_VIEWS, id, "ALTER VIEW " + qualified(v.name()) + " ALTER COLUMN " + quote(c.name())
                        + " SET DEFAULT " + c.defaultExpression());
            }
        }
        v.indexes().forEach(i -> plan.add(Phase.CREATE_VIEWS, id, TableDiff.indexSql(i, false)));
    }

    private void viewComments(View old, View v) {
        differ.comment(() -> kind(v) + " " + qualified(v.name()), old == null ? null : old.comment(), v.comment());
        for (Column c : v.columns()) {
            Column was = old == null ? null : old.columns().stream().filter(o -> o.name().equals(c.name())).findFirst()
                    .orElse(null);
            differ.comment(() -> "COLUMN " + qualified(v.name()) + "." + quote(c.name()), was == null ? null : was.comment(), c.comment());
        }
        for (var index : v.indexes()) {
            var was = old == null ? null : old.index(index.name()).orElse(null);
            differ.comment(() -> "INDEX " + qualified(QualifiedName.of(v.name().schema(), index.name())),
                    was == null || !TableDiff.sameIndex(was, index) ? null : was.comment(), index.comment());
        }
    }

    /**
     * {@code COMMENT ON …} when the comment differs; {@code from} is null for an object created in this diff.
     * {@code target} is only built then: most objects of a large schema keep their comment.
     */
}
