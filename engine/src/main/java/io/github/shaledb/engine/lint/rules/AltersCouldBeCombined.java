package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several {@code ALTER TABLE} statements of one table in one transactional migration, two or more of them rewriting or
 * scanning it, that one statement could do in one pass.
 */
public final class AltersCouldBeCombined implements LintRule {

    private static final Set<TableAction.Type> COMBINABLE = Set.of(TableAction.Type.ADD_COLUMN,
            TableAction.Type.DROP_COLUMN, TableAction.Type.ALTER_COLUMN_TYPE, TableAction.Type.SET_DEFAULT,
            TableAction.Type.DROP_DEFAULT, TableAction.Type.ADD_CONSTRAINT);

    @Override
    public String id() {
        return "alters-could-be-combined";
    }

    @Override
    public String name() {
        return "ALTER TABLE statements of one table that could be one";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.WARNING;
    }

    @Override
    public boolean intent() {
        return false;
    }

    @Override
    public RuleExample example() {
        return RuleExample.of("CREATE TABLE orders (id bigint PRIMARY KEY, quantity int NOT NULL, price int NOT NULL);",
                """
                        ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;
                        ALTER TABLE orders ALTER COLUMN price TYPE bigint;
                        """,
                """
                        ALTER TABLE orders
                            ALTER COLUMN quantity TYPE bigint,
                            ALTER COLUMN price TYPE bigint;
                        """);
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        if (!migration.transactional()) {
            return;
        }
        Map<String, List<DdlStatement>> byTable = new LinkedHashMap<>();
        for (DdlStatement s : migration.statements()) {
            if (s.kind() == DdlStatement.Kind.ALTER_TABLE && s.table() != null && !s.actions().isEmpty()
                    && migration.existing(s.table(), s.index()) && s.actions().stream().allMatch(this::combinable)) {
                byTable.computeIfAbsent(s.table(), t -> new ArrayList<>()).add(s);
            }
        }
        byTable.forEach((table, alters) -> {
            List<DdlStatement> heavy = alters.stream().filter(s -> s.actions().stream()
                    .anyMatch(a -> LongStatements.action(migration, s, a) != null)).toList();
            if (heavy.size() < 2) {
                return;
            }
            DdlStatement last = heavy.get(heavy.size() - 1);
            List<String> actions = new ArrayList<>();
            heavy.forEach(s -> s.actions().forEach(a -> actions.add(a.text())));
            StringBuilder lines = new StringBuilder();
            heavy.forEach(s -> lines.append(lines.length() > 0 ? ", " : "").append(s.sql().line()));
            findings.report(last, table, heavy.size() + " ALTER TABLE statements of " + RuleSupport.sql(table)
                    + " (lines " + lines + ") each rewrite or scan it under an ACCESS EXCLUSIVE lock: one statement "
                    + "with all their actions does it in one pass and holds the lock for that pass only.",
                    "ALTER TABLE " + RuleSupport.sql(table) + "\n    " + String.join(",\n    ", actions) + ";");
        });
    }

    private boolean combinable(TableAction a) {
        return COMBINABLE.contains(a.type())
                && !(a.type() == TableAction.Type.ADD_CONSTRAINT && a.constraint().usingIndex() != null);
    }
}
