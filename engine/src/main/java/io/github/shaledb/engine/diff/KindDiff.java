package io.github.shaledb.engine.diff;

import io.github.shaledb.engine.schema.SchemaModel;

import java.util.Set;

/**
 * The diff of one kind of object; {@link SchemaDiffer} runs them in one ordered list. Each reads the two
 * models and the shared state of the {@link SchemaDiffer} and adds its statements to the {@link Plan}.
 */
abstract class KindDiff {
    final SchemaDiffer differ;
    final SchemaModel from;
    final SchemaModel to;
    final Plan plan;

    KindDiff(SchemaDiffer differ) {
        this.differ = differ;
        this.from = differ.from;
        this.to = differ.to;
        this.plan = differ.plan;
    }

    /**
     * The source objects (ObjectIds) this kind drops: those it creates again although they stay, and those
     * that go. Asked of every kind before any runs, so that what stays and depends on them is dropped
     * before and created after too.
     */
    Set<String> replaced() {
        return Set.of();
    }

    /** Adds this kind's statements to the plan. */
    abstract void run();
}
