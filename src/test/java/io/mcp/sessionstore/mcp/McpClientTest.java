package io.mcp.sessionstore.mcp;

import static io.mcp.sessionstore.testing.Api.api;
import static io.mcp.sessionstore.testing.Api.session;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mcp.sessionstore.testing.Api;
import io.mcp.sessionstore.testing.McpClients;
import io.mcp.sessionstore.testing.PostgresTestResource;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The MCP Java SDK client against /mcp: initialize, list tools, call both; the store sees it all. */
@QuarkusTest
class McpClientTest {

    @Test
    void clientWhenInitializedThenListsAndCallsBothToolsAndSessionIsStored() {
        String clientName = "sdk-client-" + UUID.randomUUID();
        try (McpSyncClient client = McpClients.client("http://localhost:" + RestAssured.port, Api.KEY, clientName)) {
            McpSchema.InitializeResult initialized = client.initialize();
            assertEquals("mcp-session-store", initialized.serverInfo().name());

            List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).sorted().toList();
            assertEquals(List.of("session_health_check", "session_info"), tools);

            McpSchema.CallToolResult info = client.callTool(new McpSchema.CallToolRequest("session_info", Map.of()));
            assertFalse(Boolean.TRUE.equals(info.isError()));
            assertTrue(McpClients.text(info).contains(clientName), McpClients.text(info));

            McpSchema.CallToolResult health = client.callTool(
                    new McpSchema.CallToolRequest("session_health_check", Map.of()));
            assertFalse(Boolean.TRUE.equals(health.isError()), McpClients.text(health));
            String report = McpClients.text(health);
            assertTrue(report.contains("\"database\" : \"connected\""), report);
            assertTrue(report.contains("\"round_trip\""), report);
            assertTrue(report.contains("recommendations"), report);
            assertTrue(report.contains("\"recent_events\" : ["), "the Panache query answered: " + report);

            String id = idOfSessionOf(clientName);
            api().get(session(id)).then().statusCode(200)
                    .body("initialized", equalTo(true))
                    .body("clientTransport", equalTo("streamable-http"))
                    .body("protocolVersion", equalTo("2025-11-25"))
                    .body("metrics.toolCalls", equalTo(2))
                    .body("recentToolCalls.name", equalTo(List.of("session_info", "session_health_check")));
        }
    }

    static String idOfSessionOf(String clientName) {
        var database = PostgresTestResource.database();
        long count = database.queryLong("SELECT count(*) FROM sessions WHERE client_info ->> 'name' = ?", clientName);
        assertEquals(1, count, "one session for the client");
        return database.queryString("SELECT id FROM sessions WHERE client_info ->> 'name' = ?", clientName);
    }
}
