package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;
import java.util.regex.Pattern;

/**
 * In a migration Shale runs statement by statement (it holds {@code CONCURRENTLY} or the
 * {@code -- db:no-transaction} directive), a statement that fails when the migration runs again after a partial run:
 * a create without {@code IF NOT EXISTS}, a drop without {@code IF EXISTS}, {@code ADD CONSTRAINT} (no such form).
 * Only statements with another statement after them: the last one either ran (and the migration is recorded) or
 * failed and left nothing (an INVALID index a failed {@code CREATE INDEX CONCURRENTLY} leaves, Shale drops).
 */
public final class NonTransactionalNotRerunnable implements LintRule {

    private static final Pattern CREATE_KEYWORD = Pattern.compile("(?i)^(\\s*create\\s+(?:unique\\s+)?index\\s+"
            + "(?:concurrently\\s+)?|\\s*create\\s+(?:(?:global|local|temp|temporary|unlogged)\\s+)*table\\s+"
            + "|\\s*create\\s+(?:schema|sequence|extension)\\s+)");
    private static final Pattern DROP_KEYWORD = Pattern.compile("(?i)^(\\s*drop\\s+(?:materialized\\s+view|foreign\\s+"
            + "table|index\\s+concurrently|[a-z]+)\\s+)");

    @Override
    public String id() {
        return "non-transactional-not-rerunnable";
    }

    @Override
    public String name() {
        return "Statement of a non-transactional migration fails when rerun";
    }

    @Override
    public LintSeverity severity() {
        return LintSeverity.ERROR;
    }

    @Override
    public boolean intent() {
        return false;
    }

    @Override
    public RuleExample example() {
        return RuleExample.of("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, placed_at timestamptz);",
                "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\n"
                        + "CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at);",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);\n"
                        + "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_placed_at_idx ON orders (placed_at);");
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        if (m.transactional()) {
            return;
        }
        int last = -1;
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.SET && s.kind() != DdlStatement.Kind.RESET) {
                last = s.index();
            }
        }
        for (DdlStatement s : m.statements()) {
            if (s.index() >= last) {
                break;
            }
            String problem = null;
            String rewrite = null;
            switch (s.kind()) {
                case CREATE_INDEX, CREATE_TABLE, CREATE_TABLE_AS, CREATE_SCHEMA, CREATE_SEQUENCE, CREATE_EXTENSION -> {
                    boolean guarded = s.kind() == DdlStatement.Kind.CREATE_INDEX || s.kind() == DdlStatement.Kind.CREATE_TABLE
                            ? s.ifExists() : RulesBSupport.hasIfExists(s);
                    if (!guarded) {
                        problem = "it fails with \"already exists\"";
                        rewrite = insert(RulesBSupport.text(s), CREATE_KEYWORD, "IF NOT EXISTS ");
                    }
                }
                case DROP_INDEX, DROP_TABLE, DROP_SCHEMA, DROP_OTHER -> {
                    if (!s.ifExists() && !RulesBSupport.hasIfExists(s)) {
                        problem = "it fails with \"does not exist\"";
                        rewrite = insert(RulesBSupport.text(s), DROP_KEYWORD, "IF EXISTS ");
                    }
                }
                case ALTER_TYPE -> {
                    if (s.value() != null && !s.ifExists()) {
                        problem = "it fails with \"already exists\"";
                        rewrite = RulesBSupport.text(s).replaceFirst("(?i)\\badd\\s+value\\s+", "ADD VALUE IF NOT EXISTS ");
                    }
                }
                case ALTER_TABLE -> {
                    for (TableAction a : s.actions()) {
                        switch (a.type()) {
                            case ADD_COLUMN, DROP_COLUMN, DROP_CONSTRAINT -> {
                                if (!a.ifExists() && problem == null) {
                                    problem = "it fails with \"" + (a.type() == TableAction.Type.ADD_COLUMN
                                            ? "already exists" : "does not exist") + "\"";
                                    rewrite = a.type() == TableAction.Type.ADD_COLUMN
                                            ? RulesBSupport.text(s).replaceFirst("(?i)\\badd(\\s+column)?\\s+",
                                            "ADD COLUMN IF NOT EXISTS ")
                                            : RulesBSupport.text(s).replaceFirst("(?i)\\bdrop(\\s+column|\\s+constraint)?\\s+",
                                            a.type() == TableAction.Type.DROP_COLUMN ? "DROP COLUMN IF EXISTS "
                                                    : "DROP CONSTRAINT IF EXISTS ");
                                }
                            }
                            case ADD_CONSTRAINT -> {
                                problem = "ADD CONSTRAINT has no IF NOT EXISTS form: it fails with \"already exists\"";
                                rewrite = "-- move it to a migration of its own that Shale runs in a transaction (no "
                                        + "CONCURRENTLY, no -- db:no-transaction):\n" + RulesBSupport.text(s);
                            }
                            default -> {
                            }
                        }
                    }
                }
                default -> {
                }
            }
            if (problem != null) {
                findings.report(s, null, null, null, "Shale runs this migration statement by statement, each "
                                + "committed on its own. If a later statement fails and the corrected file is run "
                                + "again (from its first statement, as Shale does when the file changed), this one "
                                + "has already run: "
                                + problem + " and the migration cannot complete without a hand fix.",
                        rewrite);
            }
        }
    }

    private static String insert(String text, Pattern keyword, String words) {
        java.util.regex.Matcher k = keyword.matcher(text);
        return k.find() ? text.substring(0, k.end()) + words + text.substring(k.end()) : text;
    }
}
