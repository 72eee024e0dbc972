package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.McpClients;
import io.mcp.sessionstore.testing.ServerEverything;
import io.mcp.sessionstore.testing.ServiceProcess;
import io.mcp.sessionstore.testing.SseStream;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The gateway's promise on the packaged service, with the official Java SDK as the client and a real
 * server-everything as the upstream: a client session outlives the gateway process, and any gateway
 * process on the same database serves it, without the upstream seeing a new initialize.
 */
@EnabledIf("io.mcp.sessionstore.testing.ServerEverything#installedOrCi")
class GatewayRestartIT {

    private static final String ROUTE = "/mcp/everything";
    private static final String GATEWAY_KEY = SessionCipher.newKey();

    private static Map<String, String> gateway(ServerEverything upstream) {
        return Map.of("MCP_UPSTREAMS", "[{\"id\":\"everything\",\"transport\":\"streamable-http\",\"url\":\""
                + upstream.url() + "\",\"timeout\":\"10s\"}]", "MCP_GATEWAY_KEY", GATEWAY_KEY);
    }

    private static long upstreamInitializes(ServerEverything upstream) {
        return upstream.log().lines().filter(line -> line.contains("Session initialized with ID")).count();
    }

    private static String echo(McpSyncClient client, String message) {
        return McpClients.text(client.callTool(new McpSchema.CallToolRequest("echo", Map.of("message", message))));
    }

    @Test
    void gatewayWhenKilledBetweenCallsAndRestartedThenSameSessionAndNoNewUpstreamInitialize() {
        try (ServerEverything upstream = new ServerEverything("streamableHttp").start()) {
            int port = ServiceProcess.freePort();
            ServiceProcess first = new ServiceProcess("gateway-restart-1", gateway(upstream), port).start();
            try (McpSyncClient client = McpClients.client(first.baseUri(), ROUTE, ServiceProcess.KEY, "gateway-it")) {
                McpSchema.InitializeResult initialized = client.initialize();
                assertEquals("mcp-servers/everything", initialized.serverInfo().name(), "the upstream's own result");
                assertTrue(client.listTools().tools().stream().anyMatch(tool -> tool.name().equals("echo")));
                assertEquals("Echo: before", echo(client, "before"));

                first.kill();
                try (ServiceProcess restarted = new ServiceProcess("gateway-restart-2", gateway(upstream), port).start()) {
                    assertEquals("Echo: after", echo(client, "after"), "the same session on the new process");
                    assertEquals(1, upstreamInitializes(upstream), "the upstream saw no new initialize: " + upstream.log());
                }
            } finally {
                first.close();
            }
        }
    }

    @Test
    void gatewayWhenTwoProcessesThenInitializeOnOneAndCallAndDeleteOnTheOther() {
        try (ServerEverything upstream = new ServerEverything("streamableHttp").start();
                ServiceProcess a = new ServiceProcess("gateway-replica-a", gateway(upstream)).start();
                ServiceProcess b = new ServiceProcess("gateway-replica-b", gateway(upstream)).start()) {
            String session = io.restassured.RestAssured.given().baseUri(a.baseUri())
                    .header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .accept("application/json, text/event-stream").contentType("application/json")
                    .body(GatewayTest.INITIALIZE).post(ROUTE).then().statusCode(200).extract().header("Mcp-Session-Id");
            String sse = io.restassured.RestAssured.given().baseUri(b.baseUri())
                    .header("Authorization", "Bearer " + ServiceProcess.KEY).header("Mcp-Session-Id", session)
                    .header("MCP-Protocol-Version", "2025-11-25")
                    .accept("application/json, text/event-stream").contentType("application/json")
                    .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                            + "\"arguments\":{\"message\":\"via b\"}}}")
                    .post(ROUTE).then().statusCode(200).extract().asString();
            assertTrue(sse.contains("Echo: via b"), sse);
            io.restassured.RestAssured.given().baseUri(b.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .header("Mcp-Session-Id", session).delete(ROUTE).then().statusCode(204);
            Api.await("the upstream session ended", Duration.ofSeconds(10),
                    () -> upstream.log().contains("Received session termination request"));
            assertEquals(1, upstreamInitializes(upstream));
            io.restassured.RestAssured.given().baseUri(a.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25")
                    .accept("application/json, text/event-stream").contentType("application/json")
                    .body("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}").post(ROUTE).then().statusCode(404);
        }
    }

    @Test
    void samplingWhenAskedOnOneProcessThenAnsweredAndResumedOnTheOther() {
        try (ServerEverything upstream = new ServerEverything("streamableHttp").start();
                ServiceProcess a = new ServiceProcess("gateway-sampling-a", gateway(upstream)).start();
                ServiceProcess b = new ServiceProcess("gateway-sampling-b", gateway(upstream)).start()) {
            String session = mcp(a).body(GatewayTest.INITIALIZE).post(ROUTE).then().statusCode(200).extract()
                    .header("Mcp-Session-Id");
            mcp(a).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                    .post(ROUTE).then().statusCode(202);
            SseStream call = SseStream.post(java.net.URI.create(a.baseUri() + ROUTE), Map.of("Authorization", "Bearer "
                    + ServiceProcess.KEY, "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25"), """
                    {"jsonrpc":"2.0","id":"ask","method":"tools/call","params":{"name":"trigger-sampling-request",
                     "arguments":{"prompt":"across replicas","maxTokens":5}}}""");
            SseStream.Event askedEvent = call.until(event -> event.data().contains("sampling/createMessage"),
                    Duration.ofSeconds(15));
            call.close(); // the client goes away: the call goes on, and its stream is stored as it comes
            String[] asked = {askedEvent.id(), askedEvent.data()};
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":(\\d+|\"[^\"]+\")").matcher(asked[1]);
            assertTrue(id.find(), asked[1]);

            mcp(b).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1)
                    + ",\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"from b\"},"
                    + "\"model\":\"m\"}}").post(ROUTE).then().statusCode(202);
            String[] resumed = new String[1];
            Api.await("the result on the stream resumed on the other process", Duration.ofSeconds(15), () -> {
                resumed[0] = io.restassured.RestAssured.given().baseUri(b.baseUri())
                        .header("Authorization", "Bearer " + ServiceProcess.KEY).header("Mcp-Session-Id", session)
                        .header("MCP-Protocol-Version", "2025-11-25").header("Last-Event-ID", asked[0])
                        .accept("text/event-stream").get(ROUTE).then().statusCode(200).extract().asString();
                return resumed[0].contains("\"ask\"");
            });
            assertTrue(resumed[0].contains("from b"), resumed[0]);
        }
    }

    private static io.restassured.specification.RequestSpecification mcp(ServiceProcess service) {
        return io.restassured.RestAssured.given().baseUri(service.baseUri())
                .header("Authorization", "Bearer " + ServiceProcess.KEY).header("MCP-Protocol-Version", "2025-11-25")
                .accept("application/json, text/event-stream").contentType("application/json");
    }
}
