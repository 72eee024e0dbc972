package io.mcp.sessionstore.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * OAuth on, at run time: a {@link TestAuthorizationServer} as the issuer (its keys at the default
 * JWK Set location, the authorization server left to default to it) and the gateway's URL as the
 * audience. Init arg {@code keys=down}: the issuer's keys cannot be fetched until a test starts it.
 */
public class OAuthTestResource implements QuarkusTestResourceLifecycleManager {

    /** The gateway's public URL in these tests: only ever an identifier, nothing is sent there. */
    public static final String AUDIENCE = "https://mcp-gateway.test";
    private static TestAuthorizationServer server;
    private boolean keysDown;

    public static synchronized TestAuthorizationServer server() {
        return server;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        keysDown = "down".equals(initArgs.get("keys"));
    }

    @Override
    public synchronized Map<String, String> start() {
        server = new TestAuthorizationServer();
        if (!keysDown) {
            server.start();
        }
        return Map.of("mcp.oauth.issuer", server.issuer(), "mcp.oauth.audience", AUDIENCE);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
        }
    }
}
