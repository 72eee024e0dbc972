package io.mcp.sessionstore.testing;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link UpstreamTestResource}'s server-everything, for the tests of the gateway's legacy SSE
 * clients: a reconnect within a second (MCP_SSE_RETRY), a keepalive every second, and a 60-second
 * TTL, so that a stream keeping its session alive shows within a test (a touch every quarter TTL).
 */
public class LegacySseClientTestResource extends UpstreamTestResource {

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("mcp.sse-retry", "1s");
        config.put("mcp.legacy-sse-keepalive", "1s");
        config.put("session.ttl", "60");
        return config;
    }
}
