package io.mcp.sessionstore.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real server-everything in sse mode (the 2024-11-05 HTTP+SSE transport: GET /sse, POST /message)
 * as the gateway's upstream "legacy", with a 2-second timeout: a POST it never answers fails fast.
 */
public class LegacyUpstreamTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ID = "legacy";
    public static final String TIMEOUT = "2s";
    private static ServerEverything upstream;

    public static synchronized ServerEverything upstream() {
        return upstream;
    }

    /** SIGKILL and a new process on the same port: its SSE sessions are gone. */
    public static synchronized ServerEverything restart() {
        upstream.kill();
        upstream = new ServerEverything("sse", upstream.port()).start();
        return upstream;
    }

    @Override
    public synchronized Map<String, String> start() {
        upstream = new ServerEverything("sse").start();
        return Map.of("gateway.upstreams", "[{\"id\":\"" + ID + "\",\"transport\":\"sse\",\"url\":\"" + upstream.url()
                + "\",\"headers\":{\"X-Test-Secret\":\"legacy-header-secret-value\"},\"timeout\":\"" + TIMEOUT + "\"}]",
                "gateway.keys", io.mcp.sessionstore.gateway.SessionCipher.newKey());
    }

    @Override
    public synchronized void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }
}
