package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.SchemaFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code DROP SCHEMA} of a schema that holds tables: with CASCADE their rows are gone. */
public final class DropSchema implements LintRule {

    @Override
    public String id() {
        return "drop-schema";
    }

    @Override
    public String name() {
        return "Schema holding tables dropped";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.ERROR;
    }

    @Override
    public boolean intent() {
        return true;
    }

    @Override
    public RuleExample example() {
        return RuleExample.of("CREATE SCHEMA reporting;\nCREATE TABLE reporting.daily_totals (day date PRIMARY KEY, total numeric);",
                "DROP SCHEMA reporting CASCADE;",
                "COMMENT ON SCHEMA reporting IS 'unused since release 4.2; dropped once no deployed version reads it';");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.DROP_SCHEMA || s.objectName() == null) {
                continue;
            }
            String schema = s.objectName();
            List<String> tables = tablesIn(m, schema, s.index());
            if (tables.isEmpty()) {
                continue;
            }
            boolean cascade = RulesBSupport.find(s, "cascade") >= 0;
            String table = tables.get(0);
            findings.report(s, table, LockMode.ACCESS_EXCLUSIVE, table, "DROP SCHEMA " + schema + (cascade ? " CASCADE deletes" : " would delete (with "
                            + "CASCADE; without it the migration fails)") + " the tables " + String.join(", ", tables)
                            + " and all their rows for good, under an ACCESS EXCLUSIVE lock on each; every deployed "
                            + "version of the application using them fails from then on.",
                    "-- first deploy an application version that no longer uses schema " + RulesBSupport.ident(schema)
                            + " (and keep a backup), then drop its tables one by one and acknowledge each:\n"
                            + "-- db:lint-ignore drop-table no deployed version uses it since release N\n"
                            + "DROP TABLE " + RulesBSupport.sql(table) + ";\nDROP SCHEMA " + RulesBSupport.ident(schema)
                            + ";");
        }
    }

    /** The tables known to be in {@code schema} when statement {@code index} runs (and not created in this migration). */
    private static List<String> tablesIn(LintedMigration m, String schema, int index) {
        Set<String> tables = new LinkedHashSet<>();
        boolean createdHere = false;
        for (DdlStatement s : m.statements()) {
            if (s.index() < index && schema.equals(RulesBSupport.createdSchema(s))) {
                createdHere = true;
            }
        }
        if (createdHere) {
            return List.of();
        }
        // The statements before this one, this migration's included: a table it dropped already is not lost here.
        for (DdlStatement s : RulesBSupport.before(m, index)) {
            collect(s, schema, tables);
        }
        List<String> out = new ArrayList<>();
        SchemaFacts facts = m.before();
        for (String t : tables) {
            if (!Boolean.FALSE.equals(facts.exists(t))) {
                out.add(t);
            }
        }
        return out;
    }

    private static void collect(DdlStatement s, String schema, Set<String> tables) {
        switch (s.kind()) {
            case CREATE_TABLE, CREATE_TABLE_AS -> {
                if (s.table() != null && RulesBSupport.schemaOf(s.table()).equals(schema)) {
                    tables.add(s.table());
                }
            }
            case DROP_TABLE -> s.tables().forEach(tables::remove);
            case DROP_SCHEMA -> {
                if (schema.equals(s.objectName())) {
                    tables.clear();
                }
            }
            default -> {
            }
        }
    }
}
