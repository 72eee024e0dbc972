package io.mcp.sessionstore.mcp.server;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.session.SessionView;
import io.smallrye.mutiny.Uni;

/** A tool of the local server: a bean the {@link ToolRegistry} finds. */
public interface McpTool {

    /** A call: the session (null under protocol 2026-07-28), the arguments and the progress token (or null). */
    record Call(SessionView session, ObjectNode arguments, JsonNode progressToken) {
    }

    /** What a call gave: the notifications it sent on the way, its CallToolResult, and whether it succeeded. */
    record Outcome(List<ObjectNode> notifications, ObjectNode result, boolean ok) {
    }

    String name();

    /** The tool's entry in tools/list. */
    ObjectNode definition();

    Uni<Outcome> call(Call call);
}
