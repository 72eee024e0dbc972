package io.mcp.sessionstore.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that needs {@link PgBouncer#BINARY}: skipped with a message saying how to install it
 * where it is missing, but failed when the environment variable {@code CI} is set (CI installs the
 * package, so a missing binary there is a broken build, not a reason to skip). Evaluated before
 * Quarkus starts the class's application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(PgBouncerRequired.Condition.class)
public @interface PgBouncerRequired {

    String MISSING = PgBouncer.BINARY + " is missing (Debian/Ubuntu: apt-get install pgbouncer)";

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (PgBouncer.installed()) {
                return ConditionEvaluationResult.enabled("PgBouncer is installed");
            }
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(MISSING + "; CI is set, so the PgBouncer tests must run");
            }
            return ConditionEvaluationResult.disabled("skipped: " + MISSING);
        }
    }
}
