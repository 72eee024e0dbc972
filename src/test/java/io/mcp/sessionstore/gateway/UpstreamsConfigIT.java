package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.ServiceProcess;

/** The packaged service refuses to start on bad gateway configuration, saying which entry and field. */
class UpstreamsConfigIT {

    private static final String KEY = SessionCipher.newKey();

    @Test
    void startWhenAnUpstreamEntryIsWrongThenFailsNamingEntryAndFieldButNoSecret() {
        String log = failedStart(Map.of("MCP_UPSTREAMS",
                "[{\"id\":\"everything\",\"transport\":\"streamable-http\",\"url\":\"http://127.0.0.1:1/mcp\","
                        + "\"headers\":{\"Authorization\":\"Bearer ${IT_UPSTREAM_TOKEN}\"},\"timeout\":\"never\"}]",
                "IT_UPSTREAM_TOKEN", "it-secret-token-value", "MCP_GATEWAY_KEY", KEY));
        assertTrue(log.contains("MCP_UPSTREAMS entry 1 (\"everything\"), field timeout"), log);
        assertFalse(log.contains("it-secret-token-value"), "a header value is never logged");
    }

    @Test
    void startWhenUpstreamsButNoGatewayKeyThenFailsNamingTheVariable() {
        String log = failedStart(Map.of("MCP_UPSTREAMS",
                "[{\"id\":\"everything\",\"transport\":\"streamable-http\",\"url\":\"http://127.0.0.1:1/mcp\"}]"));
        assertTrue(log.contains("MCP_GATEWAY_KEY is empty"), log);
    }

    private static String failedStart(Map<String, String> environment) {
        try (ServiceProcess service = new ServiceProcess("bad-gateway-config", environment)) {
            AssertionError exited = assertThrows(AssertionError.class, service::start);
            assertTrue(exited.getMessage().contains("exited"), exited.getMessage());
            return service.log();
        }
    }
}
