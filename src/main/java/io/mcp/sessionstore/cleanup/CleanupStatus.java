package io.mcp.sessionstore.cleanup;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** What the last passes did, for /session-health and the metrics. */
@ApplicationScoped
public class CleanupStatus {

    /** One pass's outcome; {@code error} is null when it succeeded. */
    public record Snapshot(String mode, Instant lastRun, Long lastDeleted, String lastError, int consecutiveFailures) {
    }

    private volatile Snapshot snapshot = new Snapshot(null, null, null, null, 0);

    void mode(String mode) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(mode, s.lastRun(), s.lastDeleted(), s.lastError(), s.consecutiveFailures());
    }

    synchronized void succeeded(Instant at, long deleted) {
        snapshot = new Snapshot(snapshot.mode(), at, deleted, null, 0);
    }

    synchronized void failed(Instant at, String reason) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(s.mode(), at, s.lastDeleted(), reason, s.consecutiveFailures() + 1);
    }

    public Snapshot snapshot() {
        return snapshot;
    }
}
