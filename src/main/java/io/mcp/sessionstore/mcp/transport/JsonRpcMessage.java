package io.mcp.sessionstore.mcp.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC 2.0 message as {@link JsonRpcParser} checked it. {@code json} is the message as
 * received, for a handler that passes it on unchanged.
 */
public sealed interface JsonRpcMessage {

    ObjectNode json();

    /** A request: an id (string or integer) and a method; {@code params} is an object or null. */
    record Request(JsonNode id, String method, ObjectNode params, ObjectNode json) implements JsonRpcMessage {

        /** {@code params._meta}, or an empty node. */
        public JsonNode meta() {
            return params == null ? JsonRpc.object() : params.path("_meta");
        }
    }

    /** A notification: a method, no id. */
    record Notification(String method, ObjectNode params, ObjectNode json) implements JsonRpcMessage {
    }

    /** A successful response from the client to a request the server sent. */
    record Response(JsonNode id, JsonNode result, ObjectNode json) implements JsonRpcMessage {
    }

    /** An error response from the client; {@code id} may be null (JSON-RPC allows it for errors). */
    record ErrorResponse(JsonNode id, int code, String message, ObjectNode json) implements JsonRpcMessage {
    }
}
