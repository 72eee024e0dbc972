package io.mcp.sessionstore.mcp.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.mcp.sessionstore.events.EventService;
import io.mcp.sessionstore.events.StreamFollower;
import io.mcp.sessionstore.session.Activity;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.SessionScope;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.session.StreamAppend;
import io.smallrye.mutiny.Uni;

/**
 * Streamable HTTP for any {@link McpHandler}: the rules in the order the spec gives them, sessions
 * in the session store (bound to the API key that created them), and every event of every response
 * stream stored before it is sent, so that any replica can resume any stream. One POST costs one
 * read of its session and one write: the activity of its messages and the events they produced go in
 * one update of the session row.
 */
@ApplicationScoped
public class McpTransport {

    private final SessionService sessions;
    private final EventService events;
    private final OriginAndHostRules origins;
    private final McpTransportConfig config;
    private final JsonRpcParser parser;
    private final StreamWriter streams;
    private final LiveStreams live;
    private final SessionStarts starts;

    public McpTransport(SessionService sessions, EventService events, StreamFollower follower, OriginAndHostRules origins,
            McpTransportConfig config, ObjectMapper json) {
        this.sessions = sessions;
        this.events = events;
        this.origins = origins;
        this.config = config;
        this.parser = new JsonRpcParser(json);
        this.streams = new StreamWriter(json);
        this.live = new LiveStreams(events, follower, streams, json, config.sseRetry().toMillis());
        this.starts = new SessionStarts(sessions, streams, config.sseRetry().toMillis());
    }

    public Uni<Response> post(McpRequest request, String body, McpHandler handler) {
        return post(request, body, handler, false);
    }

    /**
     * A POST of a legacy SSE client to its session's endpoint ({@code request.sessionId()} from the
     * URL, no protocol header): the same rules, except that initialize initializes that session and
     * any Accept will do, since the answers go on the client's GET stream, which follows the store.
     */
    Uni<Response> postToChannel(McpRequest request, String body, McpHandler handler) {
        return post(request, body, handler, true);
    }

    private Uni<Response> post(McpRequest request, String body, McpHandler handler, boolean channel) {
        return guarded(() -> {
            origins.check(request);
            if (channel) {
                HeaderRules.requireJsonBody(request);
            } else {
                HeaderRules.requirePostMediaTypes(request);
            }
            JsonRpcParser.Parsed parsed = parser.parse(body);
            JsonRpcMessage first = parsed.messages().getFirst();
            JsonNode id = !parsed.batch() && first instanceof JsonRpcMessage.Request r ? r.id() : null;
            return Uni.createFrom().deferred(() -> dispatch(parsed, first, request, handler, channel))
                    .onFailure().recoverWithItem(failure -> McpResponses.failure(failure, id));
        });
    }

    /** Everything after parsing may fail with a domain failure too: see McpResponses.failure. */
    private Uni<Response> dispatch(JsonRpcParser.Parsed parsed, JsonRpcMessage first, McpRequest request,
            McpHandler handler, boolean channel) {
        if (parsed.batch()) {
            requireBatchAllowed(request, parsed.messages());
        } else if (request.stateless()) {
            return StatelessRevision.answer(first, request, handler);
        }
        HeaderRules.requireSessionVersion(request);
        if (!parsed.batch() && first instanceof JsonRpcMessage.Request init && init.method().equals("initialize")) {
            return channel ? starts.intoChannel(init, request, handler) : starts.newSession(init, request, handler);
        }
        String sessionId = HeaderRules.requireSession(request,
                !parsed.batch() && first instanceof JsonRpcMessage.Request r ? r.id() : null);
        return inSession(parsed.messages(), sessionId, request, handler);
    }

    public Uni<Response> get(McpRequest request, McpHandler handler) {
        return guarded(() -> {
            origins.check(request);
            if (request.stateless()) {
                return Uni.createFrom().item(McpResponses.methodNotAllowed("protocol 2026-07-28 has no GET stream"));
            }
            HeaderRules.requireEventStream(request);
            HeaderRules.requireSessionVersion(request);
            String sessionId = HeaderRules.requireSession(request, null);
            return Uni.createFrom().deferred(() -> sessions.findFor(scope(request, handler), sessionId))
                    .chain(session -> request.lastEventId() != null
                    ? live.resume(session, request.lastEventId(), handler)
                    : live.openStandalone(session, handler))
                    .onFailure().recoverWithItem(failure -> McpResponses.failure(failure, null));
        });
    }

    public Uni<Response> delete(McpRequest request, McpHandler handler) {
        return guarded(() -> {
            origins.check(request);
            if (request.stateless()) {
                return Uni.createFrom().item(McpResponses.methodNotAllowed("protocol 2026-07-28 has no sessions to end"));
            }
            HeaderRules.requireSessionVersion(request);
            String sessionId = HeaderRules.requireSession(request, null);
            return Uni.createFrom().deferred(() -> sessions.deleteFor(scope(request, handler), sessionId))
                    .call(upstream -> handler.ended(sessionId, upstream))
                    .map(ignored -> Response.noContent().build())
                    .onFailure().recoverWithItem(failure -> McpResponses.failure(failure, null));
        });
    }

