package io.mcp.sessionstore.mcp;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What /mcp answers: 202, a stored SSE stream, or a single JSON body with a status. */
sealed interface McpReply {

    /** A notification or response from the client was taken: 202, no body. */
    record Accepted() implements McpReply {
    }

    /** An SSE stream whose events are stored; {@code newSessionId} goes out as Mcp-Session-Id. */
    record Stream(String newSessionId, List<Event> events, long retryMillis) implements McpReply {
    }

    /** A JSON body (a JSON-RPC response or error) with its HTTP status. */
    record Json(int status, JsonNode body) implements McpReply {
    }

    /** One SSE event: its stored id and its JSON-RPC message (null: a priming event, empty data). */
    record Event(String id, String message) {
    }
}
