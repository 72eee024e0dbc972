package io.mcp.sessionstore.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcException;
import io.mcp.sessionstore.mcp.transport.JsonRpcMessage;
import io.smallrye.mutiny.Uni;

/**
 * 2026-07-28 clients (no sessions) in front of an upstream that has them. By default the requests
 * of one caller (API key or token subject) share one upstream session on this replica, opened on
 * its first request and again when the upstream lost it, so an upstream that keeps state between
 * calls keeps it for that caller; with {@code "statelessSessions":"per-request"} each request gets an
 * upstream session of its own (initialize, initialized, the request, then DELETE). Requests go out
 * under ids of the gateway's (two clients of one key may both send id 1), their responses come
 * back under the client's. The gateway's initialize offers the upstream no client capabilities:
 * 2026-07-28 cannot carry a server-to-client request (sampling, elicitation, roots), so the upstream
 * must not count on one.
 */
final class StatelessCalls {

    private static final Logger LOG = Logger.getLogger(StatelessCalls.class);
    private static final String VERSION = "2025-11-25";
    /** Callers with a shared upstream session on this replica; the least recently used one's is ended beyond it. */
    static final int MAX_SHARED = 256;

    private final Upstream upstream;
    private final UpstreamSessions links;
    private final AtomicLong ids = new AtomicLong();
    /** By caller, in access order; a failed open is removed so the next request opens again. */
    private final Map<String, Uni<UpstreamSessions.Opened>> shared = new LinkedHashMap<>(16, 0.75f, true);

    StatelessCalls(Upstream upstream, UpstreamSessions links) {
        this.upstream = upstream;
        this.links = links;
    }

    /** The upstream's response to one request of {@code owner} (null: a request of its own, whatever the setting). */
    Uni<ObjectNode> answer(JsonRpcMessage.Request request, String owner) {
        ObjectNode forwarded = request.json().deepCopy();
        if (forwarded.get("params") instanceof ObjectNode params && params.get("_meta") instanceof ObjectNode meta) {
            meta.remove("io.modelcontextprotocol/protocolVersion"); // the upstream speaks the session's version
        }
        forwarded.put("id", "g" + ids.incrementAndGet());
        Uni<ObjectNode> answer = owner == null || upstream.statelessSessions() == Upstream.StatelessSessions.PER_REQUEST
                ? ownSession(request.id(), opened -> call(opened, forwarded, request.id()))
                : onShared(owner, forwarded, request.id(), true);
        return answer.onFailure(JsonRpcException.class).transform(failure -> ((JsonRpcException) failure).answering(request.id()));
    }

    /** The upstream's capabilities, from the InitializeResult of a session opened for the question. */
    Uni<ObjectNode> capabilities() {
        return ownSession(null, opened -> Uni.createFrom().item(opened.result()))
                .map(result -> result.get("capabilities") instanceof ObjectNode capabilities ? capabilities : JsonRpc.object());
    }

    /** On the caller's shared session; once more on a new one when the upstream no longer knows it. */
    private Uni<ObjectNode> onShared(String owner, ObjectNode forwarded, JsonNode clientId, boolean again) {
        Uni<UpstreamSessions.Opened> session = sharedOf(owner, clientId);
        return session.chain(opened -> links.post(opened.upstreamSession(), version(opened), forwarded, clientId)
                .chain(reply -> {
                    if (reply.sessionLost() && again) {
                        forget(owner, session);
                        return onShared(owner, forwarded, clientId, false);
                    }
                    return Uni.createFrom().item(responseIn(reply, forwarded.get("id"), clientId));
                }));
    }

    private Uni<UpstreamSessions.Opened> sharedOf(String owner, JsonNode clientId) {
        Uni<UpstreamSessions.Opened> evicted = null;
        Uni<UpstreamSessions.Opened> session;
        synchronized (shared) {
            session = shared.get(owner);
            if (session == null) {
                java.util.concurrent.atomic.AtomicReference<Uni<UpstreamSessions.Opened>> self =
                        new java.util.concurrent.atomic.AtomicReference<>();
                self.set(links.openSession("gateway-stateless", initializeParams(), clientId, null)
                        .onFailure().invoke(() -> forget(owner, self.get())).memoize().indefinitely());
                session = self.get();
                shared.put(owner, session);
                if (shared.size() > MAX_SHARED) {
                    var eldest = shared.entrySet().iterator().next();
                    evicted = eldest.getValue();
                    shared.remove(eldest.getKey());
                }
            }
        }
        if (evicted != null) {
            evicted.chain(opened -> end(opened.upstreamSession())).subscribe().with(ignored -> { }, ignored -> { });
        }
        return session;
    }

    private void forget(String owner, Uni<UpstreamSessions.Opened> session) {
        synchronized (shared) {
            shared.remove(owner, session);
        }
    }

    private interface Work {
        Uni<ObjectNode> on(UpstreamSessions.Opened opened);
    }

    /** A session opened for this request alone, ended after it whatever happened. */
    private Uni<ObjectNode> ownSession(JsonNode id, Work work) {
        return links.openSession("gateway-stateless", initializeParams(), id, null).chain(opened -> {
            Uni<Void> end = end(opened.upstreamSession());
            return work.on(opened).call(() -> end).onFailure().call(() -> end);
        });
    }

    private Uni<ObjectNode> call(UpstreamSessions.Opened opened, ObjectNode forwarded, JsonNode clientId) {
        return links.post(opened.upstreamSession(), version(opened), forwarded, clientId)
                .map(reply -> responseIn(reply, forwarded.get("id"), clientId));
    }

    /** The response to the forwarded id, under the client's id; a JSON-RPC error when the upstream gave none. */
    private ObjectNode responseIn(UpstreamReply reply, JsonNode forwardedId, JsonNode clientId) {
        for (ObjectNode message : reply.messages()) {
            if (forwardedId.equals(message.get("id")) && !message.has("method")) {
                ObjectNode response = message.deepCopy();
                response.set("id", clientId);
                return response;
            }
        }
        return JsonRpc.error(clientId, JsonRpc.INTERNAL_ERROR, "upstream " + upstream.id() + " answered HTTP "
                + reply.status() + " without a response to this request");
    }

    private Uni<Void> end(String upstreamSession) {
        return Uni.createFrom().deferred(() -> links.delete(upstreamSession)).onFailure().recoverWithItem(failure -> {
            LOG.debugf("MCP gateway: ending a 2026-07-28 upstream session on %s failed: %s", upstream.id(),
                    LogSafe.reason(failure));
            return 0;
        }).replaceWithVoid();
    }

    private static String version(UpstreamSessions.Opened opened) {
        return opened.version() == null ? VERSION : opened.version();
    }

    private static ObjectNode initializeParams() {
        ObjectNode params = JsonRpc.object().put("protocolVersion", VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "mcp-session-store gateway (2026-07-28 client)").put("version", "1.0.0");
        return params;
    }
}
