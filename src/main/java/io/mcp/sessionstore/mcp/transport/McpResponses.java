package io.mcp.sessionstore.mcp.transport;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import io.mcp.sessionstore.common.InvalidInputException;
import io.mcp.sessionstore.common.NotFoundException;
import io.mcp.sessionstore.common.TooLargeException;
import io.mcp.sessionstore.db.DatabaseFailures;
import io.mcp.sessionstore.events.ServerSentEvents;
import io.mcp.sessionstore.problem.ProblemMappers;
import io.smallrye.mutiny.Multi;

/**
 * The HTTP side of the MCP edge: 202, stored SSE streams, JSON answers, and every failure as its
 * status with a JSON-RPC error body. Domain failures get their MCP meaning here: an absent session
 * is 404 (the client re-initializes), an unreachable database 503 with Retry-After.
 */
public class McpResponses {

    static final String SESSION_NOT_FOUND = "session not found: initialize a new one";

    /** Keeps the JSON-RPC body of a refusal thrown before the transport ran (the generic mapper would write a problem). */
    @ServerExceptionMapper
    public Response refusal(JsonRpcException e) {
        return of(e);
    }

    static Response accepted() {
        return Response.accepted().build();
    }

    static Response json(int status, JsonNode body) {
        return Response.status(status).type("application/json").entity(body.toString()).build();
    }

    static Response stream(List<ServerSentEvents.Event> events, long retryMillis, String newSessionId) {
        Response.ResponseBuilder response = Response.ok(ServerSentEvents.write(events, retryMillis),
                ServerSentEvents.MEDIA_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-cache").header("X-Accel-Buffering", "no");
        if (newSessionId != null) {
            response.header(McpRequest.SESSION_HEADER, newSessionId);
        }
        return response.build();
    }

    /**
     * A stream sent as it is written: the stored events first, then each one {@code rest} gives, as
     * it is stored. The entity is a {@code Multi<byte[]>}: {@link McpReplies} sends it.
     */
    static Response live(List<ServerSentEvents.Event> first, Multi<ServerSentEvents.Event> rest, long retryMillis) {
        Multi<byte[]> next = rest.map(event -> ServerSentEvents.write(List.of(event), retryMillis));
        // no empty chunk: to a chunked response it could read as the end
        return sse(first.isEmpty() ? next
                : Multi.createFrom().item(ServerSentEvents.write(first, retryMillis)).onCompletion().switchTo(next));
    }

    /** An SSE body of any shape, sent as it is written ({@link McpReplies}). */
    static Response sse(Multi<byte[]> body) {
        return Response.ok(body, ServerSentEvents.MEDIA_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no").build();
    }

    static Response methodNotAllowed(String why) {
        return Response.status(405).header(HttpHeaders.ALLOW, "POST").type("application/json")
                .entity(JsonRpc.error(null, JsonRpc.INVALID_REQUEST, why).toString()).build();
    }

    static Response of(JsonRpcException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type("application/json").entity(e.body().toString());
        e.headers().forEach(response::header);
        return response.build();
    }

    /** A failure as the MCP client sees it; what is neither the caller's nor the database's goes on to the 500 mapper. */
    static Response failure(Throwable failure, JsonNode id) {
        return switch (failure) {
            case JsonRpcException refusal -> of(refusal);
            case NotFoundException notFound -> json(404, JsonRpc.error(id, JsonRpc.INVALID_REQUEST, SESSION_NOT_FOUND));
            case InvalidInputException invalid when invalid.kind().equals("invalid-session-id") ->
                    json(404, JsonRpc.error(id, JsonRpc.INVALID_REQUEST, SESSION_NOT_FOUND));
            case InvalidInputException invalid -> json(400, JsonRpc.error(id, JsonRpc.INVALID_PARAMS, invalid.getMessage()));
            case TooLargeException tooLarge -> json(413, JsonRpc.error(id, JsonRpc.INVALID_REQUEST, tooLarge.getMessage()));
            default -> {
                if (DatabaseFailures.isUnavailable(failure)) {
                    yield Response.status(503).type("application/json")
                            .header(HttpHeaders.RETRY_AFTER, ProblemMappers.RETRY_AFTER_SECONDS)
                            .entity(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR,
                                    "the session database cannot be reached right now; retry later").toString())
                            .build();
                }
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
        };
    }
}
