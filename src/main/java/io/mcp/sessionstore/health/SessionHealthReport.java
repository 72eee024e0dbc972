package io.mcp.sessionstore.health;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of /session-health, with the field names operators already use. */
@RegisterForReflection
public record SessionHealthReport(
        String status,
        String database,
        @JsonProperty("total_sessions") Long totalSessions,
        @JsonProperty("active_sessions") Long activeSessions,
        @JsonProperty("expired_sessions") Long expiredSessions,
        Instant timestamp,
        String store,
        Cleanup cleanup,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Upstream> upstreams) {

    public static final String STORE = "postgresql";

    /**
     * A gateway upstream: its transport and the state this replica last saw of it ({@code up},
     * {@code failing} after a 5xx, {@code down} when unreachable or silent, {@code unknown} before the
     * first call, {@code not-configured} for sessions of an upstream no longer configured), its live
     * sessions and how many of them had their upstream re-initialized (the store's figures), and this
     * replica's calls to it since it started: how many, how many failed (a 5xx, unreachable, or no
     * answer in time), their mean and the largest of the last two minutes, in milliseconds.
     */
    @RegisterForReflection
    public record Upstream(String id, String transport, String state,
            @JsonProperty("last_call_at") Instant lastCallAt, @JsonProperty("last_failure_at") Instant lastFailureAt,
            @JsonProperty("active_sessions") long activeSessions,
            @JsonProperty("upstream_reinitializations") long reinitializations,
            @JsonProperty("calls") long calls, @JsonProperty("failed_calls") long failedCalls,
            @JsonProperty("mean_latency_ms") double meanLatencyMs, @JsonProperty("max_latency_ms") double maxLatencyMs) {
    }

    @RegisterForReflection
    public record Cleanup(
            String mode,
            @JsonProperty("last_run") Instant lastRun,
            @JsonProperty("last_deleted") Long lastDeleted,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("consecutive_failures") int consecutiveFailures,
            @JsonProperty("recent_passes") List<Pass> recentPasses) {
    }

    /** One of this replica's last cleanup passes (at most 48, oldest first), for the status page's chart. */
    @RegisterForReflection
    public record Pass(Instant at, long deleted, @JsonProperty("duration_ms") long durationMs,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    }
}
