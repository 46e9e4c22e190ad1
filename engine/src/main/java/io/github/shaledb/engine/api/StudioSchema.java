package io.github.shaledb.engine.api;

import java.util.List;

/**
 * The managed schemas as the studio's schema page shows them.
 *
 * @param schemas   the managed schemas that exist
 * @param relations tables, partitioned tables, views and materialized views
 * @param objects   every other object the engine models: schemas, types, sequences, functions, triggers, policies,
 *                  grants, extensions, …, each with the SQL that creates it
 * @param unmanaged the objects of these schemas that Shale does not manage (operators, publications, …), one line
 *                  each: {@code operator public.=== (integer, integer)}; generate and push leave them out
 */
public record StudioSchema(List<String> schemas, List<Relation> relations, List<Item> objects, List<String> unmanaged) {
    /** Copies the lists. */
    public StudioSchema {
        schemas = List.copyOf(schemas);
        relations = List.copyOf(relations);
        objects = List.copyOf(objects);
        unmanaged = List.copyOf(unmanaged);
    }

    /**
     * A table or view.
     *
     * @param kind          {@code table}, {@code partitioned table}, {@code partition}, {@code view} or
     *                      {@code materialized view}
     * @param estimatedRows the planner's estimate ({@code reltuples}); -1 when never analysed or for a view
     * @param bytes         table, TOAST and indexes on disk; 0 for a view
     * @param definition    the SQL that creates it, as db:push would write it
     */
    public record Relation(String schema, String name, String kind, List<Column> columns, List<Constraint> constraints,
                           List<Index> indexes, long estimatedRows, long bytes, String comment, String definition) {
        /** Copies the lists. */
        public Relation {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
            indexes = List.copyOf(indexes);
        }
    }

    /**
     * A column.
     *
     * @param identity  {@code ALWAYS} or {@code BY DEFAULT} for an identity column, else null
     * @param generated the expression of a generated column, else null
     */
    public record Column(String name, String type, boolean notNull, String defaultExpression, String identity,
                         String generated, String comment) {
    }

    /**
     * A constraint.
     *
     * @param type       {@code PRIMARY KEY}, {@code UNIQUE}, {@code CHECK}, {@code FOREIGN KEY} or {@code EXCLUDE}
     * @param references the referenced table and columns of a foreign key, else null
     * @param validated  false for one added {@code NOT VALID} and not validated since
     */
    public record Constraint(String name, String type, String definition, List<String> columns, Reference references,
                             boolean validated) {
        /** Copies the list. */
        public Constraint {
            columns = List.copyOf(columns);
        }
    }

    /** The table and columns a foreign key points at. */
    public record Reference(String schema, String table, List<String> columns) {
        /** Copies the list. */
        public Reference {
            columns = List.copyOf(columns);
        }
    }

    /**
     * An index, those behind constraints included.
     *
     * @param valid false for an index a failed {@code CREATE INDEX CONCURRENTLY} left INVALID
     */
    public record Index(String name, String definition, boolean unique, boolean valid, long bytes) {
    }

    /**
     * Any other object.
     *
     * @param kind       the engine's name for its kind: {@code function}, {@code trigger}, {@code policy},
     *                   {@code privileges on}, …
     * @param schema     its schema, or null for a database-wide object (an event trigger, an extension)
     * @param name       its name (a function's with its argument types)
     * @param table      the table a trigger or policy belongs to, else null
     * @param definition the SQL that creates it, as db:push would write it
     */
    public record Item(String kind, String schema, String name, String table, String definition) {
    }
}
