package io.mcp.sessionstore.session;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A session as the API shows it. The JSON columns go out as PostgreSQL returned them (raw JSON
 * text), never parsed and written again (docs/design-notes.md has what that saves). On the MCP
 * routes (BoundSession) recentToolCalls is null: they never read it (SessionSql.BOUND_COLUMNS).
 */
@RegisterForReflection
public record SessionView(
        String id,
        String serverId,
        String userAgent,
        String clientTransport,
        String upstreamTransport,
        String protocolVersion,
        boolean initialized,
        @JsonRawValue @Schema(type = SchemaType.OBJECT) String capabilities,
        @JsonRawValue @Schema(type = SchemaType.OBJECT) String clientInfo,
        @JsonRawValue @Schema(type = SchemaType.OBJECT) String attributes,
        Instant createdAt,
        Instant lastActivity,
        Instant expiresAt,
        int ttlSeconds,
        Metrics metrics,
        @JsonRawValue @Schema(type = SchemaType.ARRAY, implementation = ToolCall.class) String recentToolCalls,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) GatewayState gateway) {

    @RegisterForReflection
    public record Metrics(long requests, long toolCalls, long errors) {
    }

    /** The shape of each element of recentToolCalls (documentation: the list goes out as stored). */
    @RegisterForReflection
    public record ToolCall(String name, Long durationMs, boolean ok, Instant at) {
    }
}
