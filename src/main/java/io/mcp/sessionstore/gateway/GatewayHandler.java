package io.mcp.sessionstore.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcException;
import io.mcp.sessionstore.mcp.transport.JsonRpcMessage;
import io.mcp.sessionstore.mcp.transport.McpHandler;
import io.mcp.sessionstore.mcp.transport.ServerInfo;
import io.mcp.sessionstore.problem.ProblemMappers;
import io.mcp.sessionstore.session.Activity;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.SessionScope;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Upstream upstream;
    private final UpstreamClient client;
    private final SessionService sessions;
    private final SessionCipher cipher;
    private final UpstreamMetrics metrics;
    /** Requests of one session that meet the same loss wait for one re-initialize (per replica). */
    private final Map<String, Uni<Renewed>> reinitializing = new ConcurrentHashMap<>();

    GatewayHandler(Upstream upstream, UpstreamClient client, SessionService sessions, SessionCipher cipher,
            UpstreamMetrics metrics) {
        this.upstream = upstream;
        this.client = client;
        this.sessions = sessions;
        this.cipher = cipher;
        this.metrics = metrics;
    }

    @Override
    public ServerInfo serverInfo() {
        return new ServerInfo("mcp-session-store gateway to " + upstream.id(), "1.0.0");
    }

    @Override
    public ObjectNode capabilities() {
        return JsonRpc.object();
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
        return call(client.post(upstream, null, null, request.json()), request.id()).map(reply -> {
            ObjectNode result = resultOf(reply, request.id());
            String upstreamSession = reply.sessionId() == null ? "" : reply.sessionId();
            ObjectNode params = request.params() == null ? JsonRpc.object() : request.params();
            return new Initialized(result, new UpstreamStart(cipher.seal(upstreamSession, sessionId, upstream.id()),
                    params.toString(), result.toString()));
        });
    }

    @Override
    public Uni<Answer> answer(JsonRpcMessage.Request request, BoundSession session) {
        if (session == null) {
            return Uni.createFrom().item(Answer.of(JsonRpc.error(request.id(), JsonRpc.METHOD_NOT_FOUND,
                    "protocol 2026-07-28 is not served through the gateway yet: initialize with 2025-11-25")));
        }
        long started = System.nanoTime();
        return streamed(session, request.json(), request.id())
                .chain(stream -> UpstreamAnswer.split(stream.messages(), request.id()).map(split -> {
                    if (split.rest() != null) {
                        // the upstream asks the client something before it can answer: send what came,
                        // store the rest as it comes
                        return new Answer(split.head(), activity(request, null, (System.nanoTime() - started) / 1_000_000),
                                split.rest());
                    }
                    ObjectNode response = split.response();
                    if (response == null) {
                        return Answer.of(JsonRpc.error(request.id(), JsonRpc.INTERNAL_ERROR, "upstream " + upstream.id()
                                + " answered HTTP " + stream.status() + " without a response to this request"));
                    }
                    return new Answer(split.head(), activity(request, response, (System.nanoTime() - started) / 1_000_000));
                }))
                .call(answer -> UpstreamSetup.isSetup(request) && answer.rest() == null
                        && !JsonRpc.isError(answer.messages().getLast())
                        ? sessions.setUpstreamSetup(session.id(), UpstreamSetup.after(setupOf(session), request).toString())
                        : Uni.createFrom().voidItem());
    }

    /**
     * A request on the session's upstream session, its answer read as it comes; a lost upstream
     * session (404, or 400 with -32000: small JSON bodies, read whole to tell) is re-initialized once
     * and the request sent again.
     */
    private Uni<UpstreamStream> streamed(BoundSession session, ObjectNode message, JsonNode id) {
        String version = session.view().protocolVersion();
        return callStream(client.postStreaming(upstream, open(session, session.upstream()), version, message), id)
                .chain(stream -> {
                    if (stream.status() != 404 && stream.status() != 400) {
                        return Uni.createFrom().item(stream);
                    }
                    return stream.messages().collect().asList().chain(messages -> {
                        UpstreamReply reply = new UpstreamReply(stream.status(), stream.sessionId(), messages);
                        if (!reply.sessionLost()) {
                            return Uni.createFrom().item(new UpstreamStream(stream.status(), stream.sessionId(),
                                    Multi.createFrom().iterable(messages)));
                        }
                        return reinitialize(session, "upstream answered HTTP " + stream.status() + " for its session")
                                .chain(renewed -> callStream(client.postStreaming(upstream, renewed.upstreamSession(),
                                        version, message), id).map(retried -> new UpstreamStream(retried.status(),
                                                retried.sessionId(), Multi.createFrom().iterable(renewed.notices())
                                                        .onCompletion().switchTo(retried.messages()))));
                    });
                });
    }

    private Uni<UpstreamStream> callStream(Uni<UpstreamStream> work, JsonNode id) {
        long started = System.nanoTime();
        return work.invoke(stream -> metrics.called(upstream.id(), stream.status() >= 500 ? "error" : "ok",
                        System.nanoTime() - started))
                .onFailure(failure -> !(failure instanceof JsonRpcException)).transform(failure -> unavailable(failure, id,
                        started));
    }

    private static JsonNode setupOf(BoundSession session) {
        return session.view().gateway() == null ? null : parse(session.view().gateway().upstreamSetup());
    }

    @Override
    public Uni<Void> accept(JsonRpcMessage message, BoundSession session) {
        return forward(session, message.json(), null).replaceWithVoid();
    }

    /** Best effort: the client's session is gone either way; 404 and 405 from the upstream are fine. */
    @Override
    public Uni<Void> ended(String sessionId, UpstreamLink link) {
        if (link == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> client.delete(upstream, cipher.open(link.sealedSession(), sessionId,
                upstream.id()), null)).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.infof("MCP gateway: ending the upstream session of %s on %s failed: %s", sessionId,
                            upstream.id(), LogSafe.reason(failure));
                    return null;
                });
    }

    /** Sends a message on the session's upstream session; a lost upstream session is re-initialized once and the message sent again. */
    private Uni<UpstreamReply> forward(BoundSession session, ObjectNode message, JsonNode id) {
        String version = session.view().protocolVersion();
        String upstreamSession = open(session, session.upstream());
        return call(client.post(upstream, upstreamSession, version, message), id).chain(reply -> {
            if (!reply.sessionLost()) {
                return Uni.createFrom().item(reply);
            }
            return reinitialize(session, "upstream answered HTTP " + reply.status() + " for its session")
                    .chain(renewed -> call(client.post(upstream, renewed.upstreamSession(), version, message), id)
                            .map(retried -> retried.after(renewed.notices())));
        });
    }

    /** A new upstream session, and the list_changed notifications the client gets when its capabilities differ. */
    private record Renewed(String upstreamSession, List<ObjectNode> notices) {
    }

    private Uni<Renewed> reinitialize(BoundSession session, String reason) {
        String key = session.id() + ":" + session.upstream().generation();
        // a block, not an expression: eventually(() -> map.remove(key)) would subscribe to the removed Uni itself
        return reinitializing.computeIfAbsent(key, ignored -> newUpstreamSession(session, reason)
                .eventually(() -> {
                    reinitializing.remove(key);
                }).memoize().indefinitely());
    }

    /**
     * A request that read the session before another one moved its link, and met the loss after that
     * one finished, finds the new link in the row and takes it: no second initialize.
     */
    private Uni<Renewed> newUpstreamSession(BoundSession session, String reason) {
        return sessions.findFor(SessionScope.ANY, session.id()).chain(current -> {
            UpstreamLink link = current.upstream();
            if (link != null && link.generation() > session.upstream().generation()) {
                return Uni.createFrom().item(new Renewed(open(session, link), List.of()));
            }
            return initializeAgain(session, reason);
        });
    }

    private Uni<Renewed> initializeAgain(BoundSession session, String reason) {
        String params = session.view().gateway() == null ? "{}" : session.view().gateway().clientInitialize();
        String before = session.view().gateway() == null ? null : session.view().gateway().upstreamInitializeResult();
        ObjectNode initialize = JsonRpc.object().put("jsonrpc", "2.0").put("id", "gateway-reinitialize")
                .put("method", "initialize");
        initialize.set("params", parse(params));
        return call(client.post(upstream, null, null, initialize), null).chain(reply -> {
            ObjectNode result = resultOf(reply, initialize.get("id"));
            String renewed = reply.sessionId() == null ? "" : reply.sessionId();
            ObjectNode initialized = JsonRpc.notification("notifications/initialized", null);
            initialized.remove("params");
            String version = result.path("protocolVersion").asText(null);
            return call(client.post(upstream, renewed, version, initialized), null)
                    .chain(() -> replaySetup(session, renewed, version))
                    .chain(() -> sessions.relinkUpstream(session.id(), session.upstream(),
                            cipher.seal(renewed, session.id(), upstream.id()), result.toString(), reason))
                    .map(link -> {
                        LOG.infof("MCP gateway: upstream session of %s on %s was lost (%s); re-initialized, generation %d",
                                session.id(), upstream.id(), reason, link.generation());
                        metrics.reinitialized(upstream.id());
                        return new Renewed(open(session, link),
                                CapabilityChanges.notices(before == null ? null : parse(before), result));
                    });
        });
    }

    /** The client's logging level and subscriptions, again, one request after the other; a refusal is logged, not fatal. */
    private Uni<Void> replaySetup(BoundSession session, String renewed, String version) {
        Uni<Void> replay = Uni.createFrom().voidItem();
        for (ObjectNode request : UpstreamSetup.replay(setupOf(session))) {
            replay = replay.chain(() -> call(client.post(upstream, renewed, version, request), null)
                    .invoke(reply -> {
                        if (!reply.accepted() || reply.messages().stream().anyMatch(JsonRpc::isError)) {
                            LOG.infof("MCP gateway: replaying %s of %s on %s was refused (HTTP %d)",
                                    request.path("method").asText(), session.id(), upstream.id(), reply.status());
                        }
                    }).replaceWithVoid());
        }
        return replay;
    }

    /**
     * The upstream session id of a link. One that no configured key opens (its key was rotated out)
     * is a session the gateway cannot continue: 404, and the client initializes a new one.
     */
    private String open(BoundSession session, UpstreamLink link) {
        try {
            if (link != null) {
                return cipher.open(link.sealedSession(), session.id(), upstream.id());
            }
        } catch (IllegalArgumentException unreadable) {
            LOG.warnf("MCP gateway: the upstream link of %s on %s cannot be opened (%s)", session.id(), upstream.id(),
                    unreadable.getMessage());
        }
        throw new JsonRpcException(404, null, JsonRpc.INVALID_REQUEST, "session not found: initialize a new one");
    }

    /**
     * Every upstream call, timed per upstream. One that cannot reach the upstream or gets no answer in
     * time is 503 with Retry-After and a JSON-RPC error.
     */
    private Uni<UpstreamReply> call(Uni<UpstreamReply> work, JsonNode id) {
        long started = System.nanoTime();
        return work.invoke(reply -> metrics.called(upstream.id(), reply.status() >= 500 ? "error" : "ok",
                        System.nanoTime() - started))
                .onFailure(failure -> !(failure instanceof JsonRpcException)).transform(failure -> unavailable(failure, id,
                        started));
    }

    private JsonRpcException unavailable(Throwable failure, JsonNode id, long started) {
        metrics.called(upstream.id(), "unavailable", System.nanoTime() - started);
        return new JsonRpcException(503, id, JsonRpc.INTERNAL_ERROR, "upstream " + upstream.id() + " is unavailable: "
                + LogSafe.reason(failure), null, Map.of("Retry-After", ProblemMappers.RETRY_AFTER_SECONDS));
    }

    private ObjectNode resultOf(UpstreamReply reply, JsonNode id) {
        for (ObjectNode message : reply.messages()) {
            if (id.equals(message.get("id"))) {
                if (message.get("result") instanceof ObjectNode result) {
                    return result;
                }
                JsonNode error = message.path("error");
                throw new JsonRpcException(reply.accepted() ? 400 : reply.status(), id,
                        error.path("code").asInt(JsonRpc.INTERNAL_ERROR), error.path("message").asText("upstream error"));
            }
        }
        throw new JsonRpcException(reply.status() >= 500 ? 503 : 502, id, JsonRpc.INTERNAL_ERROR, "upstream "
                + upstream.id() + " answered initialize with HTTP " + reply.status() + " and no InitializeResult",
                null, Map.of("Retry-After", ProblemMappers.RETRY_AFTER_SECONDS));
    }

    /** {@code response} null: not known yet (the call waits on the client), counted as a call so far. */
    private static Activity activity(JsonRpcMessage.Request request, ObjectNode response, long durationMs) {
        boolean failed = response != null
                && (response.has("error") || response.path("result").path("isError").asBoolean(false));
        if (request.method().equals("tools/call") && request.params() != null && request.params().path("name").isTextual()) {
            return Activity.toolCall(new ToolCall(request.params().path("name").textValue(), durationMs, !failed));
        }
        return failed ? Activity.error() : Activity.oneRequest();
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored initialize is not JSON", e);
        }
    }
}
