package io.mcp.sessionstore.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** API keys. Env: MCP_API_KEYS, MCP_AUTH_ENABLED (see ConfigAliases). */
@ConfigMapping(prefix = "auth")
public interface ApiKeyConfig {

    /**
     * Accepted API keys, comma-separated; several so a key can be rotated without downtime. Callers
     * send one as {@code Authorization: Bearer <key>}. Required in prod unless auth is disabled.
     */
    @WithName("api-keys")
    Optional<List<String>> apiKeys();

    /** Whether the API requires a key. Turning it off is for a trusted network only. */
    @WithName("enabled")
    @WithDefault("true")
    boolean authEnabled();
}
