package io.mcp.sessionstore.testing;

import java.net.http.HttpRequest;
import java.time.Duration;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

/** The official MCP Java SDK client, pointed at an MCP endpoint of the service with an API key. */
public final class McpClients {

    private McpClients() {
    }

    public static McpSyncClient client(String baseUri, String apiKey, String clientName) {
        return client(baseUri, "/mcp", apiKey, clientName);
    }

    /** The same client on another MCP endpoint of the service (a gateway route, /mcp/&lt;serverId&gt;). */
    public static McpSyncClient client(String baseUri, String endpoint, String apiKey, String clientName) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUri)
                .endpoint(endpoint)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + apiKey))
                .build();
        return McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation(clientName, "1.0.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The text of a tool result's first content item. */
    public static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
