package io.github.shaledb.engine.lint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Every lint rule, in the order their findings are listed for one statement. Adding a rule adds one line here. */
public final class LintRules {

    private static final List<LintRule> ALL;

    static {
        List<LintRule> rules = new ArrayList<>();
        // RULES-A (locks and online forms)
        rules.add(new io.github.shaledb.engine.lint.rules.CreateIndexNotConcurrently());
        rules.add(new io.github.shaledb.engine.lint.rules.DropIndexNotConcurrently());
        rules.add(new io.github.shaledb.engine.lint.rules.ReindexNotConcurrently());
        rules.add(new io.github.shaledb.engine.lint.rules.DetachPartitionNotConcurrently());
        rules.add(new io.github.shaledb.engine.lint.rules.ConcurrentlyInTransaction());
        rules.add(new io.github.shaledb.engine.lint.rules.ConcurrentlyWithOtherStatements());
        rules.add(new io.github.shaledb.engine.lint.rules.ConstraintWithoutNotValid());
        rules.add(new io.github.shaledb.engine.lint.rules.ValidateInSameTransaction());
        rules.add(new io.github.shaledb.engine.lint.rules.SetNotNull());
        rules.add(new io.github.shaledb.engine.lint.rules.UniqueWithoutIndex());
        rules.add(new io.github.shaledb.engine.lint.rules.ExclusionConstraint());
        rules.add(new io.github.shaledb.engine.lint.rules.ColumnTypeRewrite());
        rules.add(new io.github.shaledb.engine.lint.rules.AddColumnRewrite());
        rules.add(new io.github.shaledb.engine.lint.rules.AddColumnNotNullWithoutDefault());
        rules.add(new io.github.shaledb.engine.lint.rules.StatementsAfterAccessExclusive());
        rules.add(new io.github.shaledb.engine.lint.rules.AltersCouldBeCombined());
        rules.add(new io.github.shaledb.engine.lint.rules.VacuumFullOrCluster());
        // RULES-A end
        // RULES-B (data loss, breaking changes, hygiene)
        rules.add(new io.github.shaledb.engine.lint.rules.DomainCheck());
        rules.add(new io.github.shaledb.engine.lint.rules.DropTable());
        rules.add(new io.github.shaledb.engine.lint.rules.DropColumn());
        rules.add(new io.github.shaledb.engine.lint.rules.DropSchema());
        rules.add(new io.github.shaledb.engine.lint.rules.Truncate());
        rules.add(new io.github.shaledb.engine.lint.rules.RenameTable());
        rules.add(new io.github.shaledb.engine.lint.rules.RenameColumn());
        rules.add(new io.github.shaledb.engine.lint.rules.DropNotNull());
        rules.add(new io.github.shaledb.engine.lint.rules.EnumValueWithoutPosition());
        rules.add(new io.github.shaledb.engine.lint.rules.ForeignKeyWithoutIndex());
        rules.add(new io.github.shaledb.engine.lint.rules.MissingLockTimeout());
        rules.add(new io.github.shaledb.engine.lint.rules.NonTransactionalNotRerunnable());
        rules.add(new io.github.shaledb.engine.lint.rules.TypeJson());
        rules.add(new io.github.shaledb.engine.lint.rules.TypeTimestampWithoutTimeZone());
        rules.add(new io.github.shaledb.engine.lint.rules.TypeChar());
        rules.add(new io.github.shaledb.engine.lint.rules.TypeIntKey());
        rules.add(new io.github.shaledb.engine.lint.rules.NameTooLong());
        // RULES-B end
        ALL = Collections.unmodifiableList(rules);
    }

    private LintRules() {
    }

    /** @return every rule */
    public static List<LintRule> all() {
        return ALL;
    }

    /** @return the rule with this id */
    public static Optional<LintRule> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
