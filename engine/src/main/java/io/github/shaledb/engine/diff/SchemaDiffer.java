package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.EnumType;
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
 * Compares two models and fills a {@link Plan}: schemas, enums and sequences here, tables through
 * {@link TableDiff}, then the views that read what changed.
 */
final class SchemaDiffer {
    final Plan plan = new Plan();
    final SchemaModel from;
    final SchemaModel to;
    final Renames renames;
    /** Major version of the server the statements are for; 0 when unknown. */
    final int serverMajorVersion;
    /** Tables whose columns change under the views that read them: those views are dropped and recreated. */
    final Set<QualifiedName> disturbedTables = new TreeSet<>();
    /** Columns ({@code schema.table.column}) whose default the enum recreation dropped. */
    final Set<String> clearedDefaults = new HashSet<>();
    /**
     * Constraints and indexes ({@code schema.table.name}) that mention a recreated enum in their text: PostgreSQL
     * rebuilds them from that text during the column's type change, where it names the old type, so they are
     * dropped before and added after.
     */
    final Set<String> recreatedConstraints = new HashSet<>();
    final Set<String> recreatedIndexes = new HashSet<>();
    /** Views that mention a recreated enum: they hold the old type, which cannot be dropped under them. */
    final Set<QualifiedName> disturbedViews = new TreeSet<>();
    /** Old sequence name to new, for owned and identity sequences that follow a renamed table. */
    final TreeMap<QualifiedName, QualifiedName> sequenceRenames = new TreeMap<>();

    private SchemaDiffer(SchemaModel from, SchemaModel to, RenameDecider decider, int serverMajorVersion) {
        this.serverMajorVersion = serverMajorVersion;
        this.renames = Renames.decide(from, to, decider, plan);
        this.from = renames.apply(from);
        this.to = to;
    }

    static SchemaDiffer run(SchemaModel from, SchemaModel to, RenameDecider decider, int serverMajorVersion) {
        SchemaDiffer differ = new SchemaDiffer(from, to, decider, serverMajorVersion);
        differ.findSequenceRenames();
        differ.diffSchemas();
        differ.diffEnums();
        differ.diffSequences();
        new TableDiff(differ).run();
        differ.diffViews();
        return differ;
    }

    // --- schemas

    private void diffSchemas() {
        for (Schema s : to.schemas()) {
            Schema old = from.schema(s.name()).orElse(null);
            if (old == null) {
                plan.add(Phase.CREATE_SCHEMAS, "CREATE SCHEMA " + quote(s.name()));
            }
            comment(() -> "SCHEMA " + quote(s.name()), old == null ? null : old.comment(), s.comment());
        }
        for (Schema s : from.schemas()) {
            if (to.schema(s.name()).isEmpty()) {
                plan.add(Phase.DROP_SCHEMAS, "DROP SCHEMA " + quote(s.name()),
                        new Hazard(Hazard.Kind.DATA_LOSS, "drops schema " + s.name()));
            }
        }
    }

    // --- enums

    private void diffEnums() {
        for (EnumType e : to.enums()) {
            EnumType old = from.enumType(e.name()).orElse(null);
            if (old == null) {
                plan.add(Phase.ENUMS, createEnum(e.name(), e.labels()));
            } else if (isSubsequence(old.labels(), e.labels()) && !usesAddedValue(old, e)) {
                addValues(old, e);
            } else {
                recreateEnum(old, e);
            }
            comment(() -> "TYPE " + qualified(e.name()), old == null ? null : old.comment(), e.comment());
        }
        for (EnumType e : from.enums()) {
            if (to.enumType(e.name()).isEmpty()) {
                plan.add(Phase.DROP_ENUMS, "DROP TYPE " + qualified(e.name()));
            }
        }
    }

    private static String createEnum(QualifiedName name, List<String> labels) {
        return "CREATE TYPE " + qualified(name) + " AS ENUM (" + String.join(", ", labels.stream().map(SqlIdentifiers::literal).toList()) + ")";
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int i = 0;
        for (String label : whole) {
            if (i < part.size() && part.get(i).equals(label)) {
                i++;
            }
        }
        return i == part.size();
    }

