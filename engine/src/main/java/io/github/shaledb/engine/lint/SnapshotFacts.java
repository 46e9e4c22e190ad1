package io.github.shaledb.engine.lint;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.Constraint;
import io.github.shaledb.engine.schema.Domain;
import io.github.shaledb.engine.schema.EnumType;
import io.github.shaledb.engine.schema.Index;
import io.github.shaledb.engine.schema.IndexKey;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link SchemaModel} says of the schema: the previous migration's {@code snapshot.json} (as
 * {@code run/Snapshots} reads it) is the schema before the migration being linted. The model holds only the managed
 * schemas, so a name in another schema is unknown (null), while a name in a managed schema that the model does not hold
 * is known absent.
 */
public final class SnapshotFacts implements SchemaFacts {

    private final SchemaModel model;
    private final Set<String> schemas = new HashSet<>();

    public SnapshotFacts(SchemaModel model) {
        this.model = model;
        model.schemas().forEach(s -> schemas.add(s.name()));
        model.tables().forEach(t -> schemas.add(t.name().schema()));
        model.views().forEach(v -> schemas.add(v.name().schema()));
        model.sequences().forEach(s -> schemas.add(s.name().schema()));
        model.enums().forEach(e -> schemas.add(e.name().schema()));
        model.domains().forEach(d -> schemas.add(d.name().schema()));
    }

    @Override
    public Boolean exists(String relation) {
        QualifiedName name = name(relation);
        if (name == null || !schemas.contains(name.schema())) {
            return null;
        }
        if (model.table(name).isPresent() || model.view(name).isPresent() || model.sequence(name).isPresent()) {
            return true;
        }
        return tableOfIndex(relation) != null;
    }

    @Override
    public String columnType(String table, String column) {
        return table(table).flatMap(t -> t.column(column)).map(Column::type).orElse(null);
    }

    @Override
    public Boolean hasIndexLeadingWith(String table, List<String> columns) {
        Optional<Table> t = table(table);
        if (t.isEmpty()) {
            return null;
        }
        Set<String> wanted = new HashSet<>(columns);
        for (Index index : t.get().indexes()) {
            if (index.predicate() == null && leads(index.keys().stream().map(IndexKey::column).toList(), wanted)) {
                return true;
            }
        }
        for (Constraint c : t.get().constraints()) {
            if ((c.type() == Constraint.Type.PRIMARY_KEY || c.type() == Constraint.Type.UNIQUE
                    || c.type() == Constraint.Type.EXCLUSION) && leads(c.columns(), wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean leads(List<String> keys, Set<String> wanted) {
        if (keys.size() < wanted.size()) {
            return false;
        }
        return new HashSet<>(keys.subList(0, wanted.size())).equals(wanted);
    }

    /** Also true when the column is NOT NULL already: either way {@code SET NOT NULL} does not scan the table. */
    @Override
    public Boolean hasValidatedNotNullCheck(String table, String column) {
        Optional<Table> t = table(table);
        if (t.isEmpty() || t.get().column(column).isEmpty()) {
            return null;
        }
        if (t.get().column(column).get().notNull()) {
            return true;
        }
        Pattern check = Pattern.compile("(?i)^CHECK\\s*\\(\\s*\\(?\\s*(" + Pattern.quote(column) + "|\""
                + Pattern.quote(column.replace("\"", "\"\"")) + "\")\\s+IS\\s+NOT\\s+NULL\\s*\\)?\\s*\\)$");
        for (Constraint c : t.get().constraints()) {
            if (c.type() == Constraint.Type.CHECK && c.validated() && check.matcher(c.definition().strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> enumLabels(String type) {
        QualifiedName name = name(type);
        return name == null ? null : model.enumType(name).map(EnumType::labels).orElse(null);
    }

    @Override
    public Boolean enumSorted(String type) {
        QualifiedName name = name(type);
        if (name == null || model.enumType(name).isEmpty()) {
            return null;
        }
        for (Table t : model.tables()) {
            Set<String> ofType = new HashSet<>();
            for (Column c : t.columns()) {
                if (sameType(c.type(), name)) {
                    ofType.add(c.name());
                }
            }
            if (ofType.isEmpty()) {
                continue;
            }
            for (Index index : t.indexes()) {
                if (index.keys().stream().anyMatch(k -> ofType.contains(k.column()))) {
                    return true;
                }
            }
            for (Constraint c : t.constraints()) {
                if ((c.type() == Constraint.Type.PRIMARY_KEY || c.type() == Constraint.Type.UNIQUE)
                        && c.columns().stream().anyMatch(ofType::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String tableOfIndex(String index) {
        QualifiedName name = name(index);
        if (name == null) {
            return null;
        }
        for (Table t : model.tables()) {
            if (!t.name().schema().equals(name.schema())) {
                continue;
            }
            boolean found = t.index(name.name()).isPresent() || t.constraint(name.name())
                    .filter(c -> c.type() == Constraint.Type.PRIMARY_KEY || c.type() == Constraint.Type.UNIQUE
                            || c.type() == Constraint.Type.EXCLUSION).isPresent();
            if (found) {
                return t.name().schema() + "." + t.name().name();
            }
        }
        return null;
    }

    @Override
    public Boolean domainInUse(String domain) {
        QualifiedName name = name(domain);
        if (name == null || !schemas.contains(name.schema())) {
            return null;
        }
        Optional<Domain> d = model.domains().stream().filter(x -> x.name().equals(name)).findFirst();
        if (d.isEmpty()) {
            return null;
        }
        for (Table t : model.tables()) {
            for (Column c : t.columns()) {
                if (sameType(c.type(), name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<Table> table(String table) {
        QualifiedName name = name(table);
        return name == null ? Optional.empty() : model.table(name);
    }

    /** {@code format_type} text (qualified outside pg_catalog, quoted when needed, maybe an array) names the type. */
    private static boolean sameType(String formatted, QualifiedName type) {
        if (formatted == null) {
            return false;
        }
        String t = formatted.strip();
        while (t.endsWith("[]")) {
            t = t.substring(0, t.length() - 2);
        }
        return t.replace("\"", "").equals(type.schema() + "." + type.name());
    }

    private static QualifiedName name(String qualified) {
        if (qualified == null) {
            return null;
        }
        int dot = qualified.indexOf('.');
        return dot < 0 ? QualifiedName.of("public", qualified)
                : QualifiedName.of(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}
