package io.mcp.sessionstore.db;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the service has seen of the database lately. Fed by {@link Database} only, that is by real
 * statements; passive readiness is judged from this alone while it says "up".
 */
@ApplicationScoped
public class DatabaseOutcomes {

    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;

    void recordSuccess() {
        lastSuccess = Instant.now();
    }

    /** Any answer from the database is a success, even an error; only unavailability is a failure. */
    void recordOutcome(Throwable failure) {
        if (DatabaseFailures.isUnavailable(failure)) {
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

    public Instant lastFailure() {
        return lastFailure;
    }
}
