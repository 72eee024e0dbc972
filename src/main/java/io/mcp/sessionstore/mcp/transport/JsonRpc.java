package io.mcp.sessionstore.mcp.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0: the error codes MCP uses, and builders for what a server sends. */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** 2026-07-28: the MCP-Protocol-Version header and the body disagree. */
    public static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: a protocol version the server does not implement. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {
    }

    public static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    public static ObjectNode error(JsonNode id, int code, String text) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0");
        message.set("id", id == null ? NODES.nullNode() : id);
        message.putObject("error").put("code", code).put("message", text);
        return message;
    }

    public static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode message = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", params);
        return message;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Whether this message (as sent) is an error response. */
    public static boolean isError(ObjectNode message) {
        return message.has("error");
    }
}
