package io.github.shaledb.maven;

import io.github.shaledb.engine.api.ConfigurationException;
import io.github.shaledb.engine.api.EnvironmentException;
import io.github.shaledb.engine.api.LockTimeoutException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import io.github.shaledb.engine.api.ShaleException;
import io.github.shaledb.engine.api.ShaleSettings;
import io.github.shaledb.engine.connect.DatabaseTarget;
import org.junit.jupiter.api.Test;

import java.util.Map;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;

class ErrorTranslationTest {

    @Test
    void userErrorFailsTheBuildWithMessageAndFix() {
        ConfigurationException e = new ConfigurationException("db.url", "No database given.", "Pass -Ddb.url=…");

        assertThatCode(() -> AbstractShaleMojo.rethrow(e))
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No database given.")
                .hasMessageContaining("Fix: Pass -Ddb.url=…");
    }

    @Test
    void lockTimeoutIsAUserError() {
        LockTimeoutException e = new LockTimeoutException("Lock 7 busy: pid 4711", "Run mvn db:unlock", List.of());

        assertThatCode(() -> AbstractShaleMojo.rethrow(e))
                .isExactlyInstanceOf(MojoFailureException.class)
                .hasMessageContaining("pid 4711");
    }

    @Test
    void brokenEnvironmentIsAnExecutionErrorKeepingTheCause() {
        IOException cause = new IOException("connection refused");
        EnvironmentException e = new EnvironmentException("Cannot reach the server.", null, cause);

        assertThatCode(() -> AbstractShaleMojo.rethrow(e))
                .isExactlyInstanceOf(MojoExecutionException.class)
                .hasMessage("Cannot reach the server.")
                .hasCause(e);
    }

    @Test
    void aBadUrlFailsWithoutItsPassword() {
        assertThatCode(() -> {
            try {
                DatabaseTarget.resolve(ShaleSettings.builder().environment(Map.of()).url("postgres://app:Xy%Zq@db/orders").build());
            } catch (ShaleException e) {
                AbstractShaleMojo.rethrow(e);
            }
        })
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("db.url")
                .message().doesNotContain("Xy").doesNotContain("Zq");
    }
}
