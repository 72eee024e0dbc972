package io.mcp.sessionstore.session;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What recording activity gave: the new expiry and the counters after it (what the activity
 * endpoint answers), and the ids of the events it appended.
 */
public record ActivityResult(String id, Instant expiresAt, SessionView.Metrics metrics, long version,
        @JsonIgnore List<String> eventIds) {
}
