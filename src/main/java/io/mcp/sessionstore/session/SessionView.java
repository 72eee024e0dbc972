package io.mcp.sessionstore.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A session as the API shows it. */
@RegisterForReflection
public record SessionView(
        String id,
        String serverId,
        String userAgent,
        String clientTransport,
        String upstreamTransport,
        String protocolVersion,
        boolean initialized,
        ObjectNode capabilities,
        ObjectNode clientInfo,
        ObjectNode attributes,
        Instant createdAt,
        Instant lastActivity,
        Instant expiresAt,
        int ttlSeconds,
        Metrics metrics,
        List<ToolCall> recentToolCalls,
        long version) {

    @RegisterForReflection
    public record Metrics(long requests, long toolCalls, long errors) {
    }

    @RegisterForReflection
    public record ToolCall(String name, Long durationMs, boolean ok, Instant at) {
    }
}
