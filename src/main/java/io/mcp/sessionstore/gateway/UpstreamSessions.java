package io.mcp.sessionstore.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogFields;
import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcException;
import io.mcp.sessionstore.problem.ProblemMappers;
import io.mcp.sessionstore.session.BoundSession;
import io.mcp.sessionstore.session.SessionScope;
import io.mcp.sessionstore.session.SessionService;
import io.mcp.sessionstore.session.UpstreamLink;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The upstream sessions behind the client sessions of one upstream: opening a session's link, every
 * call timed and bounded, and the re-initialize of a lost upstream session, once per loss.
 */
final class UpstreamSessions {

    private static final Logger LOG = Logger.getLogger(UpstreamSessions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.Duration AWAIT_OTHER_REPLICA = java.time.Duration.ofMillis(100);

    private final Upstream upstream;
    private final UpstreamClient client;
    /** The legacy SSE streams or stdio children this upstream's sessions are; null for Streamable HTTP. */
    private final HeldSessions held;
    private final SessionService sessions;
    private final SessionCipher cipher;
    private final UpstreamMetrics metrics;
    private final UpstreamTracing tracing;
    /** Requests of one session that meet the same loss wait for one re-initialize (per replica). */
    private final Map<String, Uni<Renewed>> reinitializing = new ConcurrentHashMap<>();

    UpstreamSessions(Upstream upstream, UpstreamClient client, HeldSessions held, SessionService sessions,
            SessionCipher cipher, UpstreamMetrics metrics, UpstreamTracing tracing) {
        this.upstream = upstream;
        this.tracing = tracing;
        this.client = client;
        this.held = held;
        this.sessions = sessions;
        this.cipher = cipher;
        this.metrics = metrics;
    }

    /**
     * Every upstream call, timed per upstream by its status. One that cannot reach the upstream or gets
     * no answer in time is 503 with Retry-After and a JSON-RPC error.
     */
    <T> Uni<T> timed(Uni<T> work, ToIntFunction<T> status, JsonNode id) {
        long started = System.nanoTime();
        return work.invoke(answer -> metrics.called(upstream.id(), status.applyAsInt(answer) >= 500 ? "error" : "ok",
                        System.nanoTime() - started))
                .onFailure(failure -> !(failure instanceof JsonRpcException)).transform(failure -> {
                    metrics.called(upstream.id(), "unavailable", System.nanoTime() - started);
                    return new JsonRpcException(503, id, JsonRpc.INTERNAL_ERROR, "upstream " + upstream.id()
                            + " is unavailable: " + LogSafe.reason(failure), null,
                            Map.of("Retry-After", ProblemMappers.RETRY_AFTER_SECONDS));
                });
    }

    /** A message on an upstream session for no client session (a 2026-07-28 caller's). */
    Uni<UpstreamReply> post(String upstreamSession, String version, ObjectNode message, JsonNode id) {
        return post(upstreamSession, version, message, id, null);
    }

    /**
     * A message on an upstream session. {@code clientSession}: the client session it is sent for (a
     * new upstream session is opened for it, a stdio child's log lines name it, its span carries its
     * fingerprint), null when there is none.
     */
    Uni<UpstreamReply> post(String upstreamSession, String version, ObjectNode message, JsonNode id, String clientSession) {
        return traced("POST", message, clientSession, traced -> held != null
                ? held.post(upstream, upstreamSession, traced.message(), clientSession)
                : client.post(upstream, upstreamSession, version, traced.message(), traced.headers()),
                UpstreamReply::status, id);
    }

    /** A request whose answer is read as it comes (a legacy SSE upstream's from its one stream, a stdio child's from its stdout). */
    Uni<UpstreamStream> stream(String upstreamSession, String version, ObjectNode message, JsonNode id, String clientSession) {
        return tracedStream("POST", message, clientSession, traced -> held != null
                ? held.postStreaming(upstream, upstreamSession, traced.message())
                : client.postStreaming(upstream, upstreamSession, version, traced.message(), traced.headers()), id);
    }

    /**
     * The upstream's stream of a call after one of its events (a call taken over from another
     * replica); the 2024-11-05 transport and stdio have no resumable streams (405).
     */
    Uni<UpstreamStream> resume(String upstreamSession, String version, String lastEventId, java.time.Duration quiet,
            JsonNode id, String clientSession) {
        if (held != null) {
            return Uni.createFrom().item(new UpstreamStream(405, null, Multi.createFrom().empty()));
        }
        return tracedStream("resume", null, clientSession,
                traced -> client.resume(upstream, upstreamSession, version, lastEventId, quiet, traced.headers()), id);
    }

    /** The upstream's standalone stream of a session; a legacy SSE or stdio upstream has none apart from its one stream (405). */
    Uni<UpstreamStream> listen(String upstreamSession, String version, String clientSession) {
        if (held != null) {
            return Uni.createFrom().item(new UpstreamStream(405, null, Multi.createFrom().empty()));
        }
        return tracedStream("listen", null, clientSession,
                traced -> client.listen(upstream, upstreamSession, version, traced.headers()), null);
    }

    private <T> Uni<T> traced(String operation, ObjectNode message, String clientSession,
            java.util.function.Function<UpstreamTracing.Traced, Uni<T>> call, ToIntFunction<T> status, JsonNode id) {
        return timed(tracing.call(upstream, operation, message, clientSession, call, status), status, id);
    }

    private Uni<UpstreamStream> tracedStream(String operation, ObjectNode message, String clientSession,
            java.util.function.Function<UpstreamTracing.Traced, Uni<UpstreamStream>> call, JsonNode id) {
        return timed(tracing.stream(upstream, operation, message, clientSession, call), UpstreamStream::status, id);
    }

    /** Ends an upstream session; 404 and 405 (already gone, or not supported) are fine. */
    Uni<Integer> delete(String upstreamSession) {
        return held != null ? held.delete(upstream, upstreamSession) : client.delete(upstream, upstreamSession, null);
    }

    /** A new upstream session, its generation, and the list_changed notifications the client gets when its capabilities differ. */
    record Renewed(String upstreamSession, int generation, List<ObjectNode> notices) {
    }

    Uni<Renewed> reinitialize(BoundSession session, String reason) {
        String key = session.id() + ":" + session.upstream().generation();
        // a block, not an expression: eventually(() -> map.remove(key)) would subscribe to the removed Uni itself
        return reinitializing.computeIfAbsent(key, ignored -> newUpstreamSession(session, reason)
                .eventually(() -> {
                    reinitializing.remove(key);
                }).memoize().indefinitely());
    }

    /**
     * A request that read the session before another one moved its link, and met the loss after that
     * one finished, finds the new link in the row and takes it: no second initialize. Across
     * replicas, the one that takes the row's re-initialize lease initializes; the others read the
     * row again every {@link #AWAIT_OTHER_REPLICA} until the link moved, or the lease ran out (that
     * replica died: they try for it themselves).
     */
    private Uni<Renewed> newUpstreamSession(BoundSession session, String reason) {
        long deadline = System.nanoTime() + reinitializeLease().toNanos() * 2;
        return renewedOrClaimed(session, reason, deadline);
    }

    private Uni<Renewed> renewedOrClaimed(BoundSession session, String reason, long deadline) {
        int lost = session.upstream().generation();
        return sessions.findFor(SessionScope.ANY, session.id()).chain(current -> {
            UpstreamLink link = current.upstream();
            if (link != null && link.generation() > lost) {
                return Uni.createFrom().item(new Renewed(open(session, link), link.generation(), List.of()));
            }
            if (System.nanoTime() > deadline) {
                return Uni.createFrom().failure(new JsonRpcException(503, null, JsonRpc.INTERNAL_ERROR, "upstream "
                        + upstream.id() + " is being re-initialized for this session by another gateway replica; retry",
                        null, Map.of("Retry-After", ProblemMappers.RETRY_AFTER_SECONDS)));
            }
            return sessions.claimUpstreamReinitialize(session.id(), lost, reinitializeLease()).chain(claimed -> claimed
                    ? initializeAgain(session, reason).onFailure().call(failure ->
                            sessions.releaseUpstreamReinitialize(session.id(), lost).onFailure().recoverWithNull())
                    : Uni.createFrom().voidItem().onItem().delayIt().by(AWAIT_OTHER_REPLICA)
                            .chain(() -> renewedOrClaimed(session, reason, deadline)));
        });
    }

    /** Initialize, initialized and the setup replay, each bounded by the upstream's timeout. */
    private java.time.Duration reinitializeLease() {
        return upstream.timeout().multipliedBy(2);
    }

    /** A new upstream session: its id, the version and InitializeResult it answered. */
    record Opened(String upstreamSession, String version, ObjectNode result) {
    }

    /**
     * initialize with these params, then notifications/initialized: a new upstream session, for a
     * re-initialize or a request of its own. {@code id}: the client request it is opened for (errors);
     * {@code clientSession}: the client session, null when there is none.
     */
    Uni<Opened> openSession(String name, ObjectNode params, JsonNode id, String clientSession) {
        ObjectNode initialize = JsonRpc.object().put("jsonrpc", "2.0").put("id", name).put("method", "initialize");
        initialize.set("params", params);
        return post(null, null, initialize, id, clientSession).chain(reply -> {
            ObjectNode result = resultOf(reply, initialize.get("id"));
            Opened opened = new Opened(reply.sessionId() == null ? "" : reply.sessionId(),
                    result.path("protocolVersion").asText(null), result);
            ObjectNode initialized = JsonRpc.notification("notifications/initialized", null);
            initialized.remove("params");
            return post(opened.upstreamSession(), opened.version(), initialized, id, clientSession).replaceWith(opened);
        });
    }

    private Uni<Renewed> initializeAgain(BoundSession session, String reason) {
        String params = session.view().gateway() == null ? "{}" : session.view().gateway().clientInitialize();
        String before = session.view().gateway() == null ? null : session.view().gateway().upstreamInitializeResult();
        return openSession("gateway-reinitialize", (ObjectNode) parse(params), null, session.id()).chain(opened -> {
            ObjectNode result = opened.result();
            String renewed = opened.upstreamSession();
            String version = opened.version();
            return replaySetup(session, renewed, version)
                    .chain(() -> sessions.relinkUpstream(session.id(), session.upstream(),
                            cipher.seal(renewed, session.id(), upstream.id()), result.toString(), reason))
                    .map(link -> {
                        LogFields.log(LOG, Logger.Level.INFO, session.id(), upstream.id(), "MCP gateway: upstream session "
                                + "of %s on %s was lost (%s); re-initialized, generation %d",
                                LogSafe.fingerprint(session.id()), upstream.id(), reason, link.generation());
                        metrics.reinitialized(upstream.id());
                        return new Renewed(open(session, link), link.generation(),
                                CapabilityChanges.notices(before == null ? null : parse(before), result));
                    });
        });
    }

    /** The client's logging level and subscriptions, again, one request after the other; a refusal is logged, not fatal. */
    private Uni<Void> replaySetup(BoundSession session, String renewed, String version) {
        Uni<Void> replay = Uni.createFrom().voidItem();
        for (ObjectNode request : UpstreamSetup.replay(setupOf(session))) {
            replay = replay.chain(() -> post(renewed, version, request, null, session.id())
                    .invoke(reply -> {
                        if (!reply.accepted() || reply.messages().stream().anyMatch(JsonRpc::isError)) {
                            LogFields.log(LOG, Logger.Level.INFO, session.id(), upstream.id(), "MCP gateway: replaying %s "
                                    + "of %s on %s was refused (HTTP %d)", request.path("method").asText(),
                                    LogSafe.fingerprint(session.id()), upstream.id(), reply.status());
                        }
                    }).replaceWithVoid());
        }
        return replay;
    }

    /**
     * The upstream session id of a link. One that no configured key opens (its key was rotated out)
     * is a session the gateway cannot continue: 404, and the client initializes a new one.
     */
    String open(BoundSession session, UpstreamLink link) {
        try {
            if (link != null) {
                return cipher.open(link.sealedSession(), session.id(), upstream.id());
            }
        } catch (IllegalArgumentException unreadable) {
            LogFields.log(LOG, Logger.Level.WARN, session.id(), upstream.id(), "MCP gateway: the upstream link of %s on %s "
                    + "cannot be opened (%s)", LogSafe.fingerprint(session.id()), upstream.id(), unreadable.getMessage());
        }
        throw new JsonRpcException(404, null, JsonRpc.INVALID_REQUEST, "session not found: initialize a new one");
    }

    ObjectNode resultOf(UpstreamReply reply, JsonNode id) {
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

    static JsonNode setupOf(BoundSession session) {
        return session.view().gateway() == null ? null : parse(session.view().gateway().upstreamSetup());
    }

    static JsonNode parse(String json) {
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
