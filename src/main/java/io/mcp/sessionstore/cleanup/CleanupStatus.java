package io.mcp.sessionstore.cleanup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** What the last passes did, for /session-health, the status page and the metrics. */
@ApplicationScoped
public class CleanupStatus {

    /** The passes kept for the status page's chart: two days of hourly passes, 8 hours of aggressive ones. */
    static final int KEPT_PASSES = 48;

    /** One pass's outcome; {@code error} is null when it succeeded. */
    public record Snapshot(String mode, Instant lastRun, Long lastDeleted, String lastError, int consecutiveFailures) {
    }

    /** One pass of this replica: when it ended, what it deleted, how long it took, why it failed (or null). */
    public record Pass(Instant at, long deleted, long durationMs, String error) {
    }

    private volatile Snapshot snapshot = new Snapshot(null, null, null, null, 0);
    private final ArrayDeque<Pass> passes = new ArrayDeque<>(KEPT_PASSES);

    void mode(String mode) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(mode, s.lastRun(), s.lastDeleted(), s.lastError(), s.consecutiveFailures());
    }

    synchronized void succeeded(Instant at, long deleted, Duration took) {
        snapshot = new Snapshot(snapshot.mode(), at, deleted, null, 0);
        keep(new Pass(at, deleted, took.toMillis(), null));
    }

    synchronized void failed(Instant at, String reason, Duration took) {
        Snapshot s = snapshot;
        snapshot = new Snapshot(s.mode(), at, s.lastDeleted(), reason, s.consecutiveFailures() + 1);
        keep(new Pass(at, 0, took.toMillis(), reason));
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** This replica's last passes, oldest first (held in memory: a restarted replica starts a new list). */
    public synchronized List<Pass> recentPasses() {
        return List.copyOf(passes);
    }

    private void keep(Pass pass) {
        if (passes.size() == KEPT_PASSES) {
            passes.removeFirst();
        }
        passes.addLast(pass);
    }
}
