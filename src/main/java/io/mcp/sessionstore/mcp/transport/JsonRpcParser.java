package io.mcp.sessionstore.mcp.transport;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses a POST body once into typed messages, or refuses it with the JSON-RPC error for what is
 * wrong (400): -32700 when it is not JSON (or nests deeper than Jackson's limit), -32600 when it is
 * not a JSON-RPC 2.0 message, -32602 when a request's params are not an object. Ids are strings or
 * integers (MCP: never null for a request). Nothing a client sends makes it throw anything else.
 */
public final class JsonRpcParser {

    /** The messages of one body; {@code batch} when they came as a JSON array. */
    public record Parsed(List<JsonRpcMessage> messages, boolean batch) {
    }

    private final ObjectReader reader;

    public JsonRpcParser(ObjectMapper json) {
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public Parsed parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : reader.readTree(body);
        } catch (JacksonException | IllegalArgumentException e) {
            throw invalid(null, JsonRpc.PARSE_ERROR, "parse error: the body is not valid JSON");
        }
        if (root != null && root.isArray()) {
            if (root.isEmpty()) {
                throw invalid(null, JsonRpc.INVALID_REQUEST, "an empty batch holds no JSON-RPC message");
            }
            List<JsonRpcMessage> messages = new ArrayList<>(root.size());
            for (JsonNode element : root) {
                messages.add(message(element));
            }
            return new Parsed(messages, true);
        }
        return new Parsed(List.of(message(root)), false);
    }

    /** One message, checked member by member. */
    public static JsonRpcMessage message(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid(null, JsonRpc.INVALID_REQUEST, "the body must be a JSON-RPC message (a JSON object)");
        }
        ObjectNode message = (ObjectNode) node;
        JsonNode id = message.get("id");
        JsonNode echoedId = validId(id) ? id : null;
        JsonNode version = message.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.textValue().equals("2.0")) {
            throw invalid(echoedId, JsonRpc.INVALID_REQUEST, "jsonrpc must be \"2.0\"");
        }
        if (message.has("method")) {
            return call(message, id, echoedId);
        }
        return response(message, id, echoedId);
    }

    private static JsonRpcMessage call(ObjectNode message, JsonNode id, JsonNode echoedId) {
        JsonNode method = message.get("method");
        if (!method.isTextual() || method.textValue().isEmpty()) {
            throw invalid(echoedId, JsonRpc.INVALID_REQUEST, "method must be a non-empty string");
        }
        if (message.has("result") || message.has("error")) {
            throw invalid(echoedId, JsonRpc.INVALID_REQUEST, "a request or notification has no result or error");
        }
        JsonNode params = message.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            throw invalid(echoedId, JsonRpc.INVALID_PARAMS, "params must be an object");
        }
        ObjectNode paramsObject = params == null || params.isNull() ? null : (ObjectNode) params;
        if (id == null) {
            return new JsonRpcMessage.Notification(method.textValue(), paramsObject, message);
        }
        if (echoedId == null) {
            throw invalid(null, JsonRpc.INVALID_REQUEST, "a request id must be a string or an integer");
        }
        return new JsonRpcMessage.Request(id, method.textValue(), paramsObject, message);
    }

    private static JsonRpcMessage response(ObjectNode message, JsonNode id, JsonNode echoedId) {
        boolean hasResult = message.has("result");
        boolean hasError = message.has("error");
        if (hasResult == hasError) {
            throw invalid(echoedId, JsonRpc.INVALID_REQUEST,
                    "a message without a method is a response: exactly one of result or error");
        }
        if (hasResult) {
            if (echoedId == null) {
                throw invalid(null, JsonRpc.INVALID_REQUEST, "a response id must be a string or an integer");
            }
            return new JsonRpcMessage.Response(id, message.get("result"), message);
        }
        if (id == null || (!id.isNull() && echoedId == null)) {
            throw invalid(null, JsonRpc.INVALID_REQUEST, "an error response id must be a string, an integer or null");
        }
        JsonNode error = message.get("error");
        JsonNode code = error.path("code");
        JsonNode text = error.path("message");
        if (!error.isObject() || !code.isIntegralNumber() || !code.canConvertToInt() || !text.isTextual()) {
            throw invalid(echoedId, JsonRpc.INVALID_REQUEST, "error must be an object with an integer code and a message");
        }
        return new JsonRpcMessage.ErrorResponse(id.isNull() ? null : id, code.intValue(), text.textValue(), message);
    }

    private static boolean validId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }

    private static JsonRpcException invalid(JsonNode id, int code, String message) {
        return new JsonRpcException(400, id, code, message);
    }
}
