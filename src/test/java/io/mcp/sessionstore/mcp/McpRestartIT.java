package io.mcp.sessionstore.mcp;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.McpClients;
import io.mcp.sessionstore.testing.ServiceProcess;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The promise end to end on the packaged service: an MCP session outlives the process that created
 * it and is served by any process sharing the database, resumed streams included.
 */
class McpRestartIT {

    private static final String INITIALIZE = McpTransportTest.INITIALIZE;

    @Test
    void sessionWhenServiceKilledAndRestartedThenSameClientCarriesOnWithoutInitialize() {
        int port = ServiceProcess.freePort();
        ServiceProcess first = new ServiceProcess("mcp-restart-1", Map.of(), port).start();
        try (McpSyncClient client = McpClients.client(first.baseUri(), ServiceProcess.KEY, "restart-client")) {
            client.initialize();
            String before = McpClients.text(client.callTool(new McpSchema.CallToolRequest("session_info", Map.of())));

            first.kill();
            try (ServiceProcess restarted = new ServiceProcess("mcp-restart-2", Map.of(), port).start()) {
                McpSchema.CallToolResult after = client.callTool(new McpSchema.CallToolRequest("session_info", Map.of()));
                assertFalse(Boolean.TRUE.equals(after.isError()));
                assertEquals(idIn(before), idIn(McpClients.text(after)), "the same session, no new initialize");
                // session_info shows the record before this call is counted: the call made before SIGKILL is there
                assertTrue(McpClients.text(after).contains("\"toolCalls\" : 1"), McpClients.text(after));
            }
        } finally {
            first.close();
        }
    }

    @Test
    void sessionWhenTwoProcessesThenEitherServesItAndResumesTheOthersStream() throws Exception {
        try (ServiceProcess a = new ServiceProcess("mcp-replica-a", Map.of()).start();
                ServiceProcess b = new ServiceProcess("mcp-replica-b", Map.of()).start()) {
            String session = given().baseUri(a.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .accept(McpTransportTest.ACCEPT_BOTH).contentType("application/json").body(INITIALIZE).post("/mcp")
                    .then().statusCode(200).extract().header("Mcp-Session-Id");

            String onB = given().baseUri(b.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .accept(McpTransportTest.ACCEPT_BOTH).contentType("application/json").header("Mcp-Session-Id", session)
                    .body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"session_info\"}}")
                    .post("/mcp").then().statusCode(200).extract().asString();
            assertTrue(onB.contains(session), onB);

            // a stream on A, cut by the client after its first two events
            HttpRequest call = HttpRequest.newBuilder(URI.create(a.baseUri() + "/mcp"))
                    .header("Authorization", "Bearer " + ServiceProcess.KEY).header("Accept", McpTransportTest.ACCEPT_BOTH)
                    .header("Content-Type", "application/json").header("Mcp-Session-Id", session)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                            + "\"params\":{\"name\":\"session_health_check\",\"_meta\":{\"progressToken\":\"t\"}}}"))
                    .build();
            HttpResponse<java.io.InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .build().send(call, HttpResponse.BodyHandlers.ofInputStream());
            List<String> seenIds = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null && seenIds.size() < 2; line = reader.readLine()) {
                    if (line.startsWith("id: ")) {
                        seenIds.add(line.substring(4));
                    }
                }
            }

            String resumed = given().baseUri(b.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .accept("text/event-stream").header("Mcp-Session-Id", session).header("Last-Event-ID", seenIds.get(1))
                    .get("/mcp").then().statusCode(200).extract().asString();
            List<String[]> missing = McpTransportTest.events(resumed);
            assertEquals(5, missing.size(), "four progress notifications and the result: " + resumed);
            assertTrue(missing.stream().noneMatch(e -> seenIds.contains(e[0])), "nothing the client already had");
            assertTrue(missing.get(0)[1].contains("\"progress\":2"), resumed);
            assertTrue(missing.get(4)[1].contains("\"id\":3") && missing.get(4)[1].contains("\"result\""), resumed);

            given().baseUri(b.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .header("Mcp-Session-Id", session).delete("/mcp").then().statusCode(204);
            given().baseUri(a.baseUri()).header("Authorization", "Bearer " + ServiceProcess.KEY)
                    .accept(McpTransportTest.ACCEPT_BOTH).contentType("application/json").header("Mcp-Session-Id", session)
                    .body("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}").post("/mcp").then().statusCode(404);
        }
    }

    private static String idIn(String sessionInfo) {
        int start = sessionInfo.indexOf("\"id\" : \"") + 8;
        return sessionInfo.substring(start, sessionInfo.indexOf('"', start));
    }
}
