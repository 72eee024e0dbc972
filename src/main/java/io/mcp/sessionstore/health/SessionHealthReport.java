package io.mcp.sessionstore.health;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

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
        Cleanup cleanup) {

    public static final String STORE = "postgresql";

    @RegisterForReflection
    public record Cleanup(
            String mode,
            @JsonProperty("last_run") Instant lastRun,
            @JsonProperty("last_deleted") Long lastDeleted,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("consecutive_failures") int consecutiveFailures) {
    }
}
