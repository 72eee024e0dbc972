package io.mcp.sessionstore.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.mcp.transport.JsonRpc;

/** The shapes tools answer in: definitions, structured results with their text, progress notifications. */
final class ToolResults {

    private ToolResults() {
    }

    static ObjectNode definition(String name, String title, String description) {
        ObjectNode tool = JsonRpc.object().put("name", name).put("title", title).put("description", description);
        tool.putObject("inputSchema").put("type", "object").putObject("properties");
        return tool;
    }

    /** A CallToolResult: the structured content, and the same as text for clients that show only text. */
    static ObjectNode structured(JsonNode content, boolean isError) {
        ObjectNode result = JsonRpc.object();
        result.putArray("content").addObject().put("type", "text").put("text", content.toPrettyString());
        result.set("structuredContent", content);
        result.put("isError", isError);
        return result;
    }

    static ObjectNode progress(JsonNode token, int done, int total, String message) {
        ObjectNode params = JsonRpc.object();
        params.set("progressToken", token);
        params.put("progress", done).put("total", total).put("message", message);
        return JsonRpc.notification("notifications/progress", params);
    }
}
