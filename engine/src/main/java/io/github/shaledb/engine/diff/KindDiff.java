package io.github.shaledb.engine.diff;

import java.util.Set;

/** The diff of one kind of object; {@link SchemaDiffer} runs them in one ordered list. */
interface KindDiff {
    /**
     * The source objects (ObjectIds) this kind drops: those it creates again although they stay, and those
     * that go. Asked of every kind before any runs, so that what stays and depends on them is dropped
     * before and created after too.
     */
    default Set<String> replaced() {
        return Set.of();
    }

    /** Adds this kind's statements to the plan. */
    void run();
}
