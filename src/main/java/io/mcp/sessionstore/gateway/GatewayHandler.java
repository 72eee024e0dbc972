package io.mcp.sessionstore.gateway;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogFields;
import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcException;
import io.mcp.sessionstore.mcp.transport.JsonRpcMessage;
import io.mcp.sessionstore.mcp.transport.McpHandler;
import io.mcp.sessionstore.mcp.transport.McpHandler.Continuation;
import io.mcp.sessionstore.mcp.transport.ServerInfo;
import io.mcp.sessionstore.session.Activity;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.session.ToolCall;
import io.mcp.sessionstore.session.UpstreamLink;
import io.mcp.sessionstore.session.UpstreamStart;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One upstream behind {@code /mcp/<id>}: every message of a client session goes to the upstream
 * session it is linked to, and the answer comes back through the transport, which stores it. When
 * the upstream lost its session (restart, expiry), the upstream is initialized again with the
 * client's own initialize params, the link is moved to the new upstream session, and the request is
 * sent again: the client keeps its Mcp-Session-Id and never learns of it.
 */
final class GatewayHandler implements McpHandler {

    private static final Logger LOG = Logger.getLogger(GatewayHandler.class);
    /** How long a resumed upstream stream may stay quiet before it is read again from its last event. */
    private static final java.time.Duration RESUME_QUIET = java.time.Duration.ofSeconds(1);

    private final Upstream upstream;
    private final SessionService sessions;
    private final SessionCipher cipher;
    private final UpstreamSessions links;
    private final CallRelay relay;
    private final InFlightCalls calls;
    private final StandaloneRelay standalone;
    private final StatelessCalls stateless;

    GatewayHandler(Upstream upstream, UpstreamSessions links, SessionService sessions, SessionCipher cipher,
            CallRelay relay, InFlightCalls calls) {
        this.upstream = upstream;
        this.sessions = sessions;
        this.cipher = cipher;
        this.links = links;
        this.relay = relay;
        this.calls = calls;
        this.standalone = new StandaloneRelay(upstream, links, sessions);
        this.stateless = new StatelessCalls(upstream, links);
    }

    @Override
    public ServerInfo serverInfo() {
        return new ServerInfo("mcp-session-store gateway to " + upstream.id(), "1.0.0");
    }

    @Override
    public ObjectNode capabilities() {
        return JsonRpc.object();
    }

    /** The upstream's own capabilities (2026-07-28 server/discover). */
    @Override
    public Uni<ObjectNode> discoverCapabilities() {
        return stateless.capabilities();
    }

    @Override
    public String serverId() {
        return upstream.id();
    }

    @Override
    public String upstreamTransport() {
        return upstream.transport().configName();
    }

    /** The client's initialize goes to the upstream as it was sent; its InitializeResult comes back as it was. */
    @Override
    public Uni<Initialized> initialize(JsonRpcMessage.Request request, String protocolVersion, String sessionId) {
        return links.post(null, null, request.json(), request.id(), sessionId).map(reply -> {
            ObjectNode result = links.resultOf(reply, request.id());
            String upstreamSession = reply.sessionId() == null ? "" : reply.sessionId();
            ObjectNode params = request.params() == null ? JsonRpc.object() : request.params();
            return new Initialized(result, new UpstreamStart(cipher.seal(upstreamSession, sessionId, upstream.id()),
                    params.toString(), result.toString()));
        });
    }

    /** Protocol 2026-07-28: no client session; the upstream session the caller's requests share (or the request's own). */
    @Override
    public Uni<Answer> answerStateless(JsonRpcMessage.Request request, String owner) {
        return stateless.answer(request, owner).map(Answer::of);
    }

