package io.mcp.sessionstore.mcp.transport;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refusal at the MCP edge: an HTTP status with a JSON-RPC error body ({@code data} optional) and
 * extra response headers. Stack-less: an answer, not a bug.
 */
public class JsonRpcException extends RuntimeException {

    private final int status;
    private final transient JsonNode id;
    private final int code;
    private final transient ObjectNode data;
    private final Map<String, String> headers;

    public JsonRpcException(int status, JsonNode id, int code, String message) {
        this(status, id, code, message, null, Map.of());
    }

    public JsonRpcException(int status, JsonNode id, int code, String message, ObjectNode data,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.id = id;
        this.code = code;
        this.data = data;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The same refusal answering the request {@code requestId} (one raised by a step the handler took for it). */
    public JsonRpcException answering(JsonNode requestId) {
        return new JsonRpcException(status, requestId, code, getMessage(), data, headers);
    }

    /** The JSON-RPC error message this refusal is. */
    public ObjectNode body() {
        ObjectNode body = JsonRpc.error(id, code, getMessage());
        if (data != null) {
            ((ObjectNode) body.get("error")).set("data", data);
        }
        return body;
    }
}