    /**
     * Whether the target mentions a value the enum gains (a default, check, index, view): PostgreSQL refuses a
     * value added by {@code ALTER TYPE … ADD VALUE} until that transaction commits, so such an enum is
     * recreated instead, which makes every value usable at once.
     */
    private boolean usesAddedValue(EnumType old, EnumType target) {
        Set<String> added = new HashSet<>(target.labels());
        added.removeAll(old.labels());
        if (added.isEmpty()) {
            return false;
        }
        Pattern literal = Pattern.compile("'((?:[^']|'')*)'::" + Pattern.quote(qualified(target.name())) + "(\\[\\])?");
        List<String> texts = new ArrayList<>();
        for (Table table : to.tables()) {
            table.columns().forEach(c -> {
                texts.add(c.defaultExpression());
                texts.add(c.generatedExpression());
            });
            table.constraints().forEach(c -> texts.add(c.definition()));
            table.indexes().forEach(i -> texts.add(i.definition()));
        }
        for (View v : to.views()) {
            texts.add(v.definition());
            v.columns().forEach(c -> texts.add(c.defaultExpression()));
            v.indexes().forEach(i -> texts.add(i.definition()));
        }
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher m = literal.matcher(text);
            while (m.find()) {
                String value = m.group(1).replace("''", "'");
                List<String> values = m.group(2) == null ? List.of(value)
                        : List.of(value.replaceAll("^\\{|}$", "").replace("\"", "").split(","));
                if (values.stream().anyMatch(added::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void addValues(EnumType old, EnumType target) {
        List<String> labels = target.labels();
        for (int i = 0; i < labels.size(); i++) {
            if (old.labels().contains(labels.get(i))) {
                continue;
            }
            // Values are added in target order, so the one before is there already; the first goes before
            // the first value that exists now (the next one may be new too).
            String firstKept = labels.stream().filter(old.labels()::contains).findFirst().orElse(null);
            String place = i > 0 ? " AFTER " + literal(labels.get(i - 1))
                    : firstKept != null ? " BEFORE " + literal(firstKept) : "";
            plan.add(Phase.ENUMS, "ALTER TYPE " + qualified(target.name()) + " ADD VALUE " + literal(labels.get(i)) + place);
        }
    }

    /** A removed or reordered value: rename the old type away, create the new one, cast every column over. */
    private void recreateEnum(EnumType old, EnumType target) {
        String oldName = target.name().name() + "__shale_old";
        QualifiedName oldType = QualifiedName.of(target.name().schema(), oldName);
        List<String> removed = old.labels().stream().filter(l -> !target.labels().contains(l)).toList();
        plan.add(Phase.ENUMS, "ALTER TYPE " + qualified(target.name()) + " RENAME TO " + quote(oldName));
        plan.add(Phase.ENUMS, createEnum(target.name(), target.labels()));
        String scalar = qualified(target.name());
        for (Table table : from.tables()) {
            Table kept = to.table(table.name()).orElse(null);
            if (kept == null || table.partitionOf() != null) {
                continue; // dropped tables went before; partitions follow their parent
            }
            for (Column column : table.columns()) {
                boolean array = column.type().equals(scalar + "[]");
                if (!column.type().equals(scalar) && !array || kept.column(column.name()).isEmpty()) {
                    continue;
                }
                String alter = "ALTER TABLE " + qualified(table.name()) + " ALTER COLUMN " + quote(column.name());
                if (column.defaultExpression() != null) {
                    plan.add(Phase.ENUMS, alter + " DROP DEFAULT");
                    clearedDefaults.add(table.name() + "." + column.name());
                }
                String suffix = array ? "[]" : "";
                List<Hazard> hazards = new ArrayList<>();
                hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "rewrites " + table.name() + " to cast "
                        + column.name() + " to the new " + target.name()));
                removed.forEach(value -> hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, "rows of " + table.name()
                        + " holding removed value '" + value + "' in " + column.name() + " fail the cast")));
                plan.add(Phase.ENUMS, alter + " TYPE " + scalar + suffix + " USING " + quote(column.name()) + "::text"
                        + suffix + "::" + scalar + suffix, hazards);
                disturbedTables.add(table.name());
            }
        }
        markEnumDependents(target.name());
        List<Hazard> hazards = removed.stream().map(value -> new Hazard(Hazard.Kind.DATA_LOSS,
                "removes value '" + value + "' from " + target.name())).toList();
        plan.add(Phase.ENUMS, "DROP TYPE " + qualified(oldType), hazards);
    }

