package io.mcp.sessionstore.ui;

import java.util.Map;

import io.mcp.sessionstore.gateway.SessionCipher;
import io.mcp.sessionstore.testing.ServerEverything;
import io.mcp.sessionstore.testing.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two upstreams for the status page: {@code everything}, a real server-everything, and
 * {@code offline}, a loopback port nobody listens on (an upstream that is down).
 */
public class StatusPageUpstreams implements QuarkusTestResourceLifecycleManager {

    private ServerEverything everything;

    @Override
    public Map<String, String> start() {
        ServerEverything.requireInstalledOrFail();
        everything = new ServerEverything("streamableHttp").start();
        String offline = "http://127.0.0.1:" + ServiceProcess.freePort() + "/mcp";
        return Map.of("gateway.upstreams", """
                [{"id":"everything","transport":"streamable-http","url":"%s","timeout":"10s"},
                 {"id":"offline","transport":"streamable-http","url":"%s","timeout":"2s"}]"""
                .formatted(everything.url(), offline), "gateway.keys", SessionCipher.newKey());
    }

    @Override
    public void stop() {
        if (everything != null) {
            everything.close();
        }
    }
}
