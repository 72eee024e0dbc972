package io.mcp.sessionstore.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A {@link JavaSdkUpstream} as the gateway's upstream "javasdk", for the tests of a profile that
 * names this resource: the same gateway behaviour checked against a server the TypeScript SDK did
 * not write. Tests reach it through {@link #upstream()} to restart it.
 */
public class JavaSdkUpstreamTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ID = "javasdk";
    private static JavaSdkUpstream upstream;

    public static synchronized JavaSdkUpstream upstream() {
        return upstream;
    }

    /** Stopped and started on the same port, in-process: every upstream session is gone, as after a crash. */
    public static synchronized JavaSdkUpstream restart() {
        return upstream.restart();
    }

    @Override
    public synchronized Map<String, String> start() {
        upstream = new JavaSdkUpstream().start();
        return Map.of("gateway.upstreams", "[{\"id\":\"" + ID + "\",\"transport\":\"streamable-http\",\"url\":\""
                + upstream.url() + "\",\"timeout\":\"10s\"}]",
                "gateway.keys", io.mcp.sessionstore.gateway.SessionCipher.newKey(),
                // Tomcat's start and stop lines on every restart are not what a test log is read for
                "quarkus.log.category.\"org.apache.catalina\".level", "WARN",
                "quarkus.log.category.\"org.apache.coyote\".level", "WARN");
    }

    @Override
    public synchronized void stop() {
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
    }
}