    @Override
    public Uni<Answer> answer(JsonRpcMessage.Request request, BoundSession session) {
        if (session == null) {
            return answerStateless(request, null);
        }
        long started = System.nanoTime();
        return streamed(session, request.json(), request.id())
                .chain(streamed -> UpstreamAnswer.split(ServerRequestIds.toClient(streamed.stream().messages(),
                        streamed.generation()), request.id(), relay.liveAfter()).map(split -> {
                    if (split.rest() != null) {
                        // a long call (progress, or no response yet after MCP_GATEWAY_LIVE_AFTER), or one that
                        // waits on the client: what came goes out now, the rest
                        // is relayed into the stored stream by a leased call another replica can take over
                        // its tool call is recorded when it ends, with the whole duration
                        Instant received = Instant.now().minusNanos(System.nanoTime() - started);
                        return new Answer(split.headMessages(), Activity.oneRequest(),
                                relay.start(sink -> new InFlightCalls.Call(sink.sessionId(), sink.streamId(), upstream.id(),
                                        request.id().toString(), streamed.generation(), split.headEventId(),
                                        toolName(request), received),
                                        split.rest(), request.id(), resumer(streamed.upstreamSession(),
                                                streamed.generation(), session.view().protocolVersion(), request.id(),
                                                session.id()),
                                        upstream.timeout()));
                    }
                    ObjectNode response = split.response();
                    if (response == null) {
                        return Answer.of(JsonRpc.error(request.id(), JsonRpc.INTERNAL_ERROR, "upstream " + upstream.id()
                                + " answered HTTP " + streamed.stream().status() + " without a response to this request"));
                    }
                    return new Answer(split.headMessages(), activity(request, response, (System.nanoTime() - started) / 1_000_000));
                }))
                // a refusal from a step taken for this request (its re-initialize) answers this request
                .onFailure(JsonRpcException.class).transform(failure -> ((JsonRpcException) failure).answering(request.id()))
                .call(answer -> UpstreamSetup.isSetup(request) && answer.rest() == null
                        && !JsonRpc.isError(answer.messages().getLast())
                        ? sessions.setUpstreamSetup(session.id(), UpstreamSetup.after(UpstreamSessions.setupOf(session), request).toString())
                        : Uni.createFrom().voidItem());
    }

    /** An upstream answer as it comes, and the upstream session that gives it, with its generation. */
    private record Streamed(UpstreamStream stream, String upstreamSession, int generation) {
    }

    /**
     * A request on the session's upstream session, its answer read as it comes; a lost upstream
     * session (404, or 400 with -32000: small JSON bodies, read whole to tell) is re-initialized once
     * and the request sent again.
     */
    private Uni<Streamed> streamed(BoundSession session, ObjectNode message, JsonNode id) {
        String version = session.view().protocolVersion();
        int generation = session.upstream() == null ? 0 : session.upstream().generation();
        String upstreamSession = links.open(session, session.upstream());
        return links.stream(upstreamSession, version, message, id, session.id()).chain(UpstreamStream::checkedForLoss).chain(checked -> {
            if (!checked.sessionLost()) {
                return Uni.createFrom().item(new Streamed(checked.stream(), upstreamSession, generation));
            }
            int status = checked.stream().status();
            return links.reinitialize(session, "upstream answered HTTP " + status + " for its session")
                    .chain(renewed -> links.stream(renewed.upstreamSession(), version, message, id, session.id())
                            .map(retried -> new Streamed(new UpstreamStream(retried.status(), retried.sessionId(),
                                    Multi.createFrom().iterable(renewed.notices())
                                            .map(notice -> new UpstreamMessage(null, notice))
                                            .onCompletion().switchTo(retried.messages())),
                                    renewed.upstreamSession(), renewed.generation())));
        });
    }

    /** The upstream's own standalone stream relayed into the client's while the client reads it. */
    @Override
    public Continuation standalone(BoundSession session) {
        return standalone.of(session);
    }

    /** Whether a replica is still relaying this stream's call (the client resuming it then follows it). */
    @Override
    public Uni<Boolean> continuing(String sessionId, String streamId) {
        return calls.inFlight(sessionId, streamId);
    }

    /**
     * A call whose replica stopped renewing its lease: the upstream's stream of it is resumed after
     * the last event stored (GET with Last-Event-ID on the same upstream session) and relayed on.
     * It cannot be when the upstream session was replaced since, or no upstream event had an id.
     */
    Uni<Void> takeOver(InFlightCalls.Call call, io.mcp.sessionstore.mcp.transport.StreamSink sink) {
        JsonNode requestId = UpstreamSessions.parse(call.requestId());
        return sessions.findFor(io.mcp.sessionstore.session.SessionScope.ANY, call.sessionId()).chain(session -> {
            UpstreamLink link = session.upstream();
            if (link == null || link.generation() != call.upstreamGeneration()) {
                return relay.fail(call, sink, requestId, "the gateway replica relaying this call stopped, and the "
                        + "upstream session it ran on was replaced since");
            }
            LogFields.log(LOG, Logger.Level.INFO, call.sessionId(), upstream.id(), "MCP gateway: taking over call %s of "
                    + "session %s on %s (its replica stopped renewing the lease); resuming the upstream stream", requestId,
                    LogSafe.fingerprint(call.sessionId()), upstream.id());
            String upstreamSession = links.open(session, link);
            return relay.resume(call, sink, requestId, resumer(upstreamSession, link.generation(),
                    session.view().protocolVersion(), requestId, session.id()), upstream.timeout());
        });
    }

