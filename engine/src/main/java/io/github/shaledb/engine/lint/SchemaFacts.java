package io.github.shaledb.engine.lint;

import java.util.List;

/**
 * What the lint rules may ask about the schema as it was before the migration being linted. Answers are {@code null}
 * when unknown (no scratch database, no snapshot): a rule then judges by the migration's own statements only.
 * Names are {@code schema.name}, folded as the server folds them.
 */
public interface SchemaFacts {

    /** Knows nothing: every answer is null. */
    SchemaFacts UNKNOWN = new SchemaFacts() {
    };

    /** An empty database, before the first migration of a folder: nothing exists. */
    SchemaFacts EMPTY = new SchemaFacts() {
        @Override
        public Boolean exists(String relation) {
            return false;
        }

        @Override
        public Boolean hasIndexLeadingWith(String table, List<String> columns) {
            return false;
        }

        @Override
        public Boolean hasValidatedNotNullCheck(String table, String column) {
            return false;
        }

        @Override
        public Boolean domainInUse(String domain) {
            return false;
        }
    };

    /** @return whether the table, view, sequence or index exists; null when unknown */
    default Boolean exists(String relation) {
        return null;
    }

    /** @return the column's type as {@code format_type} prints it ({@code character varying(20)}); null when unknown */
    default String columnType(String table, String column) {
        return null;
    }

    /** @return whether an index of {@code table} has exactly these columns first, in any order; null when unknown */
    default Boolean hasIndexLeadingWith(String table, List<String> columns) {
        return null;
    }

    /** @return whether a validated {@code CHECK (column IS NOT NULL)} holds on the table; null when unknown */
    default Boolean hasValidatedNotNullCheck(String table, String column) {
        return null;
    }

    /** @return the enum's labels in sort order; null when unknown or not an enum */
    default List<String> enumLabels(String type) {
        return null;
    }

    /** @return whether a column of the enum type is a key of some index (its sort order is used); null when unknown */
    default Boolean enumSorted(String type) {
        return null;
    }

    /** @return the table the index belongs to; null when unknown */
    default String tableOfIndex(String index) {
        return null;
    }

    /** @return whether some table column has the domain as its type; null when unknown */
    default Boolean domainInUse(String domain) {
        return null;
    }
}
