package io.github.shaledb.engine.testsupport;

import io.github.shaledb.engine.container.DockerPostgres;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test only where a Docker engine answers; elsewhere it is skipped with the reason ("no Docker engine: …"),
 * which Surefire reports and the console shows. With {@code SHALE_REQUIRE_DOCKER=true} (the GitHub workflow's
 * Docker job) it always runs, so a runner without Docker fails instead of skipping in silence.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerRequired.Condition.class)
public @interface DockerRequired {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Boolean.parseBoolean(System.getenv("SHALE_REQUIRE_DOCKER"))) {
                return ConditionEvaluationResult.enabled("SHALE_REQUIRE_DOCKER=true: Docker is required");
            }
            String reason = DockerPostgres.unavailableReason();
            if (reason == null) {
                return ConditionEvaluationResult.enabled("Docker engine found");
            }
            String skipped = "no Docker engine: " + reason;
            // On the console (once for an annotated class, else per method): Surefire's summary counts skipped tests
            // without their reason, which only its XML report keeps.
            System.out.println("[SKIPPED] " + context.getRequiredTestClass().getSimpleName()
                    + context.getTestMethod().map(m -> "." + m.getName()).orElse("") + ": " + skipped);
            return ConditionEvaluationResult.disabled(skipped);
        }
    }
}
