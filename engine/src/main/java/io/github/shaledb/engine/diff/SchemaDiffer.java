package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/**
 * Compares two models and fills a {@link Plan}: one {@link KindDiff} per kind of object, run in one
 * ordered list. Before any runs, each says which of its objects it drops and creates again although
 * they stay; everything that depends on those (a view over a recreated table, a check calling a
 * function that must be dropped) is then recreated too, and the kinds read that from {@link #replaced}.
 */
final class SchemaDiffer {
    final Plan plan = new Plan();
    final SchemaModel from;
    final SchemaModel to;
    final Renames renames;
    /** Major version of the server the statements are for; 0 when unknown. */
    final int serverMajorVersion;
    /** The dependency graphs of the source (after the renames) and of the target. */
    final DependencyIndex sourceDependencies;
    final DependencyIndex targetDependencies;
    /**
     * ObjectIds of source objects that are dropped and created again although they stay, and of everything
     * that depends on them: each kind recreates its objects listed here.
     */
    final Set<String> replaced = new HashSet<>();
    /**
     * ObjectIds of objects the plan drops and creates again (a recreated table or enum, a view or function
     * dropped and created, a column dropped and added back): what they held that the creation does not give
     * back (privileges, comments) must be given back.
     */
    final Set<String> recreated = new HashSet<>();
    /** Tables whose columns change under the views that read them: those views are dropped and recreated. */
    final Set<QualifiedName> disturbedTables = new TreeSet<>();
    /** Columns ({@code schema.table.column}) whose default was dropped earlier in the plan (to be set again). */
    final Set<String> clearedDefaults = new HashSet<>();
    /**
     * Constraints and indexes ({@code schema.table.name}) that mention a recreated enum in their text: PostgreSQL
     * rebuilds them from that text during the column's type change, where it names the old type, so they are
     * dropped before and added after. Also those over a replaced function.
     */
    final Set<String> recreatedConstraints = new HashSet<>();
    final Set<String> recreatedIndexes = new HashSet<>();
    /** Views that mention a recreated enum or need a replaced object: dropped and created again. */
    final Set<QualifiedName> disturbedViews = new TreeSet<>();
    /** Views the plan drops (to create again, or for good): functions that read them must go first. */
    final Set<QualifiedName> droppedViews = new TreeSet<>();
    /** Old sequence name to new, for owned and identity sequences that follow a renamed table. */
    final TreeMap<QualifiedName, QualifiedName> sequenceRenames = new TreeMap<>();

    private SchemaDiffer(SchemaModel from, SchemaModel to, RenameDecider decider, int serverMajorVersion) {
        this.serverMajorVersion = serverMajorVersion;
        this.renames = Renames.decide(from, to, decider, plan);
        this.from = renames.apply(from);
        this.to = to;
        this.sourceDependencies = new DependencyIndex(this.from);
        this.targetDependencies = new DependencyIndex(to);
        plan.dependencies(sourceDependencies, targetDependencies);
    }

    static SchemaDiffer run(SchemaModel from, SchemaModel to, RenameDecider decider, int serverMajorVersion) {
        SchemaDiffer differ = new SchemaDiffer(from, to, decider, serverMajorVersion);
        differ.findSequenceRenames();
        RelationParts relationParts = new RelationParts(differ);
        List<KindDiff> kinds = List.of(new NamespaceDiff(differ), new ExtensionDiff(differ), new SequenceDiff(differ),
                new EnumDiff(differ), new CollationDiff(differ), new DomainDiff(differ), new CompositeTypeDiff(differ),
                new RangeTypeDiff(differ), new TableDiff(differ), new ViewDiff(differ), new RoutineDiff(differ),
                new TriggerDiff(differ, relationParts), new RowSecurityDiff(differ), new PolicyDiff(differ, relationParts),
                new EventTriggerDiff(differ),
                // Last: privileges read what the others recreated.
                new PrivilegeDiff(differ), new DefaultPrivilegeDiff(differ));
        Set<String> seeds = new HashSet<>();
        kinds.forEach(kind -> seeds.addAll(kind.replaced()));
        differ.replaced.addAll(differ.sourceDependencies.dependentsClosure(seeds));
        differ.recreateTableParts();
        kinds.forEach(KindDiff::run);
        return differ;
    }

