package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.LegacySseClient;
import io.mcp.sessionstore.testing.ServerEverything;
import io.mcp.sessionstore.testing.ServiceProcess;
import io.mcp.sessionstore.testing.SwitchableProxy;

/**
 * A legacy SSE client's session outlives the gateway process that serves it: the TypeScript SDK's
 * SSE client behind a proxy (what a load balancer is), two packaged gateway processes on one
 * database, a real server-everything upstream; the process serving the client is SIGKILLed in the
 * middle of a call, and the proxy switches to the other.
 */
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayLegacySseRestartIT {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final String SSE = "/mcp/everything/sse";

    private static Map<String, String> gateway(ServerEverything upstream) {
        Map<String, String> environment = new HashMap<>(Map.of("MCP_UPSTREAMS", "[{\"id\":\"everything\","
                + "\"transport\":\"streamable-http\",\"url\":\"" + upstream.url() + "\",\"timeout\":\"10s\"}]",
                "MCP_GATEWAY_KEY", SessionCipher.newKey()));
        environment.put("MCP_GATEWAY_CALL_LEASE", "2s");
        environment.put("MCP_SSE_RETRY", "1s");
        return environment;
    }

    private static List<Integer> progress(LegacySseClient client) {
        return GatewayLegacySseSdkTest.progress(client);
    }

    @Test
    void typescriptSdkWhenItsGatewayIsKilledMidCallAndTheProxySwitchesThenItsSessionGoesOnWithWhatItMissed() {
        try (ServerEverything upstream = new ServerEverything("streamableHttp").start()) {
            Map<String, String> environment = gateway(upstream);
            try (ServiceProcess a = new ServiceProcess("legacy-sse-a", environment).start();
                    ServiceProcess b = new ServiceProcess("legacy-sse-b", environment).start();
                    SwitchableProxy proxy = new SwitchableProxy(a.port());
                    LegacySseClient client = LegacySseClient.start(proxy.baseUri() + SSE, ServiceProcess.KEY, true)) {
                client.send("{\"op\":\"connect\"}");
                String session = GatewayLegacySseSdkTest.session(client.await("connected", null, WITHIN));
                client.send("{\"op\":\"call\",\"id\":\"before\",\"name\":\"echo\",\"arguments\":{\"message\":\"on a\"}}");
                assertEquals("Echo: on a", GatewayLegacySseSdkTest.text(client.await("result", "before", WITHIN)));
                client.send("{\"op\":\"call\",\"id\":\"long\",\"name\":\"trigger-long-running-operation\","
                        + "\"arguments\":{\"duration\":6,\"steps\":6},\"progress\":true}");
                client.await("the second progress", WITHIN, report -> "notifications/progress".equals(
                        report.path("method").asText()) && report.path("progress").asInt() == 2);

                a.kill(); // the proxy still points at it: the client's reconnects fail until it moves
                Api.await("b to take the call over and finish it", WITHIN, () -> {
                    Object call = io.restassured.RestAssured.given().baseUri(b.baseUri())
                            .header("Authorization", "Bearer " + ServiceProcess.KEY).get("/sessions/" + session).then()
                            .extract().path("recentToolCalls.find { it.name == 'trigger-long-running-operation' }");
                    return call != null;
                });
                assertEquals(List.of(1, 2), progress(client), "nothing reached the client meanwhile");
                proxy.pointAt(b.port());

                assertTrue(GatewayLegacySseSdkTest.text(client.await("result", "long", WITHIN))
                        .contains("Long running operation completed"), client.reports().toString());
                assertEquals(List.of(1, 2, 3, 4, 5, 6), progress(client), "the missed progress replayed, each once: "
                        + client.reports());
                List<JsonNode> endpoints = client.reports("endpoint");
                assertEquals(session, GatewayLegacySseSdkTest.session(endpoints.getLast()), "the same session on b");
                assertTrue(client.reports("sse-request").getLast().path("lastEventId").asText().startsWith(session + "."),
                        client.reports("sse-request").toString());
                assertTrue(b.log().contains("MCP gateway: taking over call"), b.log());

                client.send("{\"op\":\"call\",\"id\":\"after\",\"name\":\"echo\",\"arguments\":{\"message\":\"on b\"}}");
                assertEquals("Echo: on b", GatewayLegacySseSdkTest.text(client.await("result", "after", WITHIN)));
                assertEquals(1, upstream.log().lines().filter(line -> line.contains("Session initialized with ID")).count(),
                        "the upstream saw no new initialize: " + upstream.log());
            }
        }
    }
}
