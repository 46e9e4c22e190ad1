package io.github.shaledb.maven;

import io.github.shaledb.engine.api.Confirmation;
import io.github.shaledb.engine.api.ShaleSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OtherGoalsTest {
    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    @Test
    void rollbackPassesCountAndTarget() throws Exception {
        RollbackMojo mojo = Mojos.create(RollbackMojo::new, project, null, log);
        mojo.count = 2;
        mojo.to = "0000_create_users";
        mojo.dryRun = true;

        ShaleSettings settings = mojo.shaleSettings();

        assertThat(settings.count()).isEqualTo(2);
        assertThat(settings.to()).isEqualTo("0000_create_users");
        assertThat(settings.dryRun()).isTrue();
        assertThat(settings.applicationName()).isEqualTo("shale db:rollback orders-service");
    }

    @Test
    void rollbackDryRunOutputImpliesADryRun() throws Exception {
        RollbackMojo mojo = Mojos.create(RollbackMojo::new, project, null, log);
        mojo.dryRunOutput = project.resolve("target/rollback.sql").toFile();

        assertThat(mojo.shaleSettings().dryRun()).isTrue();
    }

    @Test
    void rollbackSkip() {
        RollbackMojo mojo = Mojos.create(RollbackMojo::new, project, null, log);
        mojo.skipRollback = true;

        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:rollback (db.rollback.skip=true)");
    }

    @Test
    void statusSkip() {
        StatusMojo mojo = Mojos.create(StatusMojo::new, project, null, log);
        mojo.skip = true;

        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:status (db.skip=true)");
    }

    @Test
    void unlockPassesForceAndSkips() throws Exception {
        UnlockMojo mojo = Mojos.create(UnlockMojo::new, project, null, log);
        mojo.force = true;
        assertThat(mojo.shaleSettings().force()).isTrue();

        mojo.skipUnlock = true;
        assertThatCode(mojo::execute).doesNotThrowAnyException();
        assertThat(log.text()).contains("Skipping db:unlock (db.unlock.skip=true)");
    }

    @Test
    void batchModeNeverConfirms() {
        assertThat(ConsoleConfirmation.of(false)).isSameAs(Confirmation.NEVER);
    }

    @Test
    void withoutAConsoleEvenAnInteractiveSessionNeverConfirms() {
        // Newer JDKs may hand forked test JVMs a console; the rule is only checkable without one.
        assumeTrue(System.console() == null);
        assertThat(ConsoleConfirmation.of(true)).isSameAs(Confirmation.NEVER);
    }
}
