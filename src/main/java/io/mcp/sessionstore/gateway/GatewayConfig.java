package io.mcp.sessionstore.gateway;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The gateway. Env: MCP_UPSTREAMS, MCP_UPSTREAMS_FILE, MCP_GATEWAY_KEY, MCP_GATEWAY_CALL_LEASE, MCP_GATEWAY_LIVE_AFTER (see ConfigAliases). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The upstream MCP servers, a JSON array (see UpstreamsParser). */
    Optional<String> upstreams();

    /** A file holding the same JSON array, for a mounted ConfigMap; used when upstreams is not set. */
    Optional<String> upstreamsFile();

    /**
     * AES-256 keys (base64, 32 bytes each), comma-separated: the first encrypts what the gateway keeps
     * of an upstream session, every one decrypts. Required in prod when upstreams are configured.
     */
    Optional<List<String>> keys();

    /**
     * How long a call whose answer a replica is reading stays that replica's without a renewal: when
     * the replica dies, another one takes the call over this long after its last renewal (renewed
     * every third of it). Env: MCP_GATEWAY_CALL_LEASE.
     */
    @io.smallrye.config.WithDefault("15s")
    java.time.Duration callLease();

    /**
     * How long a call may go without its response before its stream goes live (sent as it comes,
     * relayed by a leased call another replica can take over), progress or not. Env: MCP_GATEWAY_LIVE_AFTER.
     */
    @io.smallrye.config.WithDefault("2s")
    java.time.Duration liveAfter();
}
