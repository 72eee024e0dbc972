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

    /** A gateway upstream: its live sessions and how many of them had their upstream re-initialized. */
    @RegisterForReflection
    public record Upstream(String id, @JsonProperty("active_sessions") long activeSessions,
            @JsonProperty("upstream_reinitializations") long reinitializations) {
    }

    @RegisterForReflection
    public record Cleanup(
            String mode,
            @JsonProperty("last_run") Instant lastRun,
            @JsonProperty("last_deleted") Long lastDeleted,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("consecutive_failures") int consecutiveFailures) {
    }
}
