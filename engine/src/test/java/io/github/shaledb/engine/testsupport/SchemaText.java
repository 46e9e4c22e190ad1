package io.github.shaledb.engine.testsupport;

import io.github.shaledb.engine.schema.Column;
import io.github.shaledb.engine.schema.ObjectKind;
import io.github.shaledb.engine.schema.SchemaModel;
import io.github.shaledb.engine.schema.SchemaSnapshot;
import io.github.shaledb.engine.schema.SnapshotJson;
import io.github.shaledb.engine.schema.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Schema models as snapshot JSON without ids, so two models compare as text with a readable diff. */
public final class SchemaText {
    private SchemaText() {
    }

    public static String json(SchemaModel model) {
        return SnapshotJson.write(SchemaSnapshot.of(model, null)).replaceAll("\"id\" *: *\"[^\"]*\",?", "");
    }

    /**
     * The model with every table's columns sorted by name and renumbered: a column a change drops comes
     * back at the end, and PostgreSQL cannot move columns, so a reverse is compared with columns by name.
     */
    public static SchemaModel byColumnName(SchemaModel model) {
        List<Table> tables = new ArrayList<>();
        for (Table t : model.tables()) {
            List<Column> sorted = t.columns().stream().sorted(Comparator.comparing(Column::name)).toList();
            List<Column> columns = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                Column c = sorted.get(i);
                columns.add(new Column(c.name(), i + 1, c.type(), c.notNull(), c.defaultExpression(), c.ownedSequence(),
                        c.identity(), c.generatedExpression(), c.collation(), c.comment()));
            }
            tables.add(new Table(t.name(), t.unlogged(), t.partitionKey(), t.partitionOf(), t.partitionBound(),
                    t.options(), columns, t.constraints(), t.indexes(), t.comment()));
        }
        return model.with(ObjectKind.TABLES, tables);
    }
}