    /**
     * The parts of tables that stay whose dependencies are replaced: constraints and indexes are recreated,
     * views too, and a column default is dropped here to be set again once what it calls exists anew.
     */
    private void recreateTableParts() {
        if (replaced.isEmpty()) {
            return;
        }
        for (Table table : from.tables()) {
            Table target = to.table(table.name()).orElse(null);
            if (target == null || replaced.contains(ObjectId.table(table.name()))) {
                continue;
            }
            for (Column column : table.columns()) {
                Column next = target.column(column.name()).orElse(null);
                if (next != null && column.defaultExpression() != null
                        && replaced.contains(ObjectId.column(table.name(), column.name()))) {
                    plan.add(Phase.DROP_DEFAULTS, "ALTER TABLE " + qualified(table.name()) + " ALTER COLUMN "
                            + quote(column.name()) + " DROP DEFAULT");
                    clearedDefaults.add(table.name() + "." + column.name());
                }
            }
            table.constraints().stream().filter(c -> replaced.contains(ObjectId.constraint(table.name(), c.name())))
                    .forEach(c -> recreatedConstraints.add(table.name() + "." + c.name()));
            table.indexes().stream()
                    .filter(i -> replaced.contains(ObjectId.index(QualifiedName.of(table.name().schema(), i.name()))))
                    .forEach(i -> recreatedIndexes.add(table.name() + "." + i.name()));
        }
        for (View view : from.views()) {
            if (replaced.contains(ObjectId.view(view.name()))) {
                disturbedViews.add(view.name());
            }
        }
    }

    /** Whether a source object is dropped and created again (see {@link #replaced}). */
    boolean replaced(String objectId) {
        return replaced.contains(objectId);
    }

    // --- sequences

    /** Owned and identity sequences keep their name when their table is renamed: rename them to the target's name. */
    private void findSequenceRenames() {
        for (Table table : to.tables()) {
            Table old = from.table(table.name()).orElse(null);
            if (old == null) {
                continue;
            }
            for (Column column : table.columns()) {
                Column was = old.column(column.name()).orElse(null);
                if (was == null) {
                    continue;
                }
                QualifiedName oldSeq = sequenceOf(was);
                QualifiedName newSeq = sequenceOf(column);
                if (oldSeq != null && newSeq != null && !oldSeq.equals(newSeq) && from.sequence(newSeq).isEmpty()
                        && to.sequence(oldSeq).isEmpty() && (was.identity() == null) == (column.identity() == null)) {
                    sequenceRenames.put(oldSeq, newSeq);
                    plan.add(Phase.RENAMES, "ALTER SEQUENCE " + qualified(oldSeq) + " RENAME TO " + quote(newSeq.name()));
                }
            }
        }
    }

    private static QualifiedName sequenceOf(Column column) {
        return column.identity() != null ? column.identity().sequence() : column.ownedSequence();
    }

    QualifiedName sequenceName(QualifiedName old) {
        return sequenceRenames.getOrDefault(old, old);
    }

    /** A source default as it reads after sequence renames: {@code nextval('public.new_seq'::regclass)}. */
    String renamedDefault(String expression) {
        if (expression == null) {
            return null;
        }
        String result = expression;
        for (var rename : sequenceRenames.entrySet()) {
            result = result.replace("'" + qualified(rename.getKey()) + "'", "'" + qualified(rename.getValue()) + "'");
        }
        return result;
    }

    /**
     * {@code COMMENT ON …} when the comment differs; {@code from} is null for an object created in this diff.
     * {@code target} is only built then: most objects of a large schema keep their comment.
     */
    void comment(Supplier<String> target, String from, String to) {
        if (!Objects.equals(from, to)) {
            plan.add(Phase.COMMENTS, "COMMENT ON " + target.get() + " IS " + literal(to));
        }
    }
}
