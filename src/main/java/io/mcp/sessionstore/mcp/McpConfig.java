package io.mcp.sessionstore.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The /mcp endpoint. Environment variables in application.properties. */
@ConfigMapping(prefix = "mcp.endpoint")
public interface McpConfig {

    /**
     * Browser origins allowed to call /mcp (exact match, e.g. https://app.example.com). Requests
     * without an Origin header (non-browser clients) are always allowed. Env: MCP_ALLOWED_ORIGINS.
     */
    @WithName("allowed-origins")
    Optional<List<String>> allowedOrigins();

    /** The reconnection delay announced on SSE streams (2025-11-25 priming events). Env: MCP_SSE_RETRY. */
    @WithName("sse-retry")
    @WithDefault("5s")
    Duration sseRetry();
}
