package io.mcp.sessionstore.mcp.transport;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.mcp.sessionstore.common.EventsTrimmedException;
import io.mcp.sessionstore.common.NotFoundException;
import io.mcp.sessionstore.events.EventService;
import io.mcp.sessionstore.events.ServerSentEvents;
import io.mcp.sessionstore.events.StreamFollower;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.SessionFields;
import io.mcp.sessionstore.session.SessionId;
import io.mcp.sessionstore.session.SessionScope;
import io.mcp.sessionstore.session.SessionService;
import io.smallrye.mutiny.Uni;

/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05) for any {@link McpHandler}, as durable as
 * Streamable HTTP. A GET opens a session of the caller's key and streams it: an {@code endpoint}
 * event naming the URL to POST to, then, as {@code message} events, every message of all the
 * session's streams in the order they are stored, by whichever replica. A POST to the endpoint goes
 * through {@link McpTransport} as in Streamable HTTP (stored before it is answered), and is answered
 * 202: its answers are on the stream. Every event's id names the session and the event
 * ({@link LegacyEventId}), so a client that reconnects with Last-Event-ID, on any replica, gets its
 * session back with what it missed.
 */
@ApplicationScoped
public class LegacySseTransport {

    private final McpTransport transport;
    private final SessionService sessions;
    private final EventService events;
    private final StreamFollower follower;
    private final OriginAndHostRules origins;
    private final McpTransportConfig config;

    public LegacySseTransport(McpTransport transport, SessionService sessions, EventService events,
            StreamFollower follower, OriginAndHostRules origins, McpTransportConfig config) {
        this.transport = transport;
        this.sessions = sessions;
        this.events = events;
        this.follower = follower;
        this.origins = origins;
        this.config = config;
    }

    /**
     * GET: without Last-Event-ID, a new session that waits for its initialize; with one, the session
     * it names if it is the caller's (404 otherwise, as for any session of another key), its endpoint
     * again, what came after that event, then what follows. {@code messagesPath}: where POSTs go.
     */
    public Uni<Response> open(McpRequest request, McpHandler handler, String messagesPath) {
        return McpTransport.guarded(() -> {
            origins.check(request);
            HeaderRules.requireEventStream(request);
            if (request.lastEventId() == null) {
                String sessionId = SessionId.generate();
                SessionFields fields = new SessionFields(handler.serverId(), SessionStarts.truncate(request.userAgent()),
                        SessionStarts.LEGACY_SSE, handler.upstreamTransport(), null, false, null, null, null, null);
                return sessions.openFor(sessionId, request.owner(), fields)
                        .map(view -> stream(new BoundSession(view, null), LegacyEventId.start(sessionId), List.of(),
                                handler, messagesPath))
                        .onFailure().recoverWithItem(failure -> McpResponses.failure(failure, null));
            }
            LegacyEventId after = LegacyEventId.parse(request.lastEventId());
            if (after == null) {
                throw new JsonRpcException(400, null, JsonRpc.INVALID_REQUEST, "Last-Event-ID is not an event id of "
                        + "this endpoint: open a new stream without it, and initialize");
            }
            return sessions.findFor(SessionScope.of(request.owner(), handler.serverId()), after.sessionId())
                    .chain(session -> resumed(session, after, handler, messagesPath))
                    .onFailure().recoverWithItem(failure -> McpResponses.failure(failure, null));
        });
    }

    private Uni<Response> resumed(BoundSession session, LegacyEventId after, McpHandler handler, String messagesPath) {
        if (!SessionStarts.LEGACY_SSE.equals(session.view().clientTransport())) {
            throw NotFoundException.session(session.id()); // a Streamable HTTP session has no legacy stream
        }
        return events.replaySessionAfter(session.id(), after.event(), EventService.MAX_PAGE)
                .map(missed -> stream(session, after, missed, handler, messagesPath))
                .onFailure(EventsTrimmedException.class).transform(failure -> new JsonRpcException(410, null,
                        JsonRpc.INVALID_REQUEST, failure.getMessage()))
                .onFailure(NotFoundException.class).transform(failure -> new JsonRpcException(400, null,
                        JsonRpc.INVALID_REQUEST, failure.getMessage()));
    }

    private Response stream(BoundSession session, LegacyEventId position, List<ServerSentEvents.Event> missed,
            McpHandler handler, String messagesPath) {
        LegacySseStream stream = new LegacySseStream(session, handler, sessions, transport, config.legacySseKeepalive());
        return McpResponses.sse(stream.body(position, missed, messagesPath + "?sessionId=" + session.id(), follower,
                config.sseRetry().toMillis()));
    }

    /**
     * POST to a stream's endpoint: 202 once the messages are handled and their answers stored (the
     * stream's followers woken, here and on other replicas); a refusal as Streamable HTTP answers it
     * (400 for a body that is no JSON-RPC, 404 for a session that is not the caller's, 503 with
     * Retry-After when the database or the upstream cannot be reached).
     */
    public Uni<Response> post(McpRequest request, String sessionId, String body, McpHandler handler) {
        if (sessionId == null || sessionId.isBlank()) {
            return Uni.createFrom().item(McpResponses.json(400, JsonRpc.error(null, JsonRpc.INVALID_REQUEST,
                    "the sessionId query parameter is required: POST to the endpoint the SSE stream announced")));
        }
        McpRequest inChannel = request.inChannel(sessionId);
        return transport.postToChannel(inChannel, body, handler).chain(response -> {
            if (response.getStatus() / 100 != 2) {
                return Uni.createFrom().item(response);
            }
            // 202 from the transport: nothing was stored (a notification, an answer to the server)
            Uni<Void> woken = response.getStatus() == 202 ? Uni.createFrom().voidItem()
                    : events.announce(inChannel.sessionId()).onFailure().recoverWithNull(); // followers poll anyway
            return woken.replaceWith(McpResponses.accepted());
        });
    }
}
