package io.mcp.sessionstore.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jboss.logging.Logger;

import io.mcp.sessionstore.common.LogSafe;
import io.mcp.sessionstore.mcp.transport.JsonRpc;
import io.mcp.sessionstore.mcp.transport.JsonRpcException;
import io.mcp.sessionstore.mcp.transport.JsonRpcMessage;
import io.smallrye.mutiny.Uni;

/**
 * A 2026-07-28 client (no sessions) in front of an upstream that has them: each request gets an
 * upstream session of its own (initialize, initialized, the request, then DELETE), so nothing of one
 * request can leak into another's. The gateway's initialize offers the upstream no client
 * capabilities: 2026-07-28 cannot carry a server-to-client request (sampling, elicitation, roots),
 * so the upstream must not count on one.
 */
final class StatelessCalls {

    private static final Logger LOG = Logger.getLogger(StatelessCalls.class);
    private static final String VERSION = "2025-11-25";

    private final Upstream upstream;
    private final UpstreamSessions links;

    StatelessCalls(Upstream upstream, UpstreamSessions links) {
        this.upstream = upstream;
        this.links = links;
    }

    /** The upstream's response to one request, on an upstream session opened and ended for it. */
    Uni<ObjectNode> answer(JsonRpcMessage.Request request) {
        ObjectNode forwarded = request.json().deepCopy();
        if (forwarded.get("params") instanceof ObjectNode params && params.get("_meta") instanceof ObjectNode meta) {
            meta.remove("io.modelcontextprotocol/protocolVersion"); // the upstream speaks the session's version
        }
        return inSession(request.id(), (session, version) -> links.post(session, version, forwarded, request.id())
                .map(reply -> reply.messages().stream().filter(message -> request.id().equals(message.get("id"))
                        && !message.has("method")).findFirst().orElseGet(() -> JsonRpc.error(request.id(),
                        JsonRpc.INTERNAL_ERROR, "upstream " + upstream.id() + " answered HTTP " + reply.status()
                                + " without a response to this request"))))
                .onFailure(JsonRpcException.class).transform(failure -> ((JsonRpcException) failure).answering(request.id()));
    }

    /** The upstream's capabilities, from the InitializeResult of a session opened for the question. */
    Uni<ObjectNode> capabilities() {
        return inSession(null, (session, version) -> Uni.createFrom().nullItem())
                .map(result -> result.get("capabilities") instanceof ObjectNode capabilities ? capabilities : JsonRpc.object());
    }

    private interface Work {
        Uni<ObjectNode> on(String upstreamSession, String version);
    }

    private Uni<ObjectNode> inSession(JsonNode id, Work work) {
        ObjectNode params = JsonRpc.object().put("protocolVersion", VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "mcp-session-store gateway (2026-07-28 client)").put("version", "1.0.0");
        return links.openSession("gateway-stateless", params, id, null).chain(opened -> {
            String session = opened.upstreamSession();
            String version = opened.version() == null ? VERSION : opened.version();
            Uni<Void> end = Uni.createFrom().deferred(() -> links.delete(session))
                    .onFailure().recoverWithItem(failure -> {
                        LOG.debugf("MCP gateway: ending a 2026-07-28 request's session on %s failed: %s", upstream.id(),
                                LogSafe.reason(failure));
                        return 0;
                    }).replaceWithVoid();
            return work.on(session, version)
                    .map(answer -> answer == null ? opened.result() : answer)
                    .call(() -> end)
                    .onFailure().call(() -> end);
        });
    }
}
