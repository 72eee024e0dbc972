package io.mcp.sessionstore.health;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.mcp.sessionstore.cleanup.LogSafe;
import io.mcp.sessionstore.problem.DatabaseFailures;

/**
 * What the service has seen of the database lately: every request and cleanup pass reports whether
 * the database answered. Passive readiness is judged from this alone while it says "up".
 */
@ApplicationScoped
public class DatabaseHealth {

    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile String lastFailureReason;

    public void recordSuccess() {
        lastSuccess = Instant.now();
    }

    /** Any answer from the database is a success, even an error; only unavailability is a failure. */
    public void recordOutcome(Throwable failure) {
        if (DatabaseFailures.isUnavailable(failure)) {
            lastFailureReason = LogSafe.reason(failure);
            lastFailure = Instant.now();
        } else {
            recordSuccess();
        }
    }

    /** True unless the latest thing seen of the database was a failure. */
    public boolean lastKnownUp() {
        Instant failure = lastFailure;
        Instant success = lastSuccess;
        return failure == null || (success != null && success.isAfter(failure));
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastFailureReason() {
        return lastFailureReason;
    }
}
