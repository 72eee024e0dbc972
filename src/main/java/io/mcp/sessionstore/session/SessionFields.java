package io.mcp.sessionstore.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The mutable fields of a session: the body of POST and PUT, and what a PATCH produces. A field
 * left out takes its default (PUT replaces them all). The server-managed fields are read-only.
 */
@RegisterForReflection
public record SessionFields(
        @Size(max = 256) String serverId,
        @Size(max = 1024) String userAgent,
        @Size(max = 64) String clientTransport,
        @Size(max = 64) String upstreamTransport,
        @Size(max = 64) String protocolVersion,
        Boolean initialized,
        ObjectNode capabilities,
        ObjectNode clientInfo,
        ObjectNode attributes,
        @Min(MIN_TTL_SECONDS) @Max(MAX_TTL_SECONDS) Integer ttlSeconds) {

    public static final int MIN_TTL_SECONDS = 60;
    public static final int MAX_TTL_SECONDS = 2_592_000;

    /** Properties of the representation that the server manages; a body that sets one gets 400. */
    public static final Set<String> READ_ONLY = Set.of("id", "createdAt", "lastActivity", "expiresAt", "metrics",
            "recentToolCalls", "version", "gateway");

    public static SessionFields empty() {
        return new SessionFields(null, null, null, null, null, null, null, null, null, null);
    }
}
