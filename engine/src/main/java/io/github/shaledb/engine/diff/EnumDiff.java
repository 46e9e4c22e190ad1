package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.EnumType;
import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.Table;
import io.github.shaledb.engine.schema.View;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.shaledb.engine.diff.SqlIdentifiers.literal;
import static io.github.shaledb.engine.diff.SqlIdentifiers.qualified;
import static io.github.shaledb.engine.diff.SqlIdentifiers.quote;

/** Enum types: created, values added in place, or recreated under their columns when a value goes or moves. */
final class EnumDiff extends KindDiff {


    EnumDiff(SchemaDiffer differ) {
        super(differ);
    }

    /** Enums recreated (a value removed or moved, or added and used at once), and enums that go. */
    @Override
    public Set<String> replaced() {
        Set<String> ids = new TreeSet<>();
        for (EnumType old : from.enums()) {
            EnumType target = to.enumType(old.name()).orElse(null);
            if (target == null || !isSubsequence(old.labels(), target.labels()) || usesAddedValue(old, target)) {
                ids.add(ObjectId.type(old.name()));
            }
        }
        return ids;
    }

    @Override
    public void run() {
        diffEnums();
    }

    private void diffEnums() {
        for (EnumType e : to.enums()) {
            EnumType old = from.enumType(e.name()).orElse(null);
            if (old == null) {
                plan.add(Phase.ENUMS, createEnum(e.name(), e.labels()));
            } else if (isSubsequence(old.labels(), e.labels()) && !usesAddedValue(old, e)) {
                addValues(old, e);
            } else {
                recreateEnum(old, e);
                differ.recreated.add(ObjectId.type(e.name()));
            }
            differ.comment(() -> "TYPE " + qualified(e.name()), old == null ? null : old.comment(), e.comment());
        }
        for (EnumType e : from.enums()) {
            // A domain or composite or range type taking its name moves its columns over from it.
            if (to.enumType(e.name()).isEmpty() && !TypeRecreation.renameAwayForAnotherKind(differ, e.name(),
                    "ALTER TYPE", "DROP TYPE", Phase.DROP_ENUMS)) {
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
        QualifiedName oldType = TypeRecreation.oldName(from, target.name());
        String oldName = oldType.name();
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
                if (column.defaultExpression() != null && !differ.clearedDefaults.contains(table.name() + "." + column.name())) {
                    plan.add(Phase.ENUMS, alter + " DROP DEFAULT");
                    differ.clearedDefaults.add(table.name() + "." + column.name());
                }
                String suffix = array ? "[]" : "";
                List<Hazard> hazards = new ArrayList<>();
                hazards.add(new Hazard(Hazard.Kind.TABLE_REWRITE, "rewrites " + table.name() + " to cast "
                        + column.name() + " to the new " + target.name()));
                removed.forEach(value -> hazards.add(new Hazard(Hazard.Kind.DATA_LOSS, "rows of " + table.name()
                        + " holding removed value '" + value + "' in " + column.name() + " fail the cast")));
                plan.add(Phase.ENUMS, alter + " TYPE " + scalar + suffix + " USING " + quote(column.name()) + "::text"
                        + suffix + "::" + scalar + suffix, hazards);
                differ.disturbedTables.add(table.name());
            }
        }
        markEnumDependents(target.name());
        List<Hazard> hazards = removed.stream().map(value -> new Hazard(Hazard.Kind.DATA_LOSS,
                "removes value '" + value + "' from " + target.name())).toList();
        // Late: a domain or composite type over the enum moves to the new one only with the other types.
        plan.add(Phase.DROP_ENUMS, "DROP TYPE " + qualified(oldType), hazards);
    }

    /** Checks, index predicates and expressions, and views whose text names the enum: recreated around it. */
    private void markEnumDependents(QualifiedName enumName) {
        Pattern mention = Pattern.compile("(?<![\\w$\"])" + Pattern.quote(qualified(enumName)) + "(?![\\w$\"])");
        for (Table table : from.tables()) {
            for (var c : table.constraints()) {
                if (mention.matcher(c.definition()).find()) {
                    differ.recreatedConstraints.add(table.name() + "." + c.name());
                }
            }
            for (var i : table.indexes()) {
                if (mention.matcher(i.definition()).find()) {
                    differ.recreatedIndexes.add(table.name() + "." + i.name());
                }
            }
        }
        String scalar = qualified(enumName);
        for (View v : from.views()) {
            if (mention.matcher(v.definition()).find() || v.columns().stream()
                    .anyMatch(c -> c.type().equals(scalar) || c.type().equals(scalar + "[]")
                            || c.defaultExpression() != null && mention.matcher(c.defaultExpression()).find())) {
                differ.disturbedViews.add(v.name());
            }
        }
    }

}
