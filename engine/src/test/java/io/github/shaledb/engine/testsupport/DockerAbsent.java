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
 * Runs a test only where no Docker engine answers: what a user without Docker is told. With
 * {@code SHALE_REQUIRE_DOCKER=false} (the workflow's step that hides the Docker socket) it always runs.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DockerAbsent.Condition.class)
public @interface DockerAbsent {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if ("false".equals(System.getenv("SHALE_REQUIRE_DOCKER"))) {
                return ConditionEvaluationResult.enabled("SHALE_REQUIRE_DOCKER=false: Docker must be absent");
            }
            String reason = DockerPostgres.unavailableReason();
            return reason == null ? ConditionEvaluationResult.disabled("a Docker engine answers here")
                    : ConditionEvaluationResult.enabled("no Docker engine: " + reason);
        }
    }
}
