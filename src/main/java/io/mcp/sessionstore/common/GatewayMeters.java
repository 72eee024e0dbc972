package io.mcp.sessionstore.common;

/**
 * The names of the gateway's meters, shared by the gateway that records them and the health report
 * that shows this replica's figures from them.
 */
public final class GatewayMeters {

    /** A timer per upstream and outcome: ok, error (a 5xx), unavailable (unreachable, or no answer in time). */
    public static final String UPSTREAM_CALLS = "mcp.gateway.upstream.calls";
    public static final String UPSTREAM_TAG = "upstream";
    public static final String OUTCOME_TAG = "outcome";
    public static final String OK = "ok";

    private GatewayMeters() {
    }
}
