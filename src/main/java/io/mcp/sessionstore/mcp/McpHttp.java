package io.mcp.sessionstore.mcp;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.problem.ProblemException;

/** The HTTP side of /mcp: transport checks, and replies as 202, SSE or JSON with JSON-RPC errors. */
@ApplicationScoped
public class McpHttp {

    private final McpConfig config;

    public McpHttp(McpConfig config) {
        this.config = config;
    }

    /** A transport-level refusal: its HTTP status with a JSON-RPC error body. */
    public static class McpHttpException extends WebApplicationException {
        public McpHttpException(Response response) {
            super(response);
        }
    }

    /** Keeps the JSON-RPC body of a refusal (the generic mapper would write a problem instead). */
    @ServerExceptionMapper
    public Response refusal(McpHttpException e) {
        return e.getResponse();
    }

    McpHttpException failure(int status, JsonNode id, int code, String text) {
        return new McpHttpException(json(status, JsonRpc.error(id, code, text)));
    }

    void checkOrigin(String origin) {
        if (origin != null && !config.allowedOrigins().orElse(List.of()).contains(origin.trim())) {
            throw failure(403, null, JsonRpc.INVALID_REQUEST, "Origin " + origin + " is not allowed (MCP_ALLOWED_ORIGINS)");
        }
    }

    void checkVersion(String version) {
        if (version != null && !McpProtocol.SESSION_VERSIONS.contains(version.trim())) {
            throw unsupportedVersion(null, version.trim());
        }
    }

    /** UnsupportedProtocolVersionError (2026-07-28): modern clients read the supported list and retry. */
    McpHttpException unsupportedVersion(JsonNode id, String requested) {
        ObjectNode body = JsonRpc.error(id, JsonRpc.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version "
                + requested + "; supported: " + String.join(", ", McpProtocol.ALL_VERSIONS));
        ObjectNode data = ((ObjectNode) body.get("error")).putObject("data");
        McpProtocol.ALL_VERSIONS.forEach(data.putArray("supported")::add);
        data.put("requested", requested);
        return new McpHttpException(json(400, body));
    }

    /**
     * 2026-07-28 mirrors body fields into headers so that intermediaries can route on them; a request
     * whose headers are missing or disagree with its body is refused with HeaderMismatch.
     */
    void checkStatelessHeaders(JsonNode message, String mcpMethod, String mcpName) {
        if (!JsonRpc.isRequest(message)) {
            return; // 2026-07-28 defines no header rules for notification POSTs
        }
        JsonNode id = message.get("id");
        String method = message.path("method").asText();
        String declared = message.path("params").path("_meta").path(McpProtocol.META_PROTOCOL_VERSION).asText(null);
        if (!McpProtocol.V2026_07_28.equals(declared)) {
            throw headerMismatch(id, "MCP-Protocol-Version header is " + McpProtocol.V2026_07_28 + " but _meta "
                    + McpProtocol.META_PROTOCOL_VERSION + " is " + (declared == null ? "missing" : "'" + declared + "'"));
        }
        if (mcpMethod == null) {
            throw headerMismatch(id, "the Mcp-Method header is required");
        }
        if (!mcpMethod.trim().equals(method)) {
            throw headerMismatch(id, "Mcp-Method header value '" + mcpMethod.trim() + "' does not match body value '"
                    + method + "'");
        }
        String named = switch (method) {
            case "tools/call", "prompts/get" -> message.path("params").path("name").asText(null);
            case "resources/read" -> message.path("params").path("uri").asText(null);
            default -> null;
        };
        if (named == null) {
            return;
        }
        if (mcpName == null) {
            throw headerMismatch(id, "the Mcp-Name header is required for " + method);
        }
        String name = McpHeaderValue.decode(mcpName.trim());
        if (name == null) {
            throw headerMismatch(id, "the Mcp-Name header is not a valid =?base64?...?= value");
        }
        if (!name.equals(named)) {
            throw headerMismatch(id, "Mcp-Name header value '" + name + "' does not match body value '" + named + "'");
        }
    }

    private McpHttpException headerMismatch(JsonNode id, String detail) {
        return failure(400, id, JsonRpc.HEADER_MISMATCH, "Header mismatch: " + detail);
    }

    String requireSession(String sessionId, JsonNode id) {
        if (sessionId == null || sessionId.isBlank()) {
            throw failure(400, id, JsonRpc.INVALID_REQUEST, "Mcp-Session-Id header is required (initialize first)");
        }
        return sessionId.trim();
    }

    Response sessionNotFound(JsonNode id) {
        return json(404, JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "session not found: initialize a new one"));
    }

    Response methodNotAllowed(String why) {
        return Response.status(405).header(HttpHeaders.ALLOW, "POST").type("application/json")
                .entity(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, why).toString()).build();
    }

    /** A Last-Event-ID the event store cannot resume from: unknown (400) or already trimmed (410). */
    Response replayFailure(ProblemException failure) {
        int status = failure.problem().status() == 410 ? 410 : 400;
        return json(status, JsonRpc.error(null, JsonRpc.INVALID_REQUEST, failure.problem().detail()));
    }

    Response render(McpReply reply) {
        return switch (reply) {
            case McpReply.Accepted accepted -> Response.accepted().build();
            case McpReply.Json body -> json(body.status(), body.body());
            case McpReply.Stream stream -> {
                Response.ResponseBuilder response = Response.ok(sse(stream), "text/event-stream;charset=UTF-8")
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache").header("X-Accel-Buffering", "no");
                if (stream.newSessionId() != null) {
                    response.header(McpResource.SESSION_HEADER, stream.newSessionId());
                }
                yield response.build();
            }
        };
    }

    private static String sse(McpReply.Stream stream) {
        StringBuilder body = new StringBuilder();
        for (McpReply.Event event : stream.events()) {
            body.append("id: ").append(event.id()).append('\n');
            if (event.message() == null) {
                body.append("retry: ").append(stream.retryMillis()).append('\n').append("data: \n\n");
            } else {
                body.append("data: ").append(event.message()).append("\n\n");
            }
        }
        return body.toString();
    }

    private static Response json(int status, JsonNode body) {
        return Response.status(status).type("application/json").entity(body.toString()).build();
    }

    /** Whether an Accept header allows this media type (wildcards count). */
    static boolean allows(String accept, String mediaType) {
        if (accept == null) {
            return false;
        }
        String family = mediaType.substring(0, mediaType.indexOf('/')) + "/*";
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase();
            if (type.equals(mediaType) || type.equals(family) || type.equals("*/*")) {
                return true;
            }
        }
        return false;
    }
}
