package io.mcp.sessionstore.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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
            SseStream call = SseStream.post(java.net.URI.create(a.baseUri() + ROUTE), headers(session), """
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
            // b did not send the call: it follows the stream a writes, from the database, up to the result
            try (SseStream resumed = SseStream.get(java.net.URI.create(b.baseUri() + ROUTE), resume(session, asked[0]))) {
                assertEquals(200, resumed.status());
                SseStream.Event result = resumed.until(event -> event.data().contains("\"ask\""), Duration.ofSeconds(15));
                assertTrue(result.data().contains("from b"), result.data());
            }
        }
    }

    /**
     * The upstream killed and restarted, then ten calls of one session at once, five on each of two
     * gateway processes: one replica takes the re-initialize lease, the others wait for its new link,
     * and the restarted upstream sees exactly one initialize in all.
     */
    @Test
    void upstreamRestartWhenCallsHitTwoProcessesAtOnceThenExactlyOneReinitializeInAll() throws Exception {
        try (ServerEverything first = new ServerEverything("streamableHttp").start();
                ServiceProcess a = new ServiceProcess("gateway-reinit-a", gateway(first)).start();
                ServiceProcess b = new ServiceProcess("gateway-reinit-b", gateway(first)).start()) {
            String session = mcp(a).body(GatewayTest.INITIALIZE).post(ROUTE).then().statusCode(200).extract()
                    .header("Mcp-Session-Id");
            mcp(a).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                    .post(ROUTE).then().statusCode(202);
            first.kill();
            try (ServerEverything restarted = new ServerEverything("streamableHttp", first.port()).start()) {
                java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(10);
                try {
                    List<java.util.concurrent.Future<String>> calls = new java.util.ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        ServiceProcess replica = i % 2 == 0 ? a : b;
                        int id = 200 + i;
                        calls.add(clients.submit(() -> mcp(replica).header("Mcp-Session-Id", session)
                                .body("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":"
                                        + "{\"name\":\"echo\",\"arguments\":{\"message\":\"call " + id + "\"}}}")
                                .post(ROUTE).then().statusCode(200).extract().asString()));
                    }
                    for (int i = 0; i < 10; i++) {
                        String answer = calls.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                        assertTrue(answer.contains("Echo: call " + (200 + i)), answer);
                    }
                } finally {
                    clients.shutdownNow();
                }
                assertEquals(1, upstreamInitializes(restarted), "one re-initialize across both processes: "
                        + restarted.log());
            }
        }
    }

    /**
     * The gateway SIGKILLed in the middle of a long call with progress: the other process takes the
     * call over once its lease ran out, resumes the upstream's stream where the dead one left it,
     * and the client that resumes its own stream there gets the remaining progress and the result.
     */
    @Test
    void longCallWhenTheGatewayIsKilledMidCallThenTheOtherProcessTakesItOverAndTheClientGetsTheRest() {
        Map<String, String> environment = new java.util.HashMap<>();
        try (ServerEverything upstream = new ServerEverything("streamableHttp").start()) {
            environment.putAll(gateway(upstream));
            environment.put("MCP_GATEWAY_CALL_LEASE", "2s");
            try (ServiceProcess a = new ServiceProcess("gateway-takeover-a", environment).start();
                    ServiceProcess b = new ServiceProcess("gateway-takeover-b", environment).start()) {
                String session = mcp(a).body(GatewayTest.INITIALIZE).post(ROUTE).then().statusCode(200).extract()
                        .header("Mcp-Session-Id");
                mcp(a).header("Mcp-Session-Id", session).body("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .post(ROUTE).then().statusCode(202);
                SseStream.Event first;
                try (SseStream call = SseStream.post(java.net.URI.create(a.baseUri() + ROUTE), headers(session), """
                        {"jsonrpc":"2.0","id":"long","method":"tools/call","params":{"name":"trigger-long-running-operation",
                         "arguments":{"duration":8,"steps":8},"_meta":{"progressToken":"takeover"}}}""")) {
                    first = call.until(event -> event.data().contains("notifications/progress"), Duration.ofSeconds(15));
                    a.kill();
                }
                assertTrue(first.data().contains("\"progress\":1"), first.data());
                List<String> rest = new java.util.ArrayList<>();
                try (SseStream resumed = SseStream.get(java.net.URI.create(b.baseUri() + ROUTE), resume(session, first.id()))) {
                    assertEquals(200, resumed.status());
                    SseStream.Event event;
                    do {
                        event = resumed.next(Duration.ofSeconds(20));
                        rest.add(event.data());
                    } while (!event.data().contains("\"long\""));
                    assertTrue(event.data().contains("Long running operation completed"), event.data());
                    assertTrue(resumed.endsWithin(Duration.ofSeconds(5)), "the stream ends with its response");
                }
                assertTrue(rest.stream().anyMatch(data -> data.contains("\"progress\":8")), "the last progress: " + rest);
                assertEquals(1, rest.stream().filter(data -> data.contains("\"progress\":2,")).count(),
                        "each progress once: " + rest);
                assertTrue(b.log().contains("MCP gateway: taking over call \"long\" of session "
                        + io.mcp.sessionstore.common.LogSafe.fingerprint(session)), b.log());
                Api.await("the call recorded by the replica that finished it, with its whole duration",
                        Duration.ofSeconds(10), () -> {
                            Integer took = io.restassured.RestAssured.given().baseUri(b.baseUri())
                                    .header("Authorization", "Bearer " + ServiceProcess.KEY).get("/sessions/" + session)
                                    .then().statusCode(200).extract()
                                    .path("recentToolCalls.find { it.name == 'trigger-long-running-operation' }.durationMs");
                            return took != null && took >= 7_000;
                        });
                assertEquals(1, upstreamInitializes(upstream), "the upstream saw no new initialize");
            }
        }
    }

    private static Map<String, String> headers(String session) {
        return Map.of("Authorization", "Bearer " + ServiceProcess.KEY, "Mcp-Session-Id", session,
                "MCP-Protocol-Version", "2025-11-25");
    }

    private static Map<String, String> resume(String session, String lastEventId) {
        return Map.of("Authorization", "Bearer " + ServiceProcess.KEY, "Mcp-Session-Id", session,
                "MCP-Protocol-Version", "2025-11-25", "Last-Event-ID", lastEventId);
    }

    private static io.restassured.specification.RequestSpecification mcp(ServiceProcess service) {
        return io.restassured.RestAssured.given().baseUri(service.baseUri())
                .header("Authorization", "Bearer " + ServiceProcess.KEY).header("MCP-Protocol-Version", "2025-11-25")
                .accept("application/json, text/event-stream").contentType("application/json");
    }
}
