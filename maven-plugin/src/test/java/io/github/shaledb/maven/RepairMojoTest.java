package io.github.shaledb.maven;

import io.github.shaledb.engine.api.RepairResult;
import io.github.shaledb.engine.api.RepairResult.Change;
import io.github.shaledb.engine.api.ShaleSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RepairMojoTest {
    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    @Test
    void passesForceForgetAndDryRun() throws Exception {
        RepairMojo mojo = Mojos.create(RepairMojo::new, project, null, log);
        mojo.force = true;
        mojo.forget = List.of("0003_gone", "#7");
        mojo.dryRun = true;

        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.force()).isTrue();
        assertThat(settings.forget()).containsExactly("0003_gone", "#7");
        assertThat(settings.dryRun()).isTrue();
        assertThat(settings.applicationName()).isEqualTo("shale db:repair orders-service");
    }

    @Test
    void anEmptyForgetListIsUnset() throws Exception {
        RepairMojo mojo = Mojos.create(RepairMojo::new, project, null, log);
        mojo.forget = List.of();

        assertThat(mojo.shaleSettings().forget()).isNull();
    }

    @Test
    void skip() {
        RepairMojo mojo = Mojos.create(RepairMojo::new, project, null, log);
        mojo.skipRepair = true;

        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:repair (db.repair.skip=true)");
    }

    @Test
    void reportSaysWhatWasReRecordedForgottenAndDeduplicated() {
        RepairResult result = new RepairResult(
                List.of(new RepairResult.Rerecorded("0000_users", project.resolve("a.sql"), "463b4c0974a8957e", "d071b1707a08338c",
                                Change.COMMENTS_OR_WHITESPACE, List.of()),
                        new RepairResult.Rerecorded("0001_orders", project.resolve("b.sql"), "aaaa", "bbbb", Change.STATEMENTS, List.of())),
                List.of(new RepairResult.Forgotten("0005_gone", "cccc")),
                List.of(new RepairResult.Duplicate("0000_users", 1, List.of(3, 4))),
                List.of("0006_newer"), false);

        assertThat(Reports.repaired(result)).containsExactly(
                "Re-recorded 0000_users: hash 463b4c0974a8 -> d071b1707a08 (comments or whitespace only)",
                "Re-recorded 0001_orders: hash aaaa -> bbbb (statements changed, accepted with db.force)",
                "Forgot 0005_gone (hash cccc)",
                "Removed the later copies of 0000_users (rows [3, 4]), keeping row 1");
    }

    @Test
    void reportOfADryRunAndOfNothingToRepair() {
        RepairResult dry = new RepairResult(List.of(), List.of(new RepairResult.Forgotten("#7", "cccc")), List.of(), List.of(), true);
        assertThat(Reports.repaired(dry)).containsExactly("Would forget #7 (hash cccc)", "Dry run: nothing was changed.");

        RepairResult nothing = new RepairResult(List.of(), List.of(), List.of(), List.of(), false);
        // The engine said "Nothing to repair: …"; the report does not say it again.
        assertThat(Reports.repaired(nothing)).isEmpty();
    }
}
