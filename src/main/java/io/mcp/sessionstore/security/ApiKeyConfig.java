package io.mcp.sessionstore.security;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** API keys. Env: MCP_API_KEYS, MCP_CLIENT_KEYS, MCP_AUTH_ENABLED (see ConfigAliases). */
@ConfigMapping(prefix = "auth")
public interface ApiKeyConfig {

    /**
     * Accepted API keys, comma-separated; several so a key can be rotated without downtime. Callers
     * send one as {@code Authorization: Bearer <key>}. Required in prod unless auth is disabled.
     */
    @WithName("api-keys")
    Optional<List<String>> apiKeys();

    /**
     * Keys for MCP clients, comma-separated: they open only the MCP endpoints ({@code /mcp} and
     * {@code /mcp/<serverId>}), never the store's REST API or the health report, so that one client
     * cannot read or delete the sessions of another. Env: MCP_CLIENT_KEYS.
     */
    @WithName("client-keys")
    Optional<List<String>> clientKeys();

    /** Whether the API requires a key. Turning it off is for a trusted network only. */
    @WithName("enabled")
    @WithDefault("true")
    boolean authEnabled();
}
