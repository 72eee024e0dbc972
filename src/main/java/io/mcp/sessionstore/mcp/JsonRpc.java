package io.mcp.sessionstore.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 messages: the standard error codes, and builders for what the server sends. */
final class JsonRpc {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** 2026-07-28: the MCP-Protocol-Version header and the body disagree. */
    static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: a protocol version the server does not implement. */
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    static ObjectNode error(JsonNode id, int code, String text) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0");
        message.set("id", id == null ? NODES.nullNode() : id);
        message.putObject("error").put("code", code).put("message", text);
        return message;
    }

    static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", params);
        return message;
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static boolean isRequest(JsonNode message) {
        return message.hasNonNull("method") && message.has("id") && !message.get("id").isNull();
    }

    static boolean isNotification(JsonNode message) {
        return message.hasNonNull("method") && !message.has("id");
    }

    static boolean isResponse(JsonNode message) {
        return !message.has("method") && message.has("id") && (message.has("result") || message.has("error"));
    }
}
