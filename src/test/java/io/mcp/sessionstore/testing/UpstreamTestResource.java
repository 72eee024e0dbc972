package io.mcp.sessionstore.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real server-everything (streamableHttp) as the gateway's upstream "everything", for the tests of
 * a profile that names this resource. Tests reach it through {@link #upstream()} to kill and restart it.
 */
public class UpstreamTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ID = "everything";
    /** The value of the header every call to the upstream carries: a secret, never in a log or a row. */
    public static final String HEADER_SECRET = "upstream-header-secret-value";
    private static ServerEverything upstream;

    public static synchronized ServerEverything upstream() {
        return upstream;
    }

    /** SIGKILL and a new process on the same port: what a crashed and restarted upstream looks like. */
    public static synchronized ServerEverything restart() {
        upstream.kill();
        upstream = new ServerEverything("streamableHttp", upstream.port()).start();
        return upstream;
    }

    @Override
    public synchronized Map<String, String> start() {
        upstream = new ServerEverything("streamableHttp").start();
        return Map.of("gateway.upstreams", "[{\"id\":\"" + ID + "\",\"transport\":\"streamable-http\",\"url\":\""
                + upstream.url() + "\",\"headers\":{\"X-Test-Secret\":\"" + HEADER_SECRET + "\"},\"timeout\":\"10s\"}]",
                "gateway.keys", io.mcp.sessionstore.gateway.SessionCipher.newKey());
    }

    @Override
    public synchronized void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }
}
