package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.ColumnDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.RuleExample;
import io.github.shaledb.engine.lint.TableAction;

/**
 * {@code ADD COLUMN} on an existing table that rewrites it: a volatile default, a serial type, an identity, a stored
 * generated column; when traced, any rewrite observed (a volatile function of the user's).
 */
public final class AddColumnRewrite implements LintRule {

    @Override
    public String id() {
        return "add-column-rewrite";
    }

    @Override
    public String name() {
        return "Column added with a value per row, rewriting the table";
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
        return new RuleExample(java.util.List.of("CREATE TABLE orders (id bigint PRIMARY KEY);"),
                java.util.List.of("ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();"),
                java.util.List.of("""
                        ALTER TABLE orders ADD COLUMN token uuid;
                        ALTER TABLE orders ALTER COLUMN token SET DEFAULT gen_random_uuid();
                        """,
                        "UPDATE orders SET token = gen_random_uuid() WHERE token IS NULL AND id BETWEEN 1 AND 10000;"));
    }

    @Override
    public void check(LintedMigration migration, Findings findings) {
        for (DdlStatement s : migration.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_TABLE || !migration.existing(s.table(), s.index())) {
                continue;
            }
            Boolean traced = migration.rewrote(s, s.table());
            for (TableAction a : s.actions(TableAction.Type.ADD_COLUMN)) {
                ColumnDef c = a.columnDef();
                String reason = RuleSupport.addColumnRewrite(c);
                if (traced != null) {
                    if (!traced) {
                        continue;
                    }
                    if (reason == null) {
                        if (c.defaultExpr() == null || s.has(TableAction.Type.ALTER_COLUMN_TYPE)) {
                            continue; // the rewrite comes from another action of the statement
                        }
                        reason = "tracing saw the table rewritten: the default " + RuleSupport.expr(c.defaultExpr())
                                + " is volatile and is evaluated for every existing row";
                    }
                } else if (reason == null) {
                    continue;
                }
                String table = RuleSupport.sql(s.table());
                findings.report(s, s.table(), "Adding " + c.name() + " rewrites " + table + " under an ACCESS EXCLUSIVE "
                        + "lock (" + reason + "): reads and writes wait for the whole rewrite.", rewrite(s.table(), c));
            }
        }
    }

    private static String rewrite(String qualified, ColumnDef c) {
        String table = RuleSupport.sql(qualified);
        String col = RuleSupport.ident(c.name());
        String type = c.serial() ? (c.type().contains("big") || c.type().endsWith("8") ? "bigint"
                : c.type().contains("small") || c.type().endsWith("2") ? "smallint" : "integer") : c.type();
        StringBuilder out = new StringBuilder();
        String fill;
        if (c.serial() || c.identity()) {
            String seq = RuleSupport.sql(qualified + "_" + c.name() + "_seq");
            out.append("CREATE SEQUENCE IF NOT EXISTS ").append(seq).append(" AS ").append(type).append(";\n")
                    .append("ALTER TABLE ").append(table).append(" ADD COLUMN ").append(col).append(' ').append(type)
                    .append(";\n").append("ALTER TABLE ").append(table).append(" ALTER COLUMN ").append(col)
                    .append(" SET DEFAULT nextval('").append(seq.replace("'", "''")).append("');\n")
                    .append("ALTER SEQUENCE ").append(seq).append(" OWNED BY ").append(table).append('.').append(col)
                    .append(";\n");
            fill = "nextval('" + seq.replace("'", "''") + "')";
        } else if (c.generatedStored()) {
            out.append("ALTER TABLE ").append(table).append(" ADD COLUMN ").append(col).append(' ').append(type)
                    .append(";\n-- a BEFORE INSERT OR UPDATE trigger computes it for new rows\n");
            fill = "<the generation expression>";
        } else {
            out.append("ALTER TABLE ").append(table).append(" ADD COLUMN ").append(col).append(' ').append(type)
                    .append(";\nALTER TABLE ").append(table).append(" ALTER COLUMN ").append(col)
                    .append(" SET DEFAULT ").append(RuleSupport.expr(c.defaultExpr())).append(";\n");
            fill = RuleSupport.expr(c.defaultExpr());
        }
        out.append(RuleSupport.nextMigration("backfill in batches, each in its own transaction"))
                .append("UPDATE ").append(table).append(" SET ").append(col).append(" = ").append(fill)
                .append(" WHERE ").append(col).append(" IS NULL AND id BETWEEN 1 AND 10000;");
        if (c.notNull()) {
            out.append("\n-- then make it NOT NULL without a scan under ACCESS EXCLUSIVE (see set-not-null)");
        }
        return out.toString();
    }
}