    /** Resumes the upstream's stream of a call; a resumed stream quiet for a second is read again (see CallRelay). */
    private CallRelay.Resumer resumer(String upstreamSession, int generation, String version, JsonNode requestId,
            String sessionId) {
        return after -> links.resume(upstreamSession, version, after, RESUME_QUIET, requestId, sessionId)
                .map(stream -> new UpstreamStream(stream.status(), stream.sessionId(),
                        ServerRequestIds.toClient(stream.messages(), generation)));
    }

    /** An answer to a request of an upstream session replaced since goes nowhere: that session is gone. */
    @Override
    public Uni<Void> accept(JsonRpcMessage message, BoundSession session) {
        int generation = session.upstream() == null ? 0 : session.upstream().generation();
        return ServerRequestIds.toUpstream(message.json(), generation)
                .map(forwarded -> forward(session, forwarded, null).replaceWithVoid()
                        .call(() -> cancelled(session, forwarded)))
                .orElseGet(() -> {
                    LogFields.log(LOG, Logger.Level.DEBUG, session.id(), upstream.id(), "MCP gateway: an answer of session "
                            + "%s to a request of an older upstream session was dropped", LogSafe.fingerprint(session.id()));
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * The client cancelled one of its own requests (relayed to the upstream, which then sends no
     * response): a call relayed for it ends without the error a missing response would get.
     */
    private Uni<Void> cancelled(BoundSession session, ObjectNode message) {
        JsonNode requestId = message.path("params").get("requestId");
        if (!"notifications/cancelled".equals(message.path("method").asText()) || requestId == null || requestId.isNull()) {
            return Uni.createFrom().voidItem();
        }
        return calls.cancel(session.id(), requestId.toString());
    }

    /** Best effort: the client's session is gone either way; 404 and 405 from the upstream are fine. */
    @Override
    public Uni<Void> ended(String sessionId, UpstreamLink link) {
        if (link == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> links.delete(cipher.open(link.sealedSession(), sessionId,
                upstream.id()))).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LogFields.log(LOG, Logger.Level.INFO, sessionId, upstream.id(), "MCP gateway: ending the upstream "
                            + "session of %s on %s failed: %s", LogSafe.fingerprint(sessionId), upstream.id(),
                            LogSafe.reason(failure));
                    return null;
                });
    }

    /** Sends a message on the session's upstream session; a lost upstream session is re-initialized once and the message sent again. */
    private Uni<UpstreamReply> forward(BoundSession session, ObjectNode message, JsonNode id) {
        String version = session.view().protocolVersion();
        String upstreamSession = links.open(session, session.upstream());
        return links.post(upstreamSession, version, message, id, session.id()).chain(reply -> {
            if (!reply.sessionLost()) {
                return Uni.createFrom().item(reply);
            }
            return links.reinitialize(session, "upstream answered HTTP " + reply.status() + " for its session")
                    .chain(renewed -> links.post(renewed.upstreamSession(), version, message, id, session.id())
                            .map(retried -> retried.after(renewed.notices())));
        });
    }

    /** The tool of a tools/call (null for any other request). */
    private static String toolName(JsonRpcMessage.Request request) {
        return request.method().equals("tools/call") && request.params() != null && request.params().path("name").isTextual()
                ? request.params().path("name").textValue() : null;
    }

    private static Activity activity(JsonRpcMessage.Request request, ObjectNode response, long durationMs) {
        boolean failed = CallRelay.failed(response);
        String tool = toolName(request);
        if (tool != null) {
            return Activity.toolCall(new ToolCall(tool, durationMs, !failed));
        }
        return failed ? Activity.error() : Activity.oneRequest();
    }
}