    /** Checks, index predicates and expressions, and views whose text names the enum: recreated around it. */
    private void markEnumDependents(QualifiedName enumName) {
        Pattern mention = Pattern.compile("(?<![\\w$\"])" + Pattern.quote(qualified(enumName)) + "(?![\\w$\"])");
        for (Table table : from.tables()) {
            for (var c : table.constraints()) {
                if (mention.matcher(c.definition()).find()) {
                    recreatedConstraints.add(table.name() + "." + c.name());
                }
            }
            for (var i : table.indexes()) {
                if (mention.matcher(i.definition()).find()) {
                    recreatedIndexes.add(table.name() + "." + i.name());
                }
            }
        }
        String scalar = qualified(enumName);
        for (View v : from.views()) {
            if (mention.matcher(v.definition()).find() || v.columns().stream()
                    .anyMatch(c -> c.type().equals(scalar) || c.type().equals(scalar + "[]")
                            || c.defaultExpression() != null && mention.matcher(c.defaultExpression()).find())) {
                disturbedViews.add(v.name());
            }
        }
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

    private void diffSequences() {
        for (Sequence s : to.sequences()) {
            if (s.identity()) {
                continue; // created and changed with its identity column
            }
            Sequence old = from.sequences().stream().filter(o -> sequenceName(o.name()).equals(s.name())).findFirst()
                    .filter(o -> o.ownedBy() == null || !ownerGoes(o)).orElse(null);
            boolean afterDropIdentity = false;
            if (old != null && old.identity()) {
                // An identity's sequence of this name goes with the identity; the table diff creates this one
                // right after its DROP IDENTITY.
                afterDropIdentity = identityDropped(old);
                old = null;
            }
            if (old == null && !afterDropIdentity) {
                plan.add(Phase.SEQUENCES, createSequence(s));
            } else if (old != null && !old.options().equals(s.options())) {
                plan.add(Phase.SEQUENCES, "ALTER SEQUENCE " + qualified(s.name()) + sequenceOptions(s.options())
                        + restart(old.options(), s.options()));
            }
            if (s.ownedBy() != null && (old == null || !Objects.equals(old.ownedBy(), s.ownedBy()))) {
                plan.add(Phase.SEQUENCE_OWNERSHIP, "ALTER SEQUENCE " + qualified(s.name()) + " OWNED BY "
                        + qualified(s.ownedBy().table()) + "." + quote(s.ownedBy().column()));
            } else if (s.ownedBy() == null && old != null && old.ownedBy() != null) {
                plan.add(Phase.SEQUENCE_OWNERSHIP, "ALTER SEQUENCE " + qualified(s.name()) + " OWNED BY NONE");
            }
            comment(() -> "SEQUENCE " + qualified(s.name()), old == null ? null : old.comment(), s.comment());
        }
        for (Sequence s : from.sequences()) {
            if (s.identity() || sequenceRenames.containsKey(s.name()) || to.sequence(s.name()).isPresent()) {
                continue;
            }
            if (s.ownedBy() != null && ownerGoes(s)) {
                continue; // dropped with its column
            }
            plan.add(Phase.DROP_SEQUENCES, "DROP SEQUENCE " + qualified(s.name()));
        }
    }

    /**
     * {@code CREATE SEQUENCE}; {@code UNLOGGED} (PostgreSQL 15+) for a sequence owned by a column of an unlogged
     * table, as {@code serial} in such a table makes it.
     */
    String createSequence(Sequence s) {
        boolean unlogged = serverMajorVersion >= 15 && s.ownedBy() != null
                && to.table(s.ownedBy().table()).map(Table::unlogged).orElse(false);
        return "CREATE " + (unlogged ? "UNLOGGED " : "") + "SEQUENCE " + qualified(s.name()) + sequenceOptions(s.options());
    }

    /** Whether the identity sequence's column stays but loses its identity (DROP IDENTITY drops the sequence). */
    private boolean identityDropped(Sequence identitySequence) {
        if (identitySequence.ownedBy() == null) {
            return false;
        }
        Table old = from.table(identitySequence.ownedBy().table()).orElse(null);
        Table table = to.table(identitySequence.ownedBy().table()).orElse(null);
        return old != null && table != null && !TableDiff.recreated(old, table)
                && table.column(identitySequence.ownedBy().column()).map(c -> c.identity() == null).orElse(false);
    }

    /** Whether the owning column is dropped, or its table dropped or recreated: that drops the sequence with it. */
    private boolean ownerGoes(Sequence s) {
        Table table = to.table(s.ownedBy().table()).orElse(null);
        return table == null || table.column(s.ownedBy().column()).isEmpty()
                || TableDiff.recreated(from.table(s.ownedBy().table()).orElse(null), table);
    }

    /**
     * {@code RESTART} when the old start lies outside the new bounds: the sequence's current value is then
     * most likely outside them too, and PostgreSQL refuses the change without a restart.
     */
    static String restart(SequenceOptions old, SequenceOptions next) {
        return old.start() < next.min() || old.start() > next.max() ? " RESTART" : "";
    }

    static String sequenceOptions(SequenceOptions o) {
        return " AS " + o.type() + identityOptions(o);
    }

    /** The options an identity column takes in parentheses, and a sequence after its name (without AS). */
    static String identityOptions(SequenceOptions o) {
        return " INCREMENT BY " + o.increment() + " MINVALUE " + o.min() + " MAXVALUE " + o.max()
                + " START WITH " + o.start() + " CACHE " + o.cache() + (o.cycle() ? " CYCLE" : " NO CYCLE");
    }

    // --- views

    private void diffViews() {
        DependencyGraph<QualifiedName> before = viewGraph(from);
        DependencyGraph<QualifiedName> after = viewGraph(to);
        Set<QualifiedName> changed = new TreeSet<>(disturbedTables);
        changed.addAll(disturbedViews);
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
                plan.add(Phase.DROP_VIEWS, "DROP " + kind(v) + " " + qualified(name));
            }
        }
        for (QualifiedName name : after.order()) {
            View v = to.view(name).orElse(null);
            if (v == null) {
                continue;
            }
            View old = dropped.contains(name) ? null : from.view(name).orElse(null);
            if (old == null) {
                createView(v);
            } else {
                TableDiff.diffIndexes(this, v.name(), old.indexes(), v.indexes(), true);
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
        plan.add(Phase.CREATE_VIEWS, "CREATE " + kind(v) + " " + qualified(v.name()) + options + " AS\n" + query);
        for (Column c : v.columns()) {
            if (c.defaultExpression() != null) {
                plan.add(Phase.CREATE_VIEWS, "ALTER VIEW " + qualified(v.name()) + " ALTER COLUMN " + quote(c.name())
                        + " SET DEFAULT " + c.defaultExpression());
            }
        }
        v.indexes().forEach(i -> plan.add(Phase.CREATE_VIEWS, TableDiff.indexSql(i, false)));
    }

    private void viewComments(View old, View v) {
        comment(() -> kind(v) + " " + qualified(v.name()), old == null ? null : old.comment(), v.comment());
        for (Column c : v.columns()) {
            Column was = old == null ? null : old.columns().stream().filter(o -> o.name().equals(c.name())).findFirst()
                    .orElse(null);
            comment(() -> "COLUMN " + qualified(v.name()) + "." + quote(c.name()), was == null ? null : was.comment(), c.comment());
        }
        for (var index : v.indexes()) {
            var was = old == null ? null : old.index(index.name()).orElse(null);
            comment(() -> "INDEX " + qualified(QualifiedName.of(v.name().schema(), index.name())),
                    was == null || !TableDiff.sameIndex(was, index) ? null : was.comment(), index.comment());
        }
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
