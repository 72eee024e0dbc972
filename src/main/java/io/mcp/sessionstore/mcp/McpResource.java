package io.mcp.sessionstore.mcp;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mcp.sessionstore.health.DatabaseCalls;
import io.mcp.sessionstore.problem.ProblemException;
import io.mcp.sessionstore.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * MCP Streamable HTTP (2025-03-26, 2025-06-18, 2025-11-25 with sessions; 2026-07-28 stateless).
 * Transport rules are checked here, in the order the spec gives them; the messages are
 * {@link McpService}'s. Errors carry a JSON-RPC error body.
 */
@Path("/mcp")
@Tag(name = "mcp")
public class McpResource {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String LAST_EVENT_ID = "Last-Event-ID";
    static final String METHOD_HEADER = "Mcp-Method";
    static final String NAME_HEADER = "Mcp-Name";

    private final McpService service;
    private final McpHttp http;
    private final Caller caller;
    private final DatabaseCalls database;
    private final ObjectMapper json;

    public McpResource(McpService service, McpHttp http, Caller caller, DatabaseCalls database, ObjectMapper json) {
        this.service = service;
        this.http = http;
        this.caller = caller;
        this.database = database;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.WILDCARD)
    public Uni<Response> post(String body, @HeaderParam("Origin") String origin,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(SESSION_HEADER) String sessionId, @HeaderParam(VERSION_HEADER) String version,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, @HeaderParam(METHOD_HEADER) String mcpMethod,
            @HeaderParam(NAME_HEADER) String mcpName) {
        http.checkOrigin(origin);
        if (!McpHttp.allows(accept, "application/json") || !McpHttp.allows(accept, "text/event-stream")) {
            throw http.failure(406, null, JsonRpc.INVALID_REQUEST,
                    "Accept must allow both application/json and text/event-stream");
        }
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw http.failure(415, null, JsonRpc.INVALID_REQUEST, "Content-Type must be application/json");
        }
        JsonNode message;
        try {
            message = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw http.failure(400, null, JsonRpc.PARSE_ERROR, "parse error: the body is not valid JSON");
        }
        if (message != null && message.isArray()) {
            return batch(message, sessionId, version);
        }
        if (message == null || !message.isObject()) {
            throw http.failure(400, null, JsonRpc.INVALID_REQUEST, "the body must be a JSON-RPC message");
        }
        if (!"2.0".equals(message.path("jsonrpc").asText(null))
                || !(JsonRpc.isRequest(message) || JsonRpc.isNotification(message) || JsonRpc.isResponse(message))) {
            throw http.failure(400, message.get("id"), JsonRpc.INVALID_REQUEST, "not a JSON-RPC 2.0 request, notification or response");
        }
        if (McpProtocol.V2026_07_28.equals(version)) {
            http.checkStatelessHeaders(message, mcpMethod, mcpName);
            return database.bounded(service.handleStateless(message)).map(http::render);
        }
        http.checkVersion(version);
        if (JsonRpc.isRequest(message) && "initialize".equals(message.path("method").asText())) {
            return database.bounded(service.initialize(message, caller.keyId(), userAgent)).map(http::render);
        }
        String session = http.requireSession(sessionId, message.get("id"));
        return database.bounded(service.handle(message, session, caller.keyId()))
                .map(reply -> reply == null ? http.sessionNotFound(message.get("id")) : http.render(reply));
    }

    /** Batches exist in 2025-03-26 only (2025-06-18 removed them); initialize may not be in one. */
    private Uni<Response> batch(JsonNode batch, String sessionId, String version) {
        if (version != null && !McpProtocol.V2025_03_26.equals(version.trim())) {
            throw http.failure(400, null, JsonRpc.INVALID_REQUEST, "JSON-RPC batches exist only in protocol 2025-03-26");
        }
        List<JsonNode> messages = new ArrayList<>();
        batch.forEach(messages::add);
        boolean valid = !messages.isEmpty() && messages.stream().allMatch(m -> m.isObject()
                && "2.0".equals(m.path("jsonrpc").asText(null))
                && (JsonRpc.isRequest(m) || JsonRpc.isNotification(m) || JsonRpc.isResponse(m))
                && !"initialize".equals(m.path("method").asText()));
        if (!valid) {
            throw http.failure(400, null, JsonRpc.INVALID_REQUEST,
                    "a batch holds one or more JSON-RPC 2.0 messages, and no initialize");
        }
        String session = http.requireSession(sessionId, null);
        return database.bounded(service.handleBatch(messages, session, caller.keyId()))
                .map(reply -> reply == null ? http.sessionNotFound(null) : http.render(reply));
    }

    @GET
    @Produces(MediaType.WILDCARD)
    public Uni<Response> get(@HeaderParam("Origin") String origin, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(SESSION_HEADER) String sessionId, @HeaderParam(VERSION_HEADER) String version,
            @HeaderParam(LAST_EVENT_ID) String lastEventId) {
        http.checkOrigin(origin);
        if (McpProtocol.V2026_07_28.equals(version)) {
            return Uni.createFrom().item(http.methodNotAllowed("protocol 2026-07-28 has no GET stream"));
        }
        if (!McpHttp.allows(accept, "text/event-stream")) {
            throw http.failure(406, null, JsonRpc.INVALID_REQUEST, "Accept must allow text/event-stream");
        }
        http.checkVersion(version);
        String session = http.requireSession(sessionId, null);
        if (lastEventId != null && !lastEventId.isBlank()) {
            return database.bounded(service.resume(session, caller.keyId(), lastEventId.trim()))
                    .map(reply -> reply == null ? http.sessionNotFound(null) : http.render(reply))
                    .onFailure(ProblemException.class).recoverWithItem(failure -> http.replayFailure((ProblemException) failure));
        }
        return database.bounded(service.openStream(session, caller.keyId())).map(reply -> {
            if (reply == null) {
                return http.sessionNotFound(null);
            }
            McpReply.Stream stream = (McpReply.Stream) reply;
            return stream.events().isEmpty()
                    ? http.methodNotAllowed("no standalone stream before protocol 2025-11-25: responses come on POST")
                    : http.render(stream);
        });
    }

    @DELETE
    public Uni<Response> delete(@HeaderParam("Origin") String origin, @HeaderParam(SESSION_HEADER) String sessionId,
            @HeaderParam(VERSION_HEADER) String version) {
        http.checkOrigin(origin);
        if (McpProtocol.V2026_07_28.equals(version)) {
            return Uni.createFrom().item(http.methodNotAllowed("protocol 2026-07-28 has no sessions to end"));
        }
        http.checkVersion(version);
        String session = http.requireSession(sessionId, null);
        return database.bounded(service.terminate(session, caller.keyId()))
                .map(deleted -> deleted ? Response.noContent().build() : http.sessionNotFound(null));
    }
}