    /**
     * The messages of one POST in a session, in order (a 2025-03-26 batch, or one message). Their
     * activity and the stream of their answers are stored by one statement; with no request, 202.
     */
    private Uni<Response> inSession(List<JsonRpcMessage> messages, String sessionId, McpRequest request,
            McpHandler handler) {
        SessionScope scope = scope(request, handler);
        return sessions.findFor(scope, sessionId).chain(session -> {
            if (session.view().protocolVersion() == null) { // a legacy SSE client's, before its initialize
                throw new JsonRpcException(400, messages.size() == 1 && messages.getFirst() instanceof JsonRpcMessage.Request r
                        ? r.id() : null, JsonRpc.INVALID_REQUEST, "this session is not initialized: send initialize first");
            }
            List<ObjectNode> out = new ArrayList<>();
            List<Activity> activity = new ArrayList<>();
            List<McpHandler.Continuation> rest = new ArrayList<>();
            Uni<Void> work = Uni.createFrom().voidItem();
            for (JsonRpcMessage message : messages) {
                work = work.chain(() -> take(message, session, handler, out, activity, rest));
            }
            return work.chain(() -> {
                Activity total = activity.stream().reduce(Activity::plus).orElseThrow();
                if (out.isEmpty() && rest.isEmpty()) {
                    return sessions.recordActivity(scope, sessionId, total,
                            StreamAppend.NONE).map(ignored -> McpResponses.accepted());
                }
                StreamWriter.Stream stream = streams.open(session.view().protocolVersion(), out);
                return sessions.recordActivity(scope, sessionId, total, stream.append()).call(() -> {
                    // what must hold before the client sees the stream (a relayed call is leased first)
                    Uni<Void> prepared = Uni.createFrom().voidItem();
                    for (McpHandler.Continuation continuation : rest) {
                        prepared = prepared.chain(() -> continuation.prepare(live.sink(sessionId, stream.append().streamId())));
                    }
                    return prepared;
                }).map(recorded -> {
                    rest.forEach(continuation -> live.continueStream(sessionId, stream, continuation));
                    if (rest.size() != 1 || messages.size() != 1) {
                        return stream.render(recorded.eventIds(), retryMillis(), null);
                    }
                    // one request whose answer goes on: sent as it is stored, up to its response
                    return live.followed(sessionId, stream.append().streamId(), stream.events(recorded.eventIds()));
                });
            });
        });
    }

    private static Uni<Void> take(JsonRpcMessage message, BoundSession session, McpHandler handler,
            List<ObjectNode> out, List<Activity> activity, List<McpHandler.Continuation> rest) {
        if (message instanceof JsonRpcMessage.Request request) {
            return handler.answer(request, session).invoke(answer -> {
                out.addAll(answer.messages());
                activity.add(answer.activity());
                if (answer.rest() != null) {
                    rest.add(answer.rest());
                }
            }).replaceWithVoid();
        }
        boolean handshake = message instanceof JsonRpcMessage.Notification n && n.method().equals("notifications/initialized");
        activity.add(handshake ? Activity.handshakeCompleted() : Activity.oneRequest());
        return handler.accept(message, session);
    }

    /** A stream of a session for a handler to go on writing (a call it took over from another replica). */
    public StreamSink sink(String sessionId, String streamId) {
        return live.sink(sessionId, streamId);
    }

    /** Batches exist in 2025-03-26 only (2025-06-18 removed them); initialize may not be in one. */
    private static void requireBatchAllowed(McpRequest request, List<JsonRpcMessage> messages) {
        if (request.protocolVersion() != null && !McpProtocol.V2025_03_26.equals(request.protocolVersion())) {
            throw new JsonRpcException(400, null, JsonRpc.INVALID_REQUEST,
                    "JSON-RPC batches exist only in protocol 2025-03-26");
        }
        if (messages.stream().anyMatch(m -> m instanceof JsonRpcMessage.Request r && r.method().equals("initialize"))) {
            throw new JsonRpcException(400, null, JsonRpc.INVALID_REQUEST, "initialize may not be part of a batch");
        }
    }

    /** Synchronous refusals (checks before any Uni) become responses like asynchronous ones. */
    static Uni<Response> guarded(Supplier<Uni<Response>> work) {
        return Uni.createFrom().deferred(() -> {
            try {
                return work.get();
            } catch (JsonRpcException refusal) {
                return Uni.createFrom().item(McpResponses.of(refusal));
            }
        });
    }

    private static SessionScope scope(McpRequest request, McpHandler handler) {
        return SessionScope.of(request.owner(), handler.serverId());
    }

    private long retryMillis() {
        return config.sseRetry().toMillis();
    }
}
