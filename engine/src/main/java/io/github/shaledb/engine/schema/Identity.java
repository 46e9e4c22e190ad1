package io.github.shaledb.engine.schema;

/** {@code GENERATED ALWAYS|BY DEFAULT AS IDENTITY} with the options of its sequence. */
public record Identity(Generation generation, QualifiedName sequence, SequenceOptions options) {

    public enum Generation {
        ALWAYS("ALWAYS"), BY_DEFAULT("BY DEFAULT");

        private final String sql;

        Generation(String sql) {
            this.sql = sql;
        }

        /** The words as written in DDL. */
        public String sql() {
            return sql;
        }
    }
}
