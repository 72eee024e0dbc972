package io.mcp.sessionstore.session;

import java.time.Instant;

/** What the activity endpoint answers: the new expiry and the counters after this call. */
public record ActivityResult(String id, Instant expiresAt, SessionView.Metrics metrics, long version) {
}
