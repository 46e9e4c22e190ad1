package io.github.shaledb.engine.lint.rules;

import io.github.shaledb.engine.api.LintSeverity;
import io.github.shaledb.engine.lint.ConstraintDef;
import io.github.shaledb.engine.lint.DdlStatement;
import io.github.shaledb.engine.lint.Findings;
import io.github.shaledb.engine.lint.LintRule;
import io.github.shaledb.engine.lint.LintedMigration;
import io.github.shaledb.engine.lint.LockMode;
import io.github.shaledb.engine.lint.RuleExample;

/**
 * {@code ALTER DOMAIN … ADD CONSTRAINT … CHECK} without {@code NOT VALID} on a domain that columns use (it checks
 * every value of every such column while holding a SHARE lock on their tables), and a domain check changed (dropped
 * and added again) in one migration.
 */
public final class DomainCheck implements LintRule {

    @Override
    public String id() {
        return "domain-check";
    }

    @Override
    public String name() {
        return "Domain check added or changed on a domain in use";
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
        return new RuleExample(java.util.List.of("CREATE DOMAIN price AS numeric(12,2);\n"
                + "CREATE TABLE products (id bigint PRIMARY KEY, list_price price);"),
                java.util.List.of("ALTER DOMAIN price ADD CONSTRAINT price_positive CHECK (VALUE > 0);"),
                java.util.List.of("ALTER DOMAIN price ADD CONSTRAINT price_positive CHECK (VALUE > 0) NOT VALID;",
                        "ALTER DOMAIN price VALIDATE CONSTRAINT price_positive;"));
    }

    @Override
    public void check(LintedMigration m, Findings findings) {
        for (DdlStatement s : m.statements()) {
            if (s.kind() != DdlStatement.Kind.ALTER_DOMAIN || s.objectName() == null || s.constraints().isEmpty()) {
                continue;
            }
            ConstraintDef c = s.constraints().get(0);
            if (c.type() != ConstraintDef.Type.CHECK || !inUse(m, s.objectName(), s.index())) {
                continue;
            }
            String domain = RulesBSupport.sql(s.objectName());
            String name = c.name() == null ? "<constraint>" : RulesBSupport.ident(c.name());
            String check = c.expression() == null ? "CHECK (<condition>)" : "CHECK " + c.expression();
            boolean changed = droppedBefore(m, s);
            if (!changed && c.notValid()) {
                continue;
            }
            String target = "every table with a column of domain " + s.objectName();
            String why = changed
                    ? "The check of domain " + s.objectName() + " is dropped and added again in one migration: every "
                    + "deployed version of the application that writes values the old check allowed may now fail, "
                    + (c.notValid() ? "and the values already stored are not checked against the new one."
                    : "and the new check reads every value of every column of the domain while holding a SHARE lock "
                    + "on their tables: writes wait for the whole scan.")
                    : "ADD CONSTRAINT on domain " + s.objectName() + " checks every stored value of every column of "
                    + "the domain while holding a SHARE lock on their tables: inserts, updates and deletes wait for "
                    + "the whole scan.";
            String written = RulesBSupport.text(s);
            String add = c.notValid() || c.name() == null
                    ? "ALTER DOMAIN " + domain + " ADD CONSTRAINT " + name + " " + check + " NOT VALID;"
                    : written.substring(0, written.length() - 1) + " NOT VALID;";
            String rewrite = "-- add the check without checking the stored values (brief lock):\n" + add + "\n-- in a later migration, once the "
                    + "application writes only valid values (reads every value; run it at a quiet time):\nALTER DOMAIN "
                    + domain + " VALIDATE CONSTRAINT " + name + ";";
            if (changed) {
                rewrite = "-- expand/contract: deploy writers that satisfy both checks first; then add the new check "
                        + "NOT VALID under a new name, validate it in a later migration, and drop the old one last:\n"
                        + rewrite;
            }
            findings.report(s, null, LockMode.SHARE, target, why, rewrite);
        }
    }

    /** Whether the domain holds data: facts say so, or (unknown) it was created by an earlier migration. */
    private static boolean inUse(LintedMigration m, String domain, int index) {
        for (DdlStatement s : m.statements()) {
            if (s.index() < index && s.kind() == DdlStatement.Kind.CREATE_DOMAIN && domain.equals(s.objectName())) {
                return false;
            }
        }
        Boolean known = m.before().domainInUse(domain);
        if (known != null) {
            return known;
        }
        return m.earlier().stream().anyMatch(s -> s.kind() == DdlStatement.Kind.CREATE_DOMAIN
                && domain.equals(s.objectName()));
    }

    /** Whether this migration drops a constraint of the same domain before {@code add}. */
    private static boolean droppedBefore(LintedMigration m, DdlStatement add) {
        for (DdlStatement s : m.statements()) {
            if (s.index() < add.index() && s.kind() == DdlStatement.Kind.ALTER_DOMAIN
                    && add.objectName().equals(s.objectName()) && s.constraints().isEmpty() && s.value() != null
                    && RulesBSupport.find(s, "drop") >= 0) {
                return true;
            }
        }
        return false;
    }
}
