package io.github.shaledb.engine.schema;

import java.util.List;

/** What a foreign key references and how it reacts; {@code columns} pair up with the constraint's columns. */
public record ForeignKey(QualifiedName table, List<String> columns, Action onUpdate, Action onDelete, Match match) {
    public ForeignKey {
        columns = Sorted.kept(columns);
    }

    public enum Action {
        NO_ACTION("NO ACTION"), RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL"), SET_DEFAULT("SET DEFAULT");

        private final String sql;

        Action(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    public enum Match {
        SIMPLE, FULL, PARTIAL
    }
}
