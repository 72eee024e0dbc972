package io.mcp.sessionstore.mcp.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The header rules of Streamable HTTP, each refusal with the status and JSON-RPC code the spec gives it. */
final class HeaderRules {

    private HeaderRules() {
    }

    static void requirePostMediaTypes(McpRequest request) {
        if (!allows(request.accept(), "application/json") || !allows(request.accept(), "text/event-stream")) {
            throw new JsonRpcException(406, null, JsonRpc.INVALID_REQUEST,
                    "Accept must allow both application/json and text/event-stream");
        }
        requireJsonBody(request);
    }

    static void requireJsonBody(McpRequest request) {
        String contentType = request.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new JsonRpcException(415, null, JsonRpc.INVALID_REQUEST, "Content-Type must be application/json");
        }
    }

    static void requireEventStream(McpRequest request) {
        if (!allows(request.accept(), "text/event-stream")) {
            throw new JsonRpcException(406, null, JsonRpc.INVALID_REQUEST, "Accept must allow text/event-stream");
        }
    }

    /** A revision with sessions; absent means 2025-03-26 (the spec's rule for old clients). */
    static void requireSessionVersion(McpRequest request) {
        String version = request.protocolVersion();
        if (version != null && !McpProtocol.SESSION_VERSIONS.contains(version)) {
            throw unsupportedVersion(null, version);
        }
    }

    /** UnsupportedProtocolVersionError (2026-07-28): modern clients read the supported list and retry. */
    static JsonRpcException unsupportedVersion(JsonNode id, String requested) {
        ObjectNode data = JsonRpc.object();
        McpProtocol.ALL_VERSIONS.forEach(data.putArray("supported")::add);
        data.put("requested", requested);
        return new JsonRpcException(400, id, JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version "
                + requested + "; supported: " + String.join(", ", McpProtocol.ALL_VERSIONS), data, java.util.Map.of());
    }

    static String requireSession(McpRequest request, JsonNode id) {
        if (request.sessionId() == null) {
            throw new JsonRpcException(400, id, JsonRpc.INVALID_REQUEST,
                    "Mcp-Session-Id header is required (initialize first)");
        }
        return request.sessionId();
    }

    /**
     * 2026-07-28 mirrors body fields into headers so that intermediaries can route on them; a request
     * whose headers are missing or disagree with its body is refused with HeaderMismatch.
     */
    static void checkStatelessHeaders(JsonRpcMessage.Request request, McpRequest headers) {
        JsonNode id = request.id();
        String declared = request.meta().path(McpProtocol.META_PROTOCOL_VERSION).asText(null);
        if (!McpProtocol.V2026_07_28.equals(declared)) {
            throw headerMismatch(id, "MCP-Protocol-Version header is " + McpProtocol.V2026_07_28 + " but _meta "
                    + McpProtocol.META_PROTOCOL_VERSION + " is " + (declared == null ? "missing" : "'" + declared + "'"));
        }
        if (headers.mcpMethod() == null) {
            throw headerMismatch(id, "the Mcp-Method header is required");
        }
        if (!headers.mcpMethod().trim().equals(request.method())) {
            throw headerMismatch(id, "Mcp-Method header value '" + headers.mcpMethod().trim()
                    + "' does not match body value '" + request.method() + "'");
        }
        JsonNode params = request.params() == null ? JsonRpc.object() : request.params();
        String named = switch (request.method()) {
            case "tools/call", "prompts/get" -> params.path("name").asText(null);
            case "resources/read" -> params.path("uri").asText(null);
            default -> null;
        };
        if (named == null) {
            return;
        }
        if (headers.mcpName() == null) {
            throw headerMismatch(id, "the Mcp-Name header is required for " + request.method());
        }
        String name = McpHeaderValue.decode(headers.mcpName().trim());
        if (name == null) {
            throw headerMismatch(id, "the Mcp-Name header is not a valid =?base64?...?= value");
        }
        if (!name.equals(named)) {
            throw headerMismatch(id, "Mcp-Name header value '" + name + "' does not match body value '" + named + "'");
        }
    }

    private static JsonRpcException headerMismatch(JsonNode id, String detail) {
        return new JsonRpcException(400, id, JsonRpc.HEADER_MISMATCH, "Header mismatch: " + detail);
    }

    /** Whether an Accept header allows this media type (wildcards count). */
    static boolean allows(String accept, String mediaType) {
        if (accept == null) {
            return false;
        }
        String family = mediaType.substring(0, mediaType.indexOf('/')) + "/*";
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (type.equals(mediaType) || type.equals(family) || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }
}
