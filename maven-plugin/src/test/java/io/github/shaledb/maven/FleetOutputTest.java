package io.github.shaledb.maven;

import io.github.shaledb.engine.api.FleetResult;
import io.github.shaledb.engine.api.FleetResult.Target;
import io.github.shaledb.engine.api.FleetResult.TargetState;
import io.github.shaledb.engine.api.FleetResult.Verb;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.api.StatusResult.State;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class FleetOutputTest {
    private final RecordingLog log = new RecordingLog();

    private static Target target(String name, TargetState state, String error) {
        return new Target(name, "db:5432/app", name, null, 1, state, List.of(), null, List.of(), error, Duration.ofMillis(5));
    }

    @Test
    void aFailedTenantIsNamedWithItsErrorAndFailsTheBuild() {
        FleetResult result = new FleetResult(Verb.MIGRATE, List.of(target("t1", TargetState.CHANGED, null),
                target("t2", TargetState.FAILED, "0001_note failed at line 1: relation \"orders\" does not exist\n  Fix: look"),
                target("t3", TargetState.NOT_STARTED, null)), List.of(), List.of(), Duration.ofMillis(1234));

        assertThatCode(() -> FleetOutput.report(result, ShaleSettings.builder().build(), log))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("db:migrate failed on 1 of 3 tenants (t2); 1 not started.");
        assertThat(log.text()).contains("db:migrate over 3 tenants in 1.2 s:", "  migrated                  1",
                "  failed                    1", "  not started               1",
                "t2 (db:5432/app, schema t2) failed:", "  0001_note failed at line 1: relation \"orders\" does not exist");
    }

    @Test
    void statusCountsEachMigrationOverTheFleetAndPasses() {
        FleetResult result = new FleetResult(Verb.STATUS, List.of(target("t1", TargetState.UP_TO_DATE, null),
                target("t2", TargetState.BEHIND, null)),
                List.of(new FleetResult.MigrationCount("0042_add_orders", Map.of(State.APPLIED, 997, State.PENDING, 3))),
                List.of(), Duration.ofMillis(300));

        assertThatCode(() -> FleetOutput.report(result, ShaleSettings.builder().build(), log)).doesNotThrowAnyException();
        assertThat(log.text()).contains("  up to date                1", "  pending                   1",
                "  0042_add_orders: 997 applied, 3 pending");
    }
}
