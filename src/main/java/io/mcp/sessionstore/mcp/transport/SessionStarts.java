package io.mcp.sessionstore.mcp.transport;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.session.SessionFields;
import io.mcp.sessionstore.session.SessionId;
import io.mcp.sessionstore.session.SessionScope;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.session.UpstreamLink;
import io.smallrye.mutiny.Uni;

/**
 * initialize, the one message that starts a session: a Streamable HTTP client's creates its session
 * with the answer stored (one statement); a legacy SSE client's initializes the session its GET
 * opened (one statement too), whose stream carries the answer.
 */
final class SessionStarts {

    static final String LEGACY_SSE = "sse";
    private static final int MAX_USER_AGENT = 1024;

    private final SessionService sessions;
    private final StreamWriter streams;
    private final long retryMillis;

    SessionStarts(SessionService sessions, StreamWriter streams, long retryMillis) {
        this.sessions = sessions;
        this.streams = streams;
        this.retryMillis = retryMillis;
    }

    /** A new session of the caller's key, created with its answer stored. */
    Uni<Response> newSession(JsonRpcMessage.Request init, McpRequest request, McpHandler handler) {
        String negotiated = McpProtocol.negotiate(requestedVersion(init));
        ObjectNode capabilities = objectParam(init, "capabilities");
        ObjectNode clientInfo = objectParam(init, "clientInfo");
        String sessionId = SessionId.generate();
        return handler.initialize(init, negotiated, sessionId).chain(initialized -> {
            String version = answeredVersion(initialized, negotiated);
            SessionFields fields = new SessionFields(handler.serverId(), truncate(request.userAgent()), "streamable-http",
                    handler.upstreamTransport(), version, false, capabilities, clientInfo, null, null);
            StreamWriter.Stream stream = streams.open(version, List.of(JsonRpc.result(init.id(), initialized.result())));
            return sessions.createFor(sessionId, request.owner(), fields, initialized.upstream(), stream.append())
                    .map(created -> stream.render(created.eventIds(), retryMillis, sessionId));
        });
    }

    /**
     * The initialize of the session a legacy SSE stream opened ({@code request.sessionId()}): checked
     * first to be waiting for it, so that no upstream session is opened for nothing. Should another
     * initialize of it win the race meanwhile, the upstream session this one opened is ended.
     */
    Uni<Response> intoChannel(JsonRpcMessage.Request init, McpRequest request, McpHandler handler) {
        String negotiated = McpProtocol.negotiate(requestedVersion(init));
        ObjectNode capabilities = objectParam(init, "capabilities");
        ObjectNode clientInfo = objectParam(init, "clientInfo");
        String sessionId = request.sessionId();
        SessionScope scope = SessionScope.of(request.owner(), handler.serverId());
        return sessions.findFor(scope, sessionId).chain(session -> {
            if (session.view().protocolVersion() != null) {
                throw new JsonRpcException(400, init.id(), JsonRpc.INVALID_REQUEST, "this session is initialized already");
            }
            return handler.initialize(init, negotiated, sessionId);
        }).chain(initialized -> {
            String version = answeredVersion(initialized, negotiated);
            SessionFields fields = new SessionFields(null, truncate(request.userAgent()), LEGACY_SSE, null, version, false,
                    capabilities, clientInfo, null, null);
            StreamWriter.Stream stream = streams.open(version, List.of(JsonRpc.result(init.id(), initialized.result())));
            return sessions.initializeFor(scope, sessionId, fields, initialized.upstream(), stream.append())
                    .onFailure().call(lost -> initialized.upstream() == null ? Uni.createFrom().voidItem()
                            : handler.ended(sessionId, new UpstreamLink(initialized.upstream().sealedSession(), 1)))
                    .map(created -> stream.render(created.eventIds(), retryMillis, null));
        });
    }

    private static String requestedVersion(JsonRpcMessage.Request init) {
        JsonNode requested = init.params() == null ? null : init.params().get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw new JsonRpcException(400, init.id(), JsonRpc.INVALID_PARAMS,
                    "initialize needs params with a protocolVersion string");
        }
        return requested.textValue();
    }

    /** The upstream's answer decides when it names a version of ours (a gateway passes it through). */
    private static String answeredVersion(McpHandler.Initialized initialized, String negotiated) {
        String answered = initialized.result().path("protocolVersion").asText(null);
        return McpProtocol.SESSION_VERSIONS.contains(answered) ? answered : negotiated;
    }

    private static ObjectNode objectParam(JsonRpcMessage.Request init, String name) {
        JsonNode value = init.params().get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new JsonRpcException(400, init.id(), JsonRpc.INVALID_PARAMS, "initialize params." + name
                    + " must be an object");
        }
        return (ObjectNode) value;
    }

    static String truncate(String text) {
        return text == null || text.length() <= MAX_USER_AGENT ? text : text.substring(0, MAX_USER_AGENT);
    }
}
