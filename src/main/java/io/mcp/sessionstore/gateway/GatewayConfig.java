package io.mcp.sessionstore.gateway;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The gateway. Env: MCP_UPSTREAMS, MCP_UPSTREAMS_FILE, MCP_GATEWAY_KEY, MCP_GATEWAY_CALL_LEASE,
 * MCP_GATEWAY_LIVE_AFTER, MCP_GATEWAY_REPLICA_URL, MCP_STDIO_* (see ConfigAliases).
 */
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

    /**
     * Where the other replicas reach this one to be served the stdio children it runs (a request that
     * landed elsewhere is forwarded to the child's owner). Unset: http://127.0.0.1:<the HTTP port>,
     * right for one replica or several on one host; in Kubernetes, the pod's address
     * (http://$(POD_IP):8080). Env: MCP_GATEWAY_REPLICA_URL.
     */
    Optional<String> replicaUrl();

    /** stdio upstreams: the local programs this replica runs, one per client session. */
    Stdio stdio();

    interface Stdio {

        /** At most this many children on this replica; a new session beyond it gets 503 with Retry-After. Env: MCP_STDIO_MAX_PROCESSES. */
        @io.smallrye.config.WithDefault("32")
        int maxProcesses();

        /**
         * A child with no request pending and no message either way for this long is stopped; the
         * session's next request starts it again (re-initialized). Env: MCP_STDIO_IDLE_TIMEOUT.
         */
        @io.smallrye.config.WithDefault("10m")
        java.time.Duration idleTimeout();

        /**
         * How long a child has to exit after its stdin closed, and again after SIGTERM, before SIGKILL
         * (the MCP lifecycle's shutdown of stdio). Env: MCP_STDIO_STOP_TIMEOUT.
         */
        @io.smallrye.config.WithDefault("5s")
        java.time.Duration stopTimeout();
    }
}
