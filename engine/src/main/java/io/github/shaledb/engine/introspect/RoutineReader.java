package io.github.shaledb.engine.introspect;

import io.github.shaledb.engine.schema.ObjectId;
import io.github.shaledb.engine.schema.QualifiedName;
import io.github.shaledb.engine.schema.Routine;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Functions, procedures and aggregates of the managed schemas: two queries, whatever their number. */
final class RoutineReader {
    private final CatalogSession catalog;

    RoutineReader(CatalogSession catalog) {
        this.catalog = catalog;
    }

    List<Routine> read() throws SQLException {
        Map<Long, String> aggregates = readAggregates();
        List<Routine> routines = new ArrayList<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.FUNCTIONS);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long oid = rows.getLong("oid");
                QualifiedName name = catalog.name(rows, "nspname", "proname");
                Routine.Signature signature = new Routine.Signature(name, catalog.shared(rows.getString("argument_types")));
                Routine.Kind kind = switch (rows.getString("prokind")) {
                    case "p" -> Routine.Kind.PROCEDURE;
                    case "a" -> Routine.Kind.AGGREGATE;
                    case "w" -> Routine.Kind.WINDOW;
                    default -> Routine.Kind.FUNCTION;
                };
                String arguments = rows.getString("arguments");
                String definition = kind == Routine.Kind.AGGREGATE
                        ? "CREATE AGGREGATE " + rows.getString("quoted_name") + "(" + (arguments.isEmpty() ? "*" : arguments)
                        + ") " + aggregates.get(oid)
                        : withoutFinalNewline(rows.getString("definition"));
                routines.add(new Routine(signature, kind, arguments, rows.getString("result"),
                        catalog.shared(rows.getString("lanname")), definition, rows.getString("description")));
                catalog.oids.add("pg_proc", oid, ObjectId.function(signature));
            }
        }
        return routines;
    }

    private static String withoutFinalNewline(String definition) {
        return definition.endsWith("\n") ? definition.substring(0, definition.length() - 1) : definition;
    }

    /**
     * The options part of {@code CREATE AGGREGATE name(args) (…)} for each aggregate by oid: those that
     * differ from their defaults, as pg_dump writes them.
     */
    private Map<Long, String> readAggregates() throws SQLException {
        Map<Long, String> definitions = new HashMap<>();
        try (PreparedStatement statement = catalog.prepare(CatalogQueries.AGGREGATES);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String aggregateKind = rows.getString("aggkind");
                boolean orderedSet = !aggregateKind.equals("n");
                String readWrite = orderedSet ? "w" : "r";
                List<String> options = new ArrayList<>();
                options.add("SFUNC = " + rows.getString("sfunc"));
                options.add("STYPE = " + rows.getString("stype"));
                optional(options, "SSPACE", rows.getInt("aggtransspace") == 0 ? null : rows.getString("aggtransspace"));
                optional(options, "FINALFUNC", rows.getString("finalfunc"));
                if (rows.getBoolean("aggfinalextra")) {
                    options.add("FINALFUNC_EXTRA");
                }
                if (rows.getString("finalfunc") != null && !readWrite.equals(rows.getString("aggfinalmodify"))) {
                    options.add("FINALFUNC_MODIFY = " + modify(rows.getString("aggfinalmodify")));
                }
                optional(options, "COMBINEFUNC", rows.getString("combinefunc"));
                optional(options, "SERIALFUNC", rows.getString("serialfunc"));
                optional(options, "DESERIALFUNC", rows.getString("deserialfunc"));
                optional(options, "INITCOND", literal(rows.getString("agginitval")));
                optional(options, "MSFUNC", rows.getString("msfunc"));
                optional(options, "MINVFUNC", rows.getString("minvfunc"));
                optional(options, "MSTYPE", rows.getString("mstype"));
                optional(options, "MSSPACE", rows.getInt("aggmtransspace") == 0 ? null : rows.getString("aggmtransspace"));
                optional(options, "MFINALFUNC", rows.getString("mfinalfunc"));
                if (rows.getBoolean("aggmfinalextra")) {
                    options.add("MFINALFUNC_EXTRA");
                }
                if (rows.getString("mfinalfunc") != null && !readWrite.equals(rows.getString("aggmfinalmodify"))) {
                    options.add("MFINALFUNC_MODIFY = " + modify(rows.getString("aggmfinalmodify")));
                }
                optional(options, "MINITCOND", literal(rows.getString("aggminitval")));
                String sortOperator = rows.getString("sortop");
                optional(options, "SORTOP", sortOperator == null ? null : "OPERATOR(" + sortOperator + ")");
                switch (rows.getString("proparallel")) {
                    case "s" -> options.add("PARALLEL = SAFE");
                    case "r" -> options.add("PARALLEL = RESTRICTED");
                    default -> { }
                }
                if (aggregateKind.equals("h")) {
                    options.add("HYPOTHETICAL");
                }
                definitions.put(rows.getLong("oid"), "(\n    " + String.join(",\n    ", options) + "\n)");
            }
        }
        return definitions;
    }

    private static void optional(List<String> options, String name, String value) {
        if (value != null) {
            options.add(name + " = " + value);
        }
    }

    private static String modify(String code) {
        return switch (code) {
            case "s" -> "SHAREABLE";
            case "w" -> "READ_WRITE";
            default -> "READ_ONLY";
        };
    }

    private static String literal(String text) {
        return text == null ? null : "'" + text.replace("'", "''") + "'";
    }
}
