package io.mcp.sessionstore.mcp.transport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The MCP endpoints. Env: MCP_ALLOWED_ORIGINS, MCP_ALLOWED_HOSTS, MCP_SSE_RETRY, MCP_LEGACY_SSE_KEEPALIVE. */
@ConfigMapping(prefix = "mcp")
public interface McpTransportConfig {

    /**
     * Browser origins allowed besides loopback ones (http or https on localhost, 127.0.0.1 or [::1],
     * any port), exact match such as https://app.example.com, or * for any. Requests without an Origin
     * header (non-browser clients) are always allowed.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * Host header values allowed besides loopback names (any port): host names such as
     * mcp.example.com (any port) or host:port, or * for any. Protects against DNS rebinding.
     */
    Optional<List<String>> allowedHosts();

    /** The reconnection delay announced on SSE streams (2025-11-25 priming events). */
    @WithDefault("5s")
    Duration sseRetry();

    /**
     * How long a legacy SSE client's stream may stay quiet before it gets a comment line: proxies
     * and load balancers close idle connections, and a write is how a vanished client is noticed.
     */
    @WithDefault("15s")
    Duration legacySseKeepalive();
}
