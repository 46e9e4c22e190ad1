package io.github.shaledb.engine.run;

import io.github.shaledb.engine.api.StatusResult.State;
import io.github.shaledb.engine.migrations.Migration;
import io.github.shaledb.engine.tracking.AppliedRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationPlanTest {

    private static Migration m(int idx, String tag, String hash) {
        return new Migration(idx, tag, 1000L + idx, Path.of(tag, "migration.sql"), null, "", hash, true);
    }

    private static final List<Migration> DISK = List.of(m(0, "0000_a", "ha"), m(1, "0001_b", "hb"), m(2, "0002_c", "hc"));

    @Test
    void pendingIsWhatTheTableDoesNotName() {
        MigrationPlan plan = MigrationPlan.of(DISK, List.of(new AppliedRow(1, "ha", 1000L, "0000_a", null, false)));
        assertThat(plan.entries()).extracting(MigrationPlan.Entry::state)
                .containsExactly(State.APPLIED, State.PENDING, State.PENDING);
        assertThat(plan.current()).isEqualTo("0000_a");
    }

    @Test
    void aGapBeforeTheNewestAppliedIsOutOfOrderNotSkipped() {
        MigrationPlan plan = MigrationPlan.of(DISK, List.of(
                new AppliedRow(1, "ha", 1000L, "0000_a", null, false), new AppliedRow(2, "hc", 1002L, "0002_c", null, false)));
        assertThat(plan.entries()).extracting(MigrationPlan.Entry::state)
                .containsExactly(State.APPLIED, State.OUT_OF_ORDER, State.APPLIED);
        assertThat(plan.unapplied()).extracting(e -> e.migration().tag()).containsExactly("0001_b");
    }

    @Test
    void changedHashIsModified() {
        MigrationPlan plan = MigrationPlan.of(DISK, List.of(new AppliedRow(1, "old", 1000L, "0000_a", null, false)));
        assertThat(plan.entries().get(0).state()).isEqualTo(State.MODIFIED);
    }

    @Test
    void drizzleZeroRowsWithoutNameMatchByWhenThenHash() {
        MigrationPlan plan = MigrationPlan.of(DISK, List.of(
                new AppliedRow(1, "ha", 1000L, null, null, false), new AppliedRow(2, "hb", 99L, null, null, false)));
        assertThat(plan.entries()).extracting(MigrationPlan.Entry::state)
                .containsExactly(State.APPLIED, State.APPLIED, State.PENDING);
        assertThat(plan.missing()).isEmpty();
    }

    @Test
    void rowsWithoutAMigrationOnDiskAreMissing() {
        MigrationPlan plan = MigrationPlan.of(DISK, List.of(new AppliedRow(7, "hz", 5L, "0009_gone", null, false)));
        assertThat(plan.missing()).extracting(AppliedRow::name).containsExactly("0009_gone");
        assertThat(plan.current()).isNull();
    }

    @Test
    void aRowNamedForAJournalTagMatchesTheFolderDrizzleKitUpMovedItTo() {
        // drizzle-kit 1.0.0-rc.5 up moved journal entry 0000_init (when 1795497197240) to folder 20261124051317_init.
        Migration moved = new Migration(0, "20261124051317_init", 1795497197000L,
                Path.of("20261124051317_init", "migration.sql"), null, "", "ha", true);
        MigrationPlan plan = MigrationPlan.of(List.of(moved, m(1, "20261124051321_add_color", "hb")),
                List.of(new AppliedRow(1, "ha", 1795497197240L, "0000_init", null, false)));
        assertThat(plan.entries()).extracting(MigrationPlan.Entry::state).containsExactly(State.APPLIED, State.PENDING);
        assertThat(plan.missing()).isEmpty();
        assertThat(MigrationPlan.upgradedName("0001_add_color", 1795497201448L)).isEqualTo("20261124051321_add_color");
    }

    @Test
    void aRowWhoseTagIsStillOnDiskIsNotMatchedAgainByItsUpgradedName() {
        MigrationPlan plan = MigrationPlan.of(List.of(m(0, "0000_a", "ha"), m(1, "19700101000001_a", "hb")),
                List.of(new AppliedRow(1, "ha", 1000L, "0000_a", null, false)));
        assertThat(plan.entries()).extracting(MigrationPlan.Entry::state).containsExactly(State.APPLIED, State.PENDING);
    }
}
